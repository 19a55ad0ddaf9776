package io.postern.spa.config;

import io.postern.spa.crypto.KeyMaterial;
import java.util.List;

/**
 * A stanza's GPG directives, kept as read so a later GPG implementation can use them. The decrypt
 * passphrase is {@link KeyMaterial} so it never prints. {@link #requireSig()} already holds fwknopd's
 * default (on when a passphrase or GPG_ALLOW_NO_PW is set, unless GPG_DISABLE_SIG).
 *
 * @param homeDir           GPG_HOME_DIR (existing directory) or the fwknopd.conf default, or null
 * @param exe               GPG_EXE or null
 * @param decryptId         GPG_DECRYPT_ID or null
 * @param decryptPassphrase GPG_DECRYPT_PW or null (empty with GPG_ALLOW_NO_PW)
 * @param allowNoPassphrase GPG_ALLOW_NO_PW
 * @param requireSig        GPG_REQUIRE_SIG (effective)
 * @param disableSig        GPG_DISABLE_SIG
 * @param ignoreSigVerifyError GPG_IGNORE_SIG_VERIFY_ERROR
 * @param remoteIds         GPG_REMOTE_ID list
 * @param fingerprintIds    GPG_FINGERPRINT_ID list
 */
public record GpgSettings(String homeDir, String exe, String decryptId, KeyMaterial decryptPassphrase,
                          boolean allowNoPassphrase, boolean requireSig, boolean disableSig,
                          boolean ignoreSigVerifyError, List<String> remoteIds, List<String> fingerprintIds) {

    /** No GPG directive at all. */
    public static final GpgSettings NONE =
            new GpgSettings(null, null, null, null, false, false, false, false, List.of(), List.of());

    public GpgSettings {
        remoteIds = List.copyOf(remoteIds);
        fingerprintIds = List.copyOf(fingerprintIds);
    }

    /** Whether the stanza can decrypt GPG packets (a passphrase or GPG_ALLOW_NO_PW). */
    public boolean enabled() {
        return decryptPassphrase != null;
    }
}
