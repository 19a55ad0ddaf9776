package io.postern.spa.gpg;

import io.postern.spa.gpg.GpgDecryption.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.util.encoders.Hex;

/**
 * Decrypts one binary OpenPGP message with a stanza's private keys and applies its
 * {@link SignatureRules}: integrity protection (MDC) required, at most a small plaintext read (no
 * decompression bomb), only the first signature counts.
 */
final class GpgDecryptor {

    /** Far above fwknop's 1500-byte packet; bounds decompression. */
    private static final int MAX_PLAINTEXT = 8192;

    private GpgDecryptor() {
    }

    static GpgDecryption decrypt(byte[] message, Map<Long, PGPPrivateKey> privateKeys, GpgKeyring keyring,
                                 SignatureRules rules) {
        PGPPublicKeyEncryptedData chosen = null;
        PGPPrivateKey key = null;
        StringBuilder recipients = new StringBuilder();
        try {
            Object first = new PGPObjectFactory(message, new BcKeyFingerprintCalculator()).nextObject();
            if (!(first instanceof PGPEncryptedDataList list)) {
                return GpgDecryption.failed(Failure.DECRYPT, "not an OpenPGP encrypted message");
            }
            for (PGPEncryptedData ed : list) {
                if (ed instanceof PGPPublicKeyEncryptedData pk) {
                    recipients.append(recipients.length() == 0 ? "" : ", ").append(String.format("%016X", pk.getKeyID()));
                    if (chosen == null && privateKeys.containsKey(pk.getKeyID())) {
                        chosen = pk;
                        key = privateKeys.get(pk.getKeyID());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return GpgDecryption.failed(Failure.DECRYPT, "not an OpenPGP encrypted message: " + e.getMessage());
        }
        if (chosen == null) {
            return GpgDecryption.failed(Failure.DECRYPT, "No secret key: encrypted to " + recipients);
        }
        Content content;
        try {
            content = read(chosen.getDataStream(new BcPublicKeyDataDecryptorFactory(key)));
            if (!chosen.isIntegrityProtected()) {
                return GpgDecryption.failed(Failure.DECRYPT, "message is not integrity protected (no MDC)");
            }
            if (!chosen.verify()) {
                return GpgDecryption.failed(Failure.DECRYPT, "corrupted symmetrically encrypted data (MDC mismatch)");
            }
        } catch (PGPException | IOException | RuntimeException e) {
            return GpgDecryption.failed(Failure.DECRYPT, "Decryption failed: " + e.getMessage());
        }
        if (content.literal == null) {
            return GpgDecryption.failed(Failure.DECRYPT, "no literal data in the OpenPGP message");
        }
        if (!rules.requireSig()) {
            return GpgDecryption.ok(content.literal, null);
        }
        if (content.signature == null) {
            return GpgDecryption.failed(Failure.SIGNATURE, "Missing GPG signature");
        }
        GpgSigner signer = check(content, keyring, rules);
        if (!signer.verified() && !rules.ignoreVerifyError()) {
            return GpgDecryption.failed(Failure.SIGNATURE, "Bad GPG signature from " + signer + ": " + content.problem);
        }
        if (!signer.validity().acceptable() && !rules.ignoreVerifyError()) {
            return GpgDecryption.failed(Failure.SIGNATURE, "GPG signature from " + signer + " is good, but the key's validity is "
                    + signer.validity().name().toLowerCase(java.util.Locale.ROOT) + " (at least marginal needed)");
        }
        String refusal = rules.listRefusal(signer);
        if (refusal != null) {
            return GpgDecryption.failed(Failure.SIGNATURE, refusal);
        }
        return GpgDecryption.ok(content.literal, signer);
    }

    /** Verifies the first signature; records a problem in {@code c.problem} when it does not verify. */
    private static GpgSigner check(Content c, GpgKeyring keyring, SignatureRules rules) {
        PGPSignature sig = c.signature;
        Optional<PGPPublicKeyRing> ring = keyring.ringOf(sig.getKeyID());
        if (ring.isEmpty()) {
            c.problem = "No public key";
            String fpr = issuerFingerprint(sig);
            return new GpgSigner(KeyIds.shortId(fpr), fpr, GpgValidity.UNKNOWN, false);
        }
        PGPPublicKey signingKey = ring.get().getPublicKey(sig.getKeyID());
        String fpr = KeyIds.fingerprint(signingKey);
        GpgValidity validity = keyring.validity(ring.get().getPublicKey());
        boolean good = false;
        try {
            if (sig.getSignatureType() == PGPSignature.BINARY_DOCUMENT
                    || sig.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT) {
                sig.init(new BcPGPContentVerifierBuilderProvider(), signingKey);
                sig.update(c.literal);
                good = sig.verify();
            }
            c.problem = good ? null : "signature does not verify";
        } catch (PGPException | RuntimeException e) {
            c.problem = "signature cannot be checked: " + e.getMessage();
        }
        if (good) {
            String unusable = GpgKeyring.unusableReason(ring.get(), signingKey, sig.getCreationTime().getTime() / 1000);
            if (unusable != null) {
                good = false;
                c.problem = unusable;
            }
        }
        return new GpgSigner(KeyIds.shortId(fpr), fpr, validity, good);
    }

    private static String issuerFingerprint(PGPSignature sig) {
        PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
        if (hashed != null && hashed.getSubpacket(SignatureSubpacketTags.ISSUER_FINGERPRINT) != null) {
            IssuerFingerprint f = hashed.getIssuerFingerprint();
            return Hex.toHexString(f.getFingerprint()).toUpperCase(java.util.Locale.ROOT);
        }
        return String.format("%016X", sig.getKeyID());
    }

    /** The decrypted packets we look at. */
    private static final class Content {
        byte[] literal;
        PGPSignature signature;
        String problem;
    }

    private static Content read(InputStream clear) throws IOException, PGPException {
        Content c = new Content();
        PGPObjectFactory f = new PGPObjectFactory(clear, new BcKeyFingerprintCalculator());
        int compressionDepth = 0;
        Object o;
        while ((o = f.nextObject()) != null) {
            if (o instanceof PGPCompressedData cd) {
                if (++compressionDepth > 1) {
                    throw new PGPException("nested compression");
                }
                f = new PGPObjectFactory(cd.getDataStream(), new BcKeyFingerprintCalculator());
            } else if (o instanceof PGPLiteralData ld) {
                if (c.literal != null) {
                    throw new PGPException("more than one literal data packet");
                }
                c.literal = readLimited(ld.getInputStream());
            } else if (o instanceof PGPSignatureList sl) {
                if (c.signature == null && !sl.isEmpty()) {
                    c.signature = sl.get(0);
                }
            } else if (!(o instanceof PGPOnePassSignatureList)) {
                throw new PGPException("unexpected " + o.getClass().getSimpleName() + " in the message");
            }
        }
        return c;
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_PLAINTEXT) {
                throw new IOException("plaintext longer than " + MAX_PLAINTEXT + " bytes");
            }
        }
        return out.toByteArray();
    }
}
