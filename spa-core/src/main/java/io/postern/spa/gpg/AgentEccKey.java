package io.postern.spa.gpg;

import java.math.BigInteger;
import org.bouncycastle.bcpg.BCPGKey;
import org.bouncycastle.bcpg.ECPublicBCPGKey;
import org.bouncycastle.bcpg.ECSecretBCPGKey;
import org.bouncycastle.bcpg.EdSecretBCPGKey;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.gpg.SExpression;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * An unprotected ECC key from {@code private-keys-v1.d}, {@code (private-key (ecc (curve ..) (q ..)
 * (d ..)))}, turned into a private key for its OpenPGP public key. Bouncy Castle 1.78's own reader
 * rejects GnuPG's {@code 0x40}-prefixed Ed25519/Curve25519 points; GnuPG stores {@code q} and {@code d}
 * exactly as the OpenPGP MPIs, so they are matched and taken as they are.
 */
final class AgentEccKey {

    private AgentEccKey() {
    }

    /** Whether {@code key} is an unprotected ECC key. */
    static boolean isEcc(SExpression key) {
        SExpression inner = key.getValues().size() > 1 && key.getValue(1) instanceof SExpression e ? e : null;
        return "private-key".equals(key.getString(0)) && inner != null && "ecc".equals(inner.getString(0));
    }

    /** The private key if {@code key} is an unprotected ECC key for {@code pub}, else null. */
    static PGPPrivateKey forPublicKey(SExpression key, PGPPublicKey pub) {
        if (!"private-key".equals(key.getString(0)) || !(pub.getPublicKeyPacket().getKey() instanceof ECPublicBCPGKey ec)) {
            return null;
        }
        SExpression ecc = key.getExpression(1);
        if (ecc == null || !"ecc".equals(ecc.getString(0)) || ecc.getExpressionWithLabel("q") == null
                || ecc.getExpressionWithLabel("d") == null) {
            return null;
        }
        BigInteger q = new BigInteger(1, ecc.getExpressionWithLabel("q").getBytes(1));
        if (!q.equals(ec.getEncodedPoint())) {
            return null;
        }
        BigInteger d = new BigInteger(1, ecc.getExpressionWithLabel("d").getBytes(1));
        int algo = pub.getAlgorithm();
        BCPGKey secret = algo == PublicKeyAlgorithmTags.EDDSA_LEGACY ? new EdSecretBCPGKey(d) : new ECSecretBCPGKey(d);
        return new PGPPrivateKey(pub.getKeyID(), pub.getPublicKeyPacket(), secret);
    }
}
