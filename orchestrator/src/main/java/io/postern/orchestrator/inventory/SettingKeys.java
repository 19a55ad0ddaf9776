package io.postern.orchestrator.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys a host or a group's {@code vars} may hold: typed device settings, secret references, and free
 * variables. A key that looks like a secret in clear ({@code password}, {@code token}, {@code api_key}, ...) is
 * refused with a pointer to its {@code _env} / {@code _file} form.
 */
final class SettingKeys {

    static final String DRIVER = "driver";
    static final String ADDRESS = "address";
    static final String PORT = "port";
    static final String USER = "user";
    static final String TEMPLATE = "template";
    static final String HOST_KEY = "host_key";
    static final String CONNECT_TIMEOUT = "connect_timeout";
    static final String COMMAND_TIMEOUT = "command_timeout";
    static final String DEVICE_TIMEOUT = "device_timeout";
    static final String KEY_FILE = "key_file";
    static final String BASE_URL = "base_url";

    /** Free variables checked as http(s) URLs wherever they appear. */
    static final List<String> URL_KEYS = List.of(BASE_URL, "api_base_url");

    /** Typed settings: not passed to templates as free variables. */
    static final Set<String> TYPED = Set.of(DRIVER, ADDRESS, PORT, USER, TEMPLATE, HOST_KEY, CONNECT_TIMEOUT,
            COMMAND_TIMEOUT, DEVICE_TIMEOUT);

    /** Secrets that come in an {@code _env} / {@code _file} pair, by purpose. */
    static final List<String> PAIRED_SECRETS = List.of("password", "key_passphrase", "enable_secret", "token");

    static final Pattern VAR_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private static final Pattern SECRETISH = Pattern.compile(
            ".*(passw|passwd|secret|token|passphrase|api_?key|private_?key|credential|community).*");

    private SettingKeys() {
    }

    /** Whether {@code key} is a secret reference ({@code password_env}, {@code key_file}, ...). */
    static boolean isSecretRef(String key) {
        if (key.equals(KEY_FILE)) {
            return true;
        }
        for (String p : PAIRED_SECRETS) {
            if (key.equals(p + "_env") || key.equals(p + "_file")) {
                return true;
            }
        }
        return false;
    }

    /**
     * When {@code key} looks like a secret but is not a known reference, what to write instead; null otherwise.
     */
    static String literalSecretAdvice(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (isSecretRef(k) || !SECRETISH.matcher(k).matches()) {
            return null;
        }
        String purpose;
        if (k.contains("enable")) {
            purpose = "enable_secret";
        } else if (k.contains("passphrase")) {
            purpose = "key_passphrase";
        } else if (k.contains("private")) {
            return "key_file: /path/to/private/key, never a secret in clear in the inventory";
        } else if (k.contains("token") || k.contains("api")) {
            purpose = "token";
        } else {
            purpose = "password";
        }
        return purpose + "_env: VARIABLE or " + purpose + "_file: /path, never a secret in clear in the inventory";
    }
}
