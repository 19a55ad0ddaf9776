package io.postern.orchestrator.check;

import io.postern.orchestrator.inventory.Device;
import io.postern.spa.ProtoPort;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.FwknopdConf;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints what {@code postern check} found as a human reads it: fwknopd.conf's receiver settings, each stanza
 * (keys and passphrases as {@code <masked>}), the inventory ({@code Inventory.describe()}, secrets masked) and the
 * sample renderings. Secret values are never read from a stanza: only whether they are set.
 */
public final class EffectiveConfig {

    /** What every secret is printed as. */
    public static final String MASK = "<masked>";

    private final StringBuilder b = new StringBuilder();

    private EffectiveConfig() {
    }

    /** The whole dump, lines ending in {@code \n}. */
    public static String describe(CheckResult r) {
        EffectiveConfig c = new EffectiveConfig();
        c.fwknopd(r.fwknopd());
        c.access(r);
        if (r.inventory() != null) {
            String inv = r.inventory().describe();
            c.b.append(inv);
            if (!inv.endsWith("\n")) {
                c.b.append('\n');
            }
        }
        c.renders(r);
        return c.b.toString();
    }

    private void fwknopd(FwknopdConf f) {
        b.append("# fwknopd.conf ").append(f.file() == null ? "(not given: fwknopd 2.6.10 defaults)" : f.file())
                .append('\n');
        line("UDPSERV_PORT", f.udpServerPort());
        line("ENABLE_UDP_SERVER", yn(f.udpServer()));
        line("ENABLE_TCP_SERVER", yn(f.tcpServer()) + (f.tcpServer() ? " (TCPSERV_PORT " + f.tcpServerPort() + ")" : ""));
        line("PCAP_INTF", f.pcapInterface());
        line("PCAP_FILTER", f.pcapFilter());
        line("ENABLE_SPA_PACKET_AGING", yn(f.packetAging()));
        line("MAX_SPA_PACKET_AGE", f.maxPacketAge());
        line("ENABLE_DIGEST_PERSISTENCE", yn(f.digestPersistence()));
        line("ENABLE_SPA_OVER_HTTP", yn(f.spaOverHttp()));
        line("ENABLE_X_FORWARDED_FOR", yn(f.xForwardedFor()));
        line("ENABLE_DESTINATION_RULE", yn(f.destinationRule()));
        line("ENABLE_IPT_FORWARDING", yn(f.iptForwarding()));
        line("ENABLE_IPT_LOCAL_NAT", yn(f.iptLocalNat()));
        line("GPG_HOME_DIR", f.gpgHomeDir());
    }

    private void access(CheckResult r) {
        if (r.stanzas().isEmpty()) {
            b.append("# access.conf ").append(r.access()).append(": not loaded\n");
            return;
        }
        b.append("# access.conf ").append(r.access()).append(": ").append(r.stanzas().size())
                .append(r.stanzas().size() == 1 ? " stanza\n" : " stanzas\n");
        for (CheckResult.Stanza cs : r.stanzas()) {
            AccessStanza s = cs.stanza();
            b.append("stanza ").append(cs.number()).append("  # ").append(s.file()).append(':').append(s.line())
                    .append('\n');
            line("SOURCE", s.source().text().strip());
            if (s.destination() != null) {
                line("DESTINATION", s.destination().text().strip());
            }
            line("REQUIRE_SOURCE_ADDRESS", yn(s.requireSourceAddress()));
            if (s.requireUsername() != null) {
                line("REQUIRE_USERNAME", s.requireUsername());
            }
            line(s.keyFromBase64() ? "KEY_BASE64" : "KEY", s.key() == null ? "(not set)" : MASK);
            line(s.hmacKeyFromBase64() ? "HMAC_KEY_BASE64" : "HMAC_KEY", s.hmacKey() == null ? "(not set)" : MASK);
            line("HMAC_DIGEST_TYPE", s.hmacType().configName());
            line("ENCRYPTION_MODE", s.encryptionMode().configName());
            if (s.gpg().enabled()) {
                line("GPG", "enabled, passphrase " + MASK);
            }
            line("OPEN_PORTS", ports(s.openPorts()));
            if (!s.restrictPorts().isEmpty()) {
                line("RESTRICT_PORTS", ports(s.restrictPorts()));
            }
            line("FW_ACCESS_TIMEOUT", s.fwAccessTimeout());
            line("MAX_FW_TIMEOUT", s.maxFwTimeout());
            if (s.accessExpire() != null) {
                line("ACCESS_EXPIRE", s.accessExpire());
            }
            if (s.commandExec().enabled()) {
                line("ENABLE_CMD_EXEC", "Y");
            }
            if (s.isCommandCycle()) {
                line("CMD_CYCLE_OPEN", s.commandCycle().open());
                line("CMD_CYCLE_CLOSE", s.commandCycle().close());
                line("CMD_CYCLE_TIMER", s.commandCycle().timerSeconds());
            }
            line("TARGETS", targets(cs));
        }
    }

    private static String targets(CheckResult.Stanza cs) {
        List<String> named = cs.stanza().targets();
        if (named.isEmpty()) {
            return "(none: opens on this host)";
        }
        String devices = cs.devices().stream().map(Device::name).collect(Collectors.joining(", "));
        return String.join(", ", named) + " -> " + cs.devices().size() + " devices"
                + (cs.rollout() == null ? "" : " (" + cs.rollout() + ")") + (devices.isEmpty() ? "" : ": " + devices);
    }

    private void renders(CheckResult r) {
        if (r.renders().isEmpty()) {
            return;
        }
        b.append("# templates rendered with sample values (source ").append(SampleValues.SOURCE)
                .append(", rule id ").append(SampleValues.RULE_ID).append(")\n");
        for (CheckResult.Render x : r.renders()) {
            String what = x.stanza() == 0 ? "provision" : "stanza " + x.stanza();
            b.append("  ").append(String.format("%-12s %-20s %-14s ", what, x.device().name(), x.device().template()));
            if (!x.ok()) {
                b.append("ERROR\n");
            } else if (x.sections().isEmpty()) {
                b.append("no provision section\n");
            } else {
                b.append(x.sections().stream().map(s -> s.name() + " " + s.commands().size())
                        .collect(Collectors.joining(", "))).append(" commands\n");
            }
        }
        samples(r);
    }

    /** The commands of the first rendering of each stanza and of each provisioned template family. */
    private void samples(CheckResult r) {
        Set<String> seen = new HashSet<>();
        for (CheckResult.Render x : r.renders()) {
            String key = x.stanza() == 0 ? "provision " + x.device().template() : "stanza " + x.stanza();
            if (!x.ok() || x.sections().isEmpty() || !seen.add(key)) {
                continue;
            }
            b.append("# sample: ").append(key).append(" on ").append(x.device().name()).append('\n');
            for (CheckResult.Section s : x.sections()) {
                for (String c : s.commands()) {
                    b.append(String.format("  %-9s %s%n", s.name(), c));
                }
            }
        }
    }

    private void line(String key, Object value) {
        b.append(String.format("  %-26s %s%n", key, value));
    }

    private static String yn(boolean v) {
        return v ? "Y" : "N";
    }

    private static String ports(List<ProtoPort> ports) {
        return ports.isEmpty() ? "(any requested)" : ports.stream().map(ProtoPort::toString)
                .collect(Collectors.joining(", "));
    }
}
