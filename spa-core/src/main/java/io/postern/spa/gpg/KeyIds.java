package io.postern.spa.gpg;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;

/** How GnuPG names keys: fingerprints, long and short IDs, user IDs; and the key-usage flags. */
final class KeyIds {

    private KeyIds() {
    }

    /** Upper-case hex fingerprint. */
    static String fingerprint(PGPPublicKey k) {
        return HexFormat.of().withUpperCase().formatHex(k.getFingerprint());
    }

    /** fwknop's signature ID: the last 8 hex digits of the signing key's fingerprint. */
    static String shortId(String fingerprint) {
        return fingerprint.substring(Math.max(0, fingerprint.length() - 8));
    }

    /**
     * Whether {@code spec} names this key ring the way gpg's {@code -u}/{@code -r} would: a fingerprint,
     * a long or short key ID of the primary or a subkey (hex, optional {@code 0x}, optional trailing
     * {@code !}), or otherwise a case-insensitive part of a user ID.
     */
    static boolean names(PGPPublicKeyRing ring, String spec) {
        String s = spec.trim();
        if (s.endsWith("!")) {
            s = s.substring(0, s.length() - 1);
        }
        String hex = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (hex.matches("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}")) {
            String h = hex.toUpperCase(Locale.ROOT);
            for (PGPPublicKey k : ring) {
                if (fingerprint(k).endsWith(h)) {
                    return true;
                }
            }
            return false;
        }
        String needle = (s.startsWith("<") && s.endsWith(">") ? s : s).toLowerCase(Locale.ROOT);
        for (Iterator<String> it = ring.getPublicKey().getUserIDs(); it.hasNext(); ) {
            if (it.next().toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** The key-usage flags from the primary's self-signatures or a subkey's binding, or 0 when none says. */
    static int flags(PGPPublicKey key) {
        int flags = 0;
        Iterator<PGPSignature> it = key.isMasterKey() ? key.getSignatures() : key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        while (it.hasNext()) {
            PGPSignature sig = it.next();
            if (key.isMasterKey() && sig.getKeyID() != key.getKeyID()) {
                continue;
            }
            PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
            if (hashed != null) {
                flags |= hashed.getKeyFlags();
            }
        }
        return flags;
    }

    static boolean canSign(PGPPublicKey key) {
        int f = flags(key);
        return f == 0 ? key.isMasterKey() : (f & KeyFlags.SIGN_DATA) != 0;
    }

    static boolean canEncrypt(PGPPublicKey key) {
        int f = flags(key);
        return f == 0 ? key.isEncryptionKey() : (f & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
    }
}
