package io.postern.spa.codec;

import io.postern.spa.MessageRules;
import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.RijndaelCipher;
import io.postern.spa.crypto.SpaBase64;
import io.postern.spa.gpg.GpgEncryptor;
import io.postern.spa.gpg.GpgKeyException;
import io.postern.spa.gpg.GpgSender;
import io.postern.spa.gpg.GpgWire;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Objects;

/**
 * Builds fwknop 2.6 packets byte-compatible with the real client: plaintext fields, inner digest,
 * Rijndael in the chosen mode, HMAC over the prefixed base64, prefix dropped on the wire. It refuses
 * (with a reason) anything the real fwknopd would reject, including packets of 400 characters or
 * more, which fwknopd takes for GPG.
 *
 * <p>With GPG keys ({@link SpaKeys#gpg()} holding a sender) it builds {@code fwknop -g} packets: the
 * same plaintext signed and encrypted with OpenPGP, base64 without {@code =}, HMAC over that text, its
 * first two characters dropped. Those are {@code hQ} for RSA recipients; for ECC recipients they are
 * {@code hF}, which only Postern restores (check {@link GpgSender#fwknopdCompatible()}).
 */
public final class SpaEncoder {

    private static final int MIN_PLAINTEXT = 36;
    private static final int MAX_PLAINTEXT = 1499;

    private final SecureRandom random;

    /** An encoder drawing salts and random values from {@code random}. */
    public SpaEncoder(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public SpaEncoder() {
        this(new SecureRandom());
    }

    /** 16 random decimal digits for the random-value field. */
    public String newRandomValue() {
        StringBuilder b = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** Encodes with a fresh random salt (Rijndael) or session key (GPG). */
    public String encode(SpaMessage msg, SpaKeys keys, DigestType digest) throws SpaEncodeException {
        if (keys.hasGpg()) {
            return encodeGpg(msg, keys, digest);
        }
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        return encode(msg, keys, digest, salt);
    }

    /** Encodes with the given 8-byte salt (deterministic output for tests and vectors). */
    public static String encode(SpaMessage msg, SpaKeys keys, DigestType digest, byte[] salt)
            throws SpaEncodeException {
        validate(msg, keys);
        SpaMessage m = normalized(msg);
        String plaintext = PlaintextCodec.withDigest(PlaintextCodec.encodeFields(m), digest);
        if (plaintext.length() < MIN_PLAINTEXT || plaintext.length() > MAX_PLAINTEXT) {
            throw new SpaEncodeException("plaintext of " + plaintext.length() + " bytes outside "
                    + MIN_PLAINTEXT + ".." + MAX_PLAINTEXT);
        }
        String full = RijndaelCipher.encrypt(plaintext.getBytes(StandardCharsets.ISO_8859_1), keys.key(),
                keys.mode(), salt);
        String mac = "";
        if (keys.hasHmac()) {
            mac = SpaBase64.encodeNoPad(keys.hmacType().mac(keys.hmacKey().bytes(),
                    full.getBytes(StandardCharsets.US_ASCII)));
        }
        String wire = full.substring(RijndaelCipher.SALTED_PREFIX_B64.length()) + mac;
        if (wire.length() >= SpaPrecheck.MIN_GPG_PACKET) {
            throw new SpaEncodeException("the packet would be " + wire.length() + " characters; fwknopd takes "
                    + SpaPrecheck.MIN_GPG_PACKET + " or more for GPG and would drop it. Request fewer ports, "
                    + "or use a shorter digest (-m sha256) or HMAC (--hmac-digest-type sha256)");
        }
        if (wire.length() < SpaPrecheck.MIN_PACKET) {
            throw new SpaEncodeException("the packet would be only " + wire.length() + " characters; fwknopd "
                    + "ignores packets under " + SpaPrecheck.MIN_PACKET + ". Use an HMAC key (--key-base64-hmac)");
        }
        return wire;
    }

    private String encodeGpg(SpaMessage msg, SpaKeys keys, DigestType digest) throws SpaEncodeException {
        GpgSender sender = keys.gpg().sender();
        if (sender == null) {
            throw new SpaEncodeException("GPG encoding needs a recipient key (--gpg-recipient-key)");
        }
        validate(msg, keys);
        String plaintext = PlaintextCodec.withDigest(PlaintextCodec.encodeFields(normalized(msg)), digest);
        if (plaintext.length() < MIN_PLAINTEXT || plaintext.length() > MAX_PLAINTEXT) {
            throw new SpaEncodeException("plaintext of " + plaintext.length() + " bytes outside "
                    + MIN_PLAINTEXT + ".." + MAX_PLAINTEXT);
        }
        String full;
        try {
            full = SpaBase64.encodeNoPad(GpgEncryptor.encrypt(plaintext.getBytes(StandardCharsets.ISO_8859_1),
                    sender, random, new Date(msg.timestamp() * 1000L)));
        } catch (GpgKeyException e) {
            throw new SpaEncodeException(e.getMessage());
        }
        if (!GpgWire.PREFIXES.contains(full.substring(0, 2))) {
            throw new SpaEncodeException("the OpenPGP message starts with '" + full.substring(0, 2)
                    + "', which no receiver restores (expected hQ or hF)");
        }
        String mac = keys.hasHmac() ? SpaBase64.encodeNoPad(keys.hmacType().mac(keys.hmacKey().bytes(),
                full.getBytes(StandardCharsets.US_ASCII))) : "";
        String wire = GpgWire.toWire(full) + mac;
        if (wire.length() > SpaPrecheck.MAX_PACKET) {
            throw new SpaEncodeException("the GPG packet would be " + wire.length() + " characters, above fwknopd's "
                    + SpaPrecheck.MAX_PACKET + " (upstream issue #211): use a 2048-bit RSA or an ECC key");
        }
        if (wire.length() < SpaPrecheck.MIN_GPG_PACKET) {
            throw new SpaEncodeException("the GPG packet would be only " + wire.length() + " characters; receivers take "
                    + "packets under " + SpaPrecheck.MIN_GPG_PACKET + " for Rijndael. Sign it (--gpg-signer-key) or "
                    + "add an HMAC (--key-base64-hmac)");
        }
        return wire;
    }

    /** Applies fwknop's type rule: a client timeout moves 1/2/5 to 3/4/6 and 0 moves them back. */
    private static SpaMessage normalized(SpaMessage m) {
        MessageType t = m.type().withClientTimeout(m.clientTimeout() > 0);
        String nat = t.hasNat() ? m.natAccess() : null;
        int timeout = t.hasClientTimeout() ? m.clientTimeout() : 0;
        if (t == m.type() && Objects.equals(nat, m.natAccess()) && timeout == m.clientTimeout()) {
            return m;
        }
        return new SpaMessage(m.randomValue(), m.username(), m.timestamp(), m.version(), t, m.message(), nat,
                m.serverAuth(), timeout);
    }

    private static void validate(SpaMessage m, SpaKeys keys) throws SpaEncodeException {
        if (!keys.mode().isRijndael() && !keys.hasGpg()) {
            throw new SpaEncodeException("asymmetric mode needs GPG keys (-g --gpg-recipient-key)");
        }
        if (keys.hasGpg()) {
            if (keys.hasHmac() && keys.hmacKey().length() > io.postern.spa.crypto.HmacType.MAX_KEY_LENGTH) {
                throw new SpaEncodeException("the HMAC key is " + keys.hmacKey().length() + " bytes, at most "
                        + io.postern.spa.crypto.HmacType.MAX_KEY_LENGTH);
            }
        } else if (keys.key().length() > RijndaelCipher.MAX_KEY_LENGTH && keys.mode() != EncryptionMode.LEGACY) {
            throw new SpaEncodeException("Invalid key length: the Rijndael key is " + keys.key().length()
                    + " bytes, at most " + RijndaelCipher.MAX_KEY_LENGTH);
        }
        if (keys.hasHmac() && !keys.hasGpg()) {
            if (keys.hmacKey().sameAs(keys.key())) {
                throw new SpaEncodeException("the encryption key and the HMAC key should not be identical");
            }
            if (keys.hmacKey().length() > io.postern.spa.crypto.HmacType.MAX_KEY_LENGTH) {
                throw new SpaEncodeException("the HMAC key is " + keys.hmacKey().length() + " bytes, at most "
                        + io.postern.spa.crypto.HmacType.MAX_KEY_LENGTH);
            }
            if (keys.mode() == EncryptionMode.LEGACY) {
                throw new SpaEncodeException("legacy encryption mode cannot be combined with an HMAC "
                        + "(fwknop refuses it too)");
            }
        }
        if (m.randomValue().length() != 16 || !m.randomValue().chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SpaEncodeException("random value must be 16 digits");
        }
        String err = MessageRules.checkUsername(m.username());
        if (err == null && SpaBase64.encodeNoPad(m.username().getBytes(StandardCharsets.ISO_8859_1)).length()
                > MessageRules.MAX_USERNAME_B64) {
            err = "username longer than 48 characters";
        }
        if (err == null) {
            err = MessageRules.checkMessage(m.type(), m.message());
        }
        if (err == null && SpaBase64.encodeNoPad(m.message().getBytes(StandardCharsets.ISO_8859_1)).length()
                > MessageRules.MAX_MESSAGE_B64) {
            err = "message too long (" + m.message().length() + " characters, at most 192)";
        }
        if (err == null && m.type().hasNat()) {
            err = MessageRules.checkNatAccess(m.natAccess());
        }
        if (err == null && m.clientTimeout() > MessageRules.MAX_CLIENT_TIMEOUT) {
            err = "client timeout " + m.clientTimeout() + " above " + MessageRules.MAX_CLIENT_TIMEOUT
                    + ", which fwknopd rejects";
        }
        if (err == null && (m.version().isEmpty() || m.version().length() > 8 || m.version().indexOf(':') >= 0)) {
            err = "version must be 1..8 characters without ':'";
        }
        if (err == null && m.timestamp() < 0) {
            err = "negative timestamp";
        }
        if (err != null) {
            throw new SpaEncodeException(err);
        }
    }
}
