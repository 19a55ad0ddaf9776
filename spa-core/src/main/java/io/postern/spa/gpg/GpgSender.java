package io.postern.spa.gpg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * The client side of GPG mode, as {@code fwknop --gpg-recipient-key R [--gpg-signer-key S]} picks
 * keys: the recipient's newest usable encryption (sub)key, and for signing the signer's newest
 * signing-capable (sub)key, as gpg would.
 */
public final class GpgSender {

    private final PGPPublicKey recipient;
    private final PGPPublicKey signingKey;
    private final PGPPrivateKey signingPrivate;

    GpgSender(PGPPublicKey recipient, PGPPublicKey signingKey, PGPPrivateKey signingPrivate) {
        this.recipient = Objects.requireNonNull(recipient);
        this.signingKey = signingKey;
        this.signingPrivate = signingPrivate;
    }

    /**
     * @param recipientKeys where the recipient's public key is
     * @param recipientId   fingerprint, key ID or user ID of the recipient
     * @param signerKeys    where the signer's keys are, or null for an unsigned packet
     * @param signerId      the signer, or null for an unsigned packet
     * @param passphrase    the signing key's passphrase, or null with {@code --gpg-no-signing-pw}
     */
    public static GpgSender of(GpgHome recipientKeys, String recipientId, GpgHome signerKeys, String signerId,
                               char[] passphrase) throws GpgKeyException {
        PGPPublicKey enc = pick(recipientKeys, recipientId, "recipient", true);
        if (signerId == null) {
            return new GpgSender(enc, null, null);
        }
        PGPPublicKey sign = pick(signerKeys, signerId, "signer", false);
        Map<Long, PGPPrivateKey> priv = signerKeys.privateKeys(List.of(sign), passphrase);
        PGPPrivateKey p = priv.get(sign.getKeyID());
        if (p == null) {
            throw new GpgKeyException("no secret key for signer " + signerId + " (signing key "
                    + KeyIds.shortId(KeyIds.fingerprint(sign)) + ") in " + signerKeys.description());
        }
        return new GpgSender(enc, sign, p);
    }

    private static PGPPublicKey pick(GpgHome keys, String id, String role, boolean encrypt) throws GpgKeyException {
        List<PGPPublicKeyRing> rings = keys.keyring().named(id);
        if (rings.isEmpty()) {
            throw new GpgKeyException("no " + role + " key " + id + " in " + keys.description());
        }
        if (rings.size() > 1) {
            throw new GpgKeyException(role + " " + id + " names " + rings.size() + " keys in " + keys.description()
                    + "; give a fingerprint");
        }
        List<PGPPublicKey> usable = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        for (PGPPublicKey k : rings.get(0)) {
            boolean capable = encrypt ? KeyIds.canEncrypt(k) : KeyIds.canSign(k);
            if (capable && GpgKeyring.unusableReason(rings.get(0), k, now) == null) {
                usable.add(k);
            }
        }
        return usable.stream().max(Comparator.comparing(PGPPublicKey::getCreationTime))
                .orElseThrow(() -> new GpgKeyException(role + " key " + id + " has no usable "
                        + (encrypt ? "encryption" : "signing") + " key"));
    }

    PGPPublicKey recipient() {
        return recipient;
    }

    PGPPublicKey signingKey() {
        return signingKey;
    }

    PGPPrivateKey signingPrivate() {
        return signingPrivate;
    }

    public boolean signs() {
        return signingKey != null;
    }

    /** The signer as fwknopd will name it (GPG_REMOTE_ID form and fingerprint), or null when unsigned. */
    public GpgSigner signer() {
        if (signingKey == null) {
            return null;
        }
        String fpr = KeyIds.fingerprint(signingKey);
        return new GpgSigner(KeyIds.shortId(fpr), fpr, GpgValidity.ULTIMATE, true);
    }

    /** Fingerprint of the (sub)key the packet is encrypted to. */
    public String recipientFingerprint() {
        return KeyIds.fingerprint(recipient);
    }

    /**
     * Whether the real fwknopd can take packets to this recipient: only when the message starts
     * {@code hQ}, which RSA (and ElGamal) recipients give and ECC ones do not (upstream issue #247).
     */
    public boolean fwknopdCompatible() {
        int a = recipient.getAlgorithm();
        return a == PublicKeyAlgorithmTags.RSA_GENERAL || a == PublicKeyAlgorithmTags.RSA_ENCRYPT
                || a == PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT || a == PublicKeyAlgorithmTags.ELGAMAL_GENERAL;
    }

    @Override
    public String toString() {
        return "GpgSender[recipient=" + KeyIds.shortId(recipientFingerprint()) + ", signer="
                + (signingKey == null ? "<none>" : KeyIds.shortId(KeyIds.fingerprint(signingKey))) + "]";
    }
}
