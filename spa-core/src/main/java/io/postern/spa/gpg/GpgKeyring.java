package io.postern.spa.gpg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * The public keys a receiver knows (a GnuPG keybox or exported key files) with the validity GnuPG
 * gives each: what signatures are checked against.
 */
public final class GpgKeyring {

    private final List<PGPPublicKeyRing> rings;
    private final TrustDb trust;
    private final Map<String, GpgValidity> explicit;

    GpgKeyring(List<PGPPublicKeyRing> rings, TrustDb trust, Map<String, GpgValidity> explicit) {
        this.rings = List.copyOf(rings);
        this.trust = trust;
        this.explicit = Map.copyOf(explicit);
    }

    List<PGPPublicKeyRing> rings() {
        return rings;
    }

    /** Number of key rings (primary keys) held. */
    public int size() {
        return rings.size();
    }

    /** The rings that {@code spec} names (fingerprint, key ID or user ID). */
    List<PGPPublicKeyRing> named(String spec) {
        List<PGPPublicKeyRing> out = new ArrayList<>();
        for (PGPPublicKeyRing r : rings) {
            if (KeyIds.names(r, spec)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The ring holding the (sub)key with this ID. */
    Optional<PGPPublicKeyRing> ringOf(long keyId) {
        return rings.stream().filter(r -> r.getPublicKey(keyId) != null).findFirst();
    }

    /** The validity of a key ring, named by its primary key. */
    GpgValidity validity(PGPPublicKey primary) {
        String fpr = KeyIds.fingerprint(primary);
        GpgValidity v = explicit.get(fpr);
        return v != null ? v : trust.validity(fpr);
    }

    /**
     * Whether {@code key} may sign for its ring now: not revoked, not expired, and for a subkey a
     * binding signature by the primary that verifies.
     */
    static String unusableReason(PGPPublicKeyRing ring, PGPPublicKey key, long atEpochSecond) {
        PGPPublicKey primary = ring.getPublicKey();
        if (primary.hasRevocation() || key.hasRevocation()) {
            return "signing key is revoked";
        }
        for (PGPPublicKey k : List.of(primary, key)) {
            long valid = k.getValidSeconds();
            if (valid > 0 && k.getCreationTime().getTime() / 1000 + valid < atEpochSecond) {
                return "signing key has expired";
            }
        }
        if (key.isMasterKey()) {
            return null;
        }
        var it = key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        while (it.hasNext()) {
            PGPSignature binding = it.next();
            try {
                binding.init(new BcPGPContentVerifierBuilderProvider(), primary);
                if (binding.verifyCertification(primary, key)) {
                    return null;
                }
            } catch (PGPException | RuntimeException e) {
                // try the next binding
            }
        }
        return "signing subkey has no valid binding to its primary key";
    }
}
