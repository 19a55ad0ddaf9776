package io.postern.spa.codec;

import io.postern.spa.MessageRules;
import io.postern.spa.MessageType;
import io.postern.spa.Rejection;
import io.postern.spa.SpaMessage;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.SpaBase64;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The SPA plaintext: {@code random:user:time:version:type:message[:nat][:server_auth][:timeout]:digest}
 * with fwknop's field rules ({@code lib/fko_encode.c}, {@code lib/fko_decode.c}).
 */
final class PlaintextCodec {

    private static final int RANDOM_LENGTH = 16;
    private static final int MAX_TIMESTAMP = 12;
    private static final int MAX_VERSION = 8;
    private static final int MAX_TYPE = 2;
    private static final int MIN_SEPARATORS = 6;

    private PlaintextCodec() {
    }

    /** The encoded fields without the digest. Fields must have been validated. */
    static String encodeFields(SpaMessage m) {
        StringBuilder b = new StringBuilder(256);
        b.append(m.randomValue()).append(':')
                .append(b64(m.username())).append(':')
                .append(m.timestamp()).append(':')
                .append(m.version()).append(':')
                .append(m.type().code()).append(':')
                .append(b64(m.message()));
        if (m.natAccess() != null) {
            b.append(':').append(b64(m.natAccess()));
        }
        if (m.serverAuth() != null) {
            b.append(':').append(b64(m.serverAuth()));
        }
        if (m.clientTimeout() > 0 && m.type() != MessageType.COMMAND) {
            b.append(':').append(m.clientTimeout());
        }
        return b.toString();
    }

    /** Fields plus {@code :digest}. */
    static String withDigest(String fields, DigestType d) {
        return fields + ':' + SpaBase64.encodeNoPad(d.digest(fields.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String b64(String s) {
        return SpaBase64.encodeNoPad(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Thrown inside the parser only; becomes a rejection. */
    private static final class Bad extends Exception {
        final Rejection rejection;

        Bad(Rejection r, String m) {
            super(m, null, false, false);
            this.rejection = r;
        }
    }

    /** Parses a decrypted plaintext; the detected digest type is returned with the message. */
    static DecodeResult decode(byte[] pt, io.postern.spa.crypto.HmacType hmacType,
                               io.postern.spa.crypto.EncryptionMode mode) {
        try {
            String text = new String(pt, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new Bad(Rejection.MALFORMED, "decrypted data contains a non-printable byte");
                }
            }
            if (count(text, ':', 0) < MIN_SEPARATORS) {
                throw new Bad(Rejection.MALFORMED, "too few fields");
            }
            int lastColon = text.lastIndexOf(':');
            String fields = text.substring(0, lastColon);
            DigestType digest = verifyDigest(fields, text.substring(lastColon + 1));
            return DecodeResult.accepted(parseFields(fields), digest, hmacType, mode);
        } catch (Bad b) {
            return DecodeResult.rejected(b.rejection, b.getMessage());
        }
    }

    private static DigestType verifyDigest(String fields, String digestB64) throws Bad {
        DigestType t = DigestType.forBase64Length(digestB64.length());
        if (t == null) {
            throw new Bad(Rejection.MALFORMED, "digest field of " + digestB64.length() + " characters matches no digest type");
        }
        byte[] data = fields.getBytes(StandardCharsets.ISO_8859_1);
        byte[] wanted = digestB64.getBytes(StandardCharsets.ISO_8859_1);
        if (matches(t, data, wanted)) {
            return t;
        }
        DigestType alt = t.sha3Alternative();
        if (alt != null && matches(alt, data, wanted)) {
            return alt;
        }
        throw new Bad(Rejection.DIGEST, "The computed digest did not match the digest in the spa data");
    }

    private static boolean matches(DigestType t, byte[] data, byte[] wantedB64) {
        byte[] got = SpaBase64.encodeNoPad(t.digest(data)).getBytes(StandardCharsets.ISO_8859_1);
        return MessageDigest.isEqual(got, wantedB64);
    }

    private static SpaMessage parseFields(String s) throws Bad {
        String[] f = s.split(":", -1);
        // f: 0 random, 1 user, 2 time, 3 version, 4 type, 5 message, then optional fields
        String random = f[0];
        if (random.length() != RANDOM_LENGTH || !digits(random)) {
            throw new Bad(Rejection.MALFORMED, "random value is not 16 digits");
        }
        String user = b64Field(f[1], MessageRules.MAX_USERNAME_B64, "username");
        String userErr = MessageRules.checkUsername(user);
        if (userErr != null) {
            throw new Bad(Rejection.MALFORMED, userErr);
        }
        if (f[2].isEmpty() || f[2].length() > MAX_TIMESTAMP || !digits(f[2])) {
            throw new Bad(Rejection.MALFORMED, "timestamp is not 1..12 digits");
        }
        long timestamp = Long.parseLong(f[2]);
        if (timestamp > Integer.MAX_VALUE) {
            throw new Bad(Rejection.MALFORMED, "timestamp out of range");
        }
        String version = f[3];
        if (version.isEmpty() || version.length() > MAX_VERSION) {
            throw new Bad(Rejection.MALFORMED, "version field is not 1..8 characters");
        }
        if (f[4].isEmpty() || f[4].length() > MAX_TYPE || !digits(f[4])) {
            throw new Bad(Rejection.MALFORMED, "message type is not a number");
        }
        MessageType type = MessageType.fromCode(Integer.parseInt(f[4]));
        if (type == null) {
            throw new Bad(Rejection.MALFORMED, "unknown message type " + f[4]);
        }
        int separatorsFromType = f.length - 5;
        if (separatorsFromType > type.maxFieldSeparators()) {
            throw new Bad(Rejection.MALFORMED, "too many fields for message type " + type.code());
        }
        String message = b64Field(f[5], MessageRules.MAX_MESSAGE_B64, "message");
        String msgErr = MessageRules.checkMessage(type, message);
        if (msgErr != null) {
            throw new Bad(Rejection.MALFORMED, msgErr);
        }
        if (type == MessageType.COMMAND && hasControl(message)) {
            throw new Bad(Rejection.MALFORMED, "command text contains a control character");
        }
        int next = 6;
        String nat = null;
        if (type.hasNat()) {
            if (next >= f.length) {
                throw new Bad(Rejection.MALFORMED, "missing NAT access field");
            }
            nat = b64Field(f[next++], MessageRules.MAX_MESSAGE_B64, "NAT access");
            String natErr = MessageRules.checkNatAccess(nat);
            if (natErr != null) {
                throw new Bad(Rejection.MALFORMED, natErr);
            }
        }
        String serverAuth = null;
        int timeout = 0;
        int remaining = f.length - next;
        if (type.hasClientTimeout()) {
            if (remaining < 1) {
                throw new Bad(Rejection.MALFORMED, "missing client timeout");
            }
            if (remaining == 2) {
                serverAuth = b64Field(f[next++], MessageRules.MAX_MESSAGE_B64, "server_auth");
            }
            String t = f[next];
            if (t.isEmpty() || t.length() > MessageRules.MAX_MESSAGE_B64 || !digits(t)
                    || new java.math.BigInteger(t).compareTo(java.math.BigInteger.valueOf(MessageRules.MAX_CLIENT_TIMEOUT)) > 0) {
                throw new Bad(Rejection.MALFORMED, "client timeout is not 0.." + MessageRules.MAX_CLIENT_TIMEOUT);
            }
            timeout = Integer.parseInt(t);
        } else if (remaining == 1) {
            serverAuth = b64Field(f[next], MessageRules.MAX_MESSAGE_B64, "server_auth");
        }
        return new SpaMessage(random, user, timestamp, version, type, message, nat, serverAuth, timeout);
    }

    private static String b64Field(String field, int max, String name) throws Bad {
        if (field.isEmpty() || field.length() > max) {
            throw new Bad(Rejection.MALFORMED, name + " field is empty or longer than " + max);
        }
        byte[] b = SpaBase64.decodeLenient(field);
        if (b == null) {
            throw new Bad(Rejection.MALFORMED, name + " field is not base64");
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) >= 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static int count(String s, char c, int from) {
        int n = 0;
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
