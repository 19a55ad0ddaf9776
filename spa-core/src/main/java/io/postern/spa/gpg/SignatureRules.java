package io.postern.spa.gpg;

import java.util.List;

/**
 * How a stanza judges the signature of a GPG packet, as fwknopd applies its directives: with
 * {@code requireSig} off (GPG_DISABLE_SIG, or neither GPG_REQUIRE_SIG nor a passphrase setting) no
 * signature is looked at; otherwise the first signature must be good and from a key of marginal or
 * better validity (skipped with {@code ignoreVerifyError}), its full fingerprint must be in
 * {@code fingerprintIds} when that is set, and the last 8 hex digits of the signing (sub)key's
 * fingerprint in {@code remoteIds} when that is set; both compared exactly (case-sensitive).
 *
 * @param requireSig        GPG_REQUIRE_SIG as effective
 * @param ignoreVerifyError GPG_IGNORE_SIG_VERIFY_ERROR
 * @param remoteIds         GPG_REMOTE_ID
 * @param fingerprintIds    GPG_FINGERPRINT_ID
 */
public record SignatureRules(boolean requireSig, boolean ignoreVerifyError, List<String> remoteIds,
                             List<String> fingerprintIds) {

    /** No signature checks (GPG_DISABLE_SIG). */
    public static final SignatureRules NONE = new SignatureRules(false, false, List.of(), List.of());

    public SignatureRules {
        remoteIds = List.copyOf(remoteIds);
        fingerprintIds = List.copyOf(fingerprintIds);
    }

    /** The refusal for this signer, or null when the lists allow it (fingerprints first, then IDs). */
    String listRefusal(GpgSigner signer) {
        if (!fingerprintIds.isEmpty() && !fingerprintIds.contains(signer.fingerprint())) {
            return "Incoming SPA packet signed by: " + signer.fingerprint()
                    + ", but that fingerprint is not in the GPG_FINGERPRINT_ID list";
        }
        if (!remoteIds.isEmpty() && !remoteIds.contains(signer.id())) {
            return "Incoming SPA packet signed by ID: " + signer.id() + ", but that ID is not in the GPG_REMOTE_ID list";
        }
        return null;
    }
}
