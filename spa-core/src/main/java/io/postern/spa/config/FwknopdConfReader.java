package io.postern.spa.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads fwknopd.conf as fwknopd 2.6.10 does: the access.conf line rules (first-character comments,
 * value up to {@code ;}/CR/LF with trailing whitespace kept) but no {@code :} stripping
 * ({@code ACCESS_FOLDER:} is an unknown name), unknown names warned about and ignored, and one
 * {@code $NAME} per value replaced by that setting's value (a {@code $NAME} that is not a setting
 * makes fwknopd drop the whole line with "Invalid embedded variable", and so does this reader).
 * Verified with {@code fwknopd --exit-parse-config -D}. Numeric values are checked here, at load,
 * with fwknopd's ranges.
 */
public final class FwknopdConfReader {

    /** Every name fwknopd 2.6.10's config parser knows (from its {@code -D} dump). */
    static final Set<String> KNOWN = Set.of("PCAP_INTF", "PCAP_FILE", "ENABLE_PCAP_PROMISC", "PCAP_FILTER",
            "PCAP_DISPATCH_COUNT", "PCAP_LOOP_SLEEP", "ENABLE_PCAP_ANY_DIRECTION", "EXIT_AT_INTF_DOWN",
            "MAX_SNIFF_BYTES", "ENABLE_SPA_PACKET_AGING", "MAX_SPA_PACKET_AGE", "ENABLE_DIGEST_PERSISTENCE",
            "RULES_CHECK_THRESHOLD", "CMD_EXEC_TIMEOUT", "ENABLE_SPA_OVER_HTTP", "ENABLE_TCP_SERVER",
            "TCPSERV_PORT", "ENABLE_UDP_SERVER", "UDPSERV_PORT", "UDPSERV_SELECT_TIMEOUT", "LOCALE",
            "SYSLOG_IDENTITY", "SYSLOG_FACILITY", "ENABLE_X_FORWARDED_FOR", "ENABLE_DESTINATION_RULE",
            "ENABLE_RULE_PREPEND", "ENABLE_NAT_DNS", "ENABLE_IPT_FORWARDING", "ENABLE_IPT_LOCAL_NAT",
            "ENABLE_IPT_SNAT", "SNAT_TRANSLATE_IP", "ENABLE_IPT_OUTPUT", "FLUSH_IPT_AT_INIT", "FLUSH_IPT_AT_EXIT",
            "IPT_INPUT_ACCESS", "IPT_OUTPUT_ACCESS", "IPT_FORWARD_ACCESS", "IPT_DNAT_ACCESS", "IPT_SNAT_ACCESS",
            "IPT_MASQUERADE_ACCESS", "ENABLE_IPT_COMMENT_CHECK", "FWKNOP_RUN_DIR", "FWKNOP_CONF_DIR",
            "ACCESS_FILE", "ACCESS_FOLDER", "FWKNOP_PID_FILE", "DIGEST_FILE", "DIGEST_DB_FILE", "GPG_HOME_DIR",
            "GPG_EXE", "SUDO_EXE", "FIREWALL_EXE", "VERBOSE", "FAULT_INJECTION_TAG");

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("PCAP_INTF", "eth0"),
            Map.entry("PCAP_FILTER", "udp port 62201"),
            Map.entry("ENABLE_PCAP_PROMISC", "N"),
            Map.entry("ENABLE_PCAP_ANY_DIRECTION", "N"),
            Map.entry("MAX_SNIFF_BYTES", "1500"),
            Map.entry("ENABLE_SPA_PACKET_AGING", "Y"),
            Map.entry("MAX_SPA_PACKET_AGE", "120"),
            Map.entry("ENABLE_DIGEST_PERSISTENCE", "Y"),
            Map.entry("ENABLE_SPA_OVER_HTTP", "N"),
            Map.entry("ENABLE_X_FORWARDED_FOR", "N"),
            Map.entry("ENABLE_TCP_SERVER", "N"),
            Map.entry("TCPSERV_PORT", "62201"),
            Map.entry("ENABLE_UDP_SERVER", "N"),
            Map.entry("UDPSERV_PORT", "62201"),
            Map.entry("ENABLE_DESTINATION_RULE", "N"),
            Map.entry("ENABLE_NAT_DNS", "Y"),
            Map.entry("ENABLE_IPT_FORWARDING", "N"),
            Map.entry("ENABLE_IPT_LOCAL_NAT", "N"),
            Map.entry("FWKNOP_RUN_DIR", "/run/fwknop"),
            Map.entry("FWKNOP_CONF_DIR", "/etc/fwknop"),
            Map.entry("ACCESS_FILE", "/etc/fwknop/access.conf"),
            Map.entry("GPG_HOME_DIR", "/root/.gnupg"));

    private FwknopdConfReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws ConfigException for a malformed line or an out-of-range number
     */
    public static FwknopdConf read(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = FwknopLines.read(file);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, null, "a readable fwknopd.conf (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        Map<String, String> unknown = new LinkedHashMap<>();
        List<ConfigWarning> warnings = new ArrayList<>();
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            if (FwknopLines.isSkipped(raw)) {
                continue;
            }
            String[] nv = FwknopLines.split(raw);
            if (nv == null) {
                throw new ConfigException(file, lineNo, null, FwknopLines.shownUnlessSecret(raw),
                        "NAME value (a name, whitespace, then a value)");
            }
            if (KNOWN.contains(nv[0])) {
                values.put(nv[0], nv[1]);
                lineOf.put(nv[0], lineNo);
            } else {
                unknown.put(nv[0], nv[1]);
                warnings.add(new ConfigWarning(file, lineNo, "ignoring unknown configuration parameter '" + nv[0] + "'"));
            }
        }
        substitute(file, values, lineOf, warnings);
        return fromValues(file, values, lineOf, unknown, warnings);
    }

    /** Replaces the first {@code $NAME} of each value; an unknown NAME drops the setting. */
    private static void substitute(Path file, Map<String, String> values, Map<String, Integer> lineOf,
                                   List<ConfigWarning> warnings) {
        for (String name : new ArrayList<>(values.keySet())) {
            String v = values.get(name);
            int dollar = v.indexOf('$');
            if (dollar < 0) {
                continue;
            }
            int end = dollar + 1;
            while (end < v.length() && (Character.isLetterOrDigit(v.charAt(end)) || v.charAt(end) == '_')) {
                end++;
            }
            String ref = v.substring(dollar + 1, end);
            String replacement = values.containsKey(ref) ? values.get(ref) : DEFAULTS.get(ref);
            if (replacement == null || ref.equals(name)) {
                warnings.add(new ConfigWarning(file, lineOf.get(name), "invalid embedded variable in " + name
                        + "; the setting is ignored"));
                values.remove(name);
            } else {
                values.put(name, v.substring(0, dollar) + replacement + v.substring(end));
            }
        }
    }

    static FwknopdConf fromValues(Path file, Map<String, String> values, Map<String, String> unknown,
                                  List<ConfigWarning> warnings) {
        try {
            return fromValues(file, values, Map.of(), unknown, warnings);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FwknopdConf fromValues(Path file, Map<String, String> values, Map<String, Integer> lineOf,
                                          Map<String, String> unknown, List<ConfigWarning> warnings)
            throws ConfigException {
        Settings s = new Settings(file, values, lineOf);
        String runDir = s.text("FWKNOP_RUN_DIR");
        String digest = values.containsKey("DIGEST_FILE") ? values.get("DIGEST_FILE") : runDir + "/digest.cache";
        return new FwknopdConf(file, s.text("PCAP_INTF"), s.text("PCAP_FILTER"), s.yes("ENABLE_PCAP_PROMISC"),
                s.yes("ENABLE_PCAP_ANY_DIRECTION"), s.number("MAX_SNIFF_BYTES", 1, 65535),
                s.yes("ENABLE_SPA_PACKET_AGING"), s.number("MAX_SPA_PACKET_AGE", 1, 100000),
                s.yes("ENABLE_DIGEST_PERSISTENCE"), digest, s.yes("ENABLE_SPA_OVER_HTTP"),
                s.yes("ENABLE_X_FORWARDED_FOR"), s.yes("ENABLE_TCP_SERVER"), s.number("TCPSERV_PORT", 1, 65535),
                s.yes("ENABLE_UDP_SERVER"), s.number("UDPSERV_PORT", 1, 65535), s.yes("ENABLE_DESTINATION_RULE"),
                s.yes("ENABLE_NAT_DNS"), s.yes("ENABLE_IPT_FORWARDING"), s.yes("ENABLE_IPT_LOCAL_NAT"),
                s.text("ACCESS_FILE"), values.get("ACCESS_FOLDER"), runDir, s.text("GPG_HOME_DIR"), unknown, warnings);
    }

    /** Typed access to the values with the defaults behind them. */
    private record Settings(Path file, Map<String, String> values, Map<String, Integer> lineOf) {

        String text(String name) {
            return values.getOrDefault(name, DEFAULTS.get(name));
        }

        boolean yes(String name) {
            return StanzaBuilder.yes(text(name));
        }

        int number(String name, int min, int max) throws ConfigException {
            Integer v = CNumbers.inRange(text(name), min, max);
            if (v == null) {
                throw new ConfigException(file, lineOf.getOrDefault(name, 0), name, text(name),
                        "a number in " + min + ".." + max);
            }
            return v;
        }
    }
}
