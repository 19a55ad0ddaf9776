package io.postern.orchestrator.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A device's secret references (never values). Each may be null when the inventory does not set it.
 *
 * @param password      {@code password_env} / {@code password_file}: SSH login password
 * @param keyFile       {@code key_file}: SSH private key file
 * @param keyPassphrase {@code key_passphrase_env} / {@code key_passphrase_file}: the key's passphrase
 * @param enableSecret  {@code enable_secret_env} / {@code enable_secret_file}: Cisco enable secret
 * @param token         {@code token_env} / {@code token_file}: HTTP API token
 */
public record Credentials(SecretRef password, SecretRef keyFile, SecretRef keyPassphrase, SecretRef enableSecret,
        SecretRef token) {

    /** No credentials. */
    public static final Credentials NONE = new Credentials(null, null, null, null, null);

    public Optional<SecretRef> passwordRef() {
        return Optional.ofNullable(password);
    }

    public Optional<SecretRef> keyFileRef() {
        return Optional.ofNullable(keyFile);
    }

    public Optional<SecretRef> keyPassphraseRef() {
        return Optional.ofNullable(keyPassphrase);
    }

    public Optional<SecretRef> enableSecretRef() {
        return Optional.ofNullable(enableSecret);
    }

    public Optional<SecretRef> tokenRef() {
        return Optional.ofNullable(token);
    }

    /** Every reference that is set, in the order of the components. */
    public List<SecretRef> all() {
        List<SecretRef> out = new ArrayList<>();
        for (SecretRef r : new SecretRef[] {password, keyFile, keyPassphrase, enableSecret, token}) {
            if (r != null) {
                out.add(r);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
