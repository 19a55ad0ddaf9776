package io.postern.orchestrator.inventory;

import io.postern.device.Durations;
import static io.postern.orchestrator.inventory.SettingKeys.ADDRESS;
import static io.postern.orchestrator.inventory.SettingKeys.BASE_URL;
import static io.postern.orchestrator.inventory.SettingKeys.COMMAND_TIMEOUT;
import static io.postern.orchestrator.inventory.SettingKeys.CONNECT_TIMEOUT;
import static io.postern.orchestrator.inventory.SettingKeys.DEVICE_TIMEOUT;
import static io.postern.orchestrator.inventory.SettingKeys.DRIVER;
import static io.postern.orchestrator.inventory.SettingKeys.HOST_KEY;
import static io.postern.orchestrator.inventory.SettingKeys.KEY_FILE;
import static io.postern.orchestrator.inventory.SettingKeys.PORT;
import static io.postern.orchestrator.inventory.SettingKeys.TEMPLATE;
import static io.postern.orchestrator.inventory.SettingKeys.USER;

import io.postern.device.template.Section;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Types and checks one host's effective settings: driver and template names against the catalogs, address,
 * port, user, host key, durations, secret references, and what each driver needs (the SSH drivers a user, a
 * password or key and a host key; {@code http} a {@code base_url}).
 */
final class DeviceBuilder {

    static final Set<String> SSH_DRIVERS = Set.of("ssh-cli", "ssh-exec");
    static final String HTTP_DRIVER = "http";

    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9_.-]{1,32})?");
    private static final Pattern USER_NAME = Pattern.compile("[^\\s:]{1,64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final String ADDRESS_EXPECTED = "a host name or an IPv4/IPv6 address";

    private final Problems problems;
    private final List<String> drivers;
    private final TemplateCatalog templates;
    private final Function<String, String> env;
    private final Path baseDir;
    private final Map<String, Boolean> templateOk = new HashMap<>();
    private final Map<Origin, Set<String>> insecureHostKeys = new LinkedHashMap<>();

    DeviceBuilder(Problems problems, List<String> drivers, TemplateCatalog templates, Function<String, String> env,
            Path baseDir) {
        this.problems = problems;
        this.drivers = drivers;
        this.templates = templates;
        this.env = env;
        this.baseDir = baseDir;
    }

    /** The device, or null when a setting is wrong (each reason is in the problems). */
    Device build(String name, Map<String, Located> s, List<String> groups, Origin origin) {
        int before = errorsMark();
        String driver = driver(s.get(DRIVER), origin);
        String template = template(s.get(TEMPLATE), origin);
        boolean ssh = driver != null && SSH_DRIVERS.contains(driver);
        String address = address(s.get(ADDRESS), name, ssh, origin);
        int port = port(s.get(PORT), ssh);
        String user = user(s.get(USER));
        HostKeySpec hostKey = hostKey(s.get(HOST_KEY));
        if (ssh && hostKey != null && hostKey.isInsecure()) {
            insecureHostKeys.computeIfAbsent(s.get(HOST_KEY).origin(), o -> new LinkedHashSet<>()).add(name);
        }
        Timeouts timeouts = new Timeouts(duration(s.get(CONNECT_TIMEOUT), Timeouts.DEFAULTS.connect()),
                duration(s.get(COMMAND_TIMEOUT), Timeouts.DEFAULTS.command()),
                duration(s.get(DEVICE_TIMEOUT), Timeouts.DEFAULTS.device()));
        Credentials credentials = new Credentials(secret(s, "password"), keyFile(s.get(KEY_FILE)),
                secret(s, "key_passphrase"), secret(s, "enable_secret"), secret(s, "token"));
        Map<String, String> vars = new TreeMap<>();
        for (Located v : s.values()) {
            if (!SettingKeys.TYPED.contains(v.key()) && !SettingKeys.isSecretRef(v.key())) {
                vars.put(v.key(), v.value());
            }
        }
        for (String k : SettingKeys.URL_KEYS) {
            if (s.containsKey(k)) {
                url(s.get(k));
            }
        }
        if (ssh) {
            needsSsh(name, driver, s, origin);
        } else if (HTTP_DRIVER.equals(driver) && !s.containsKey(BASE_URL)) {
            problems.error(origin, BASE_URL, null, "base_url: https://... for host " + name + " (driver http)");
        }
        if (errorsMark() != before || driver == null || template == null) {
            return null;
        }
        return new Device(name, driver, ssh ? address : s.containsKey(ADDRESS) ? address : null, port, user,
                credentials, hostKey, template, timeouts, vars, groups, origin);
    }

    /** Where {@code host_key: insecure-accept-any} was written, with the SSH devices it applies to. */
    Map<Origin, Set<String>> insecureHostKeys() {
        return insecureHostKeys;
    }

    private int errorsMark() {
        return problems.errorCount();
    }

    private String driver(Located v, Origin origin) {
        if (v == null) {
            problems.error(origin, DRIVER, null, "driver: one of " + String.join(", ", drivers));
            return null;
        }
        for (String known : drivers) {
            if (known.equalsIgnoreCase(v.value())) {
                return known;
            }
        }
        problems.error(v.origin(), DRIVER, v.value(), "one of " + String.join(", ", drivers));
        return null;
    }

    private String template(Located v, Origin origin) {
        if (v == null) {
            problems.error(origin, TEMPLATE, null, "template: a template family, e.g. cisco-ios or nftables");
            return null;
        }
        String family = v.value();
        boolean ok = templateOk.computeIfAbsent(family, f -> {
            try {
                return templates.exists(f, Section.OPEN) && templates.exists(f, Section.CLOSE);
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
        if (!ok) {
            problems.error(v.origin(), TEMPLATE, family, "a template family with open.ftl and close.ftl in "
                    + templates.where());
            return null;
        }
        return family;
    }

    private String address(Located v, String name, boolean required, Origin origin) {
        String a = v == null ? name : v.value();
        if (!HOSTNAME.matcher(a).matches() && !IPV4.matcher(a).matches()
                && !(a.contains(":") && IPV6.matcher(a).matches())) {
            if (v != null || required) {
                problems.error(v == null ? origin : v.origin(), ADDRESS, a, ADDRESS_EXPECTED
                        + (v == null ? " (the host name is used when address is unset)" : ""));
            }
            return null;
        }
        return a;
    }

    private int port(Located v, boolean ssh) {
        if (v == null) {
            return ssh ? 22 : 0;
        }
        if (v.value().matches("[0-9]{1,5}")) {
            int p = Integer.parseInt(v.value());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        }
        problems.error(v.origin(), PORT, v.value(), "a TCP port, 1 to 65535");
        return 0;
    }

    private String user(Located v) {
        if (v == null) {
            return null;
        }
        if (!USER_NAME.matcher(v.value()).matches()) {
            problems.error(v.origin(), USER, v.value(), "a login name without spaces or ':', at most 64 characters");
            return null;
        }
        return v.value();
    }

    private HostKeySpec hostKey(Located v) {
        if (v == null) {
            return null;
        }
        try {
            return HostKeySpec.parse(v.value(), baseDir);
        } catch (IllegalArgumentException e) {
            problems.error(v.origin(), HOST_KEY, v.value(), e.getMessage());
            return null;
        }
    }

    private Duration duration(Located v, Duration fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            return Durations.parse(v.value());
        } catch (IllegalArgumentException e) {
            problems.error(v.origin(), v.key(), v.value(), e.getMessage());
            return fallback;
        }
    }

    private SecretRef secret(Map<String, Located> s, String purpose) {
        Located e = s.get(purpose + "_env");
        if (e != null) {
            if (!ENV_NAME.matcher(e.value()).matches()) {
                problems.error(e.origin(), e.key(), e.value(), "an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
                return null;
            }
            return SecretRef.env(e.key(), e.value(), e.origin(), env);
        }
        return keyFile(s.get(purpose + "_file"));
    }

    private SecretRef keyFile(Located f) {
        if (f == null) {
            return null;
        }
        try {
            return SecretRef.file(f.key(), baseDir.resolve(f.value()).normalize(), f.origin());
        } catch (java.nio.file.InvalidPathException e) {
            problems.error(f.origin(), f.key(), f.value(), "a file path");
            return null;
        }
    }

    private void url(Located v) {
        try {
            URI u = new URI(v.value());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getRawUserInfo() != null) {
                problems.error(v.origin(), v.key(), null, "a URL without user:password@; use token_env or token_file");
            } else if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
                problems.error(v.origin(), v.key(), v.value(), "an absolute http(s) URL, e.g. https://api.example.net/v1");
            } else if (scheme.equals("http") && !isLoopback(u.getHost())) {
                problems.warn(v.origin(), v.key() + " " + v.value()
                        + " is plain http to a remote host: tokens and grants travel in clear");
            }
        } catch (URISyntaxException e) {
            problems.error(v.origin(), v.key(), v.value(), "an absolute http(s) URL, e.g. https://api.example.net/v1");
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private void needsSsh(String name, String driver, Map<String, Located> s, Origin origin) {
        String who = " for host " + name + " (driver " + driver + ")";
        if (!s.containsKey(USER)) {
            problems.error(origin, USER, null, "user: the login name" + who);
        }
        if (!s.containsKey("password_env") && !s.containsKey("password_file") && !s.containsKey(KEY_FILE)) {
            problems.error(origin, "password_env", null,
                    "password_env, password_file or key_file" + who);
        }
        if (!s.containsKey(HOST_KEY)) {
            problems.error(origin, HOST_KEY, null, HostKeySpec.EXPECTED + who);
        }
    }
}
