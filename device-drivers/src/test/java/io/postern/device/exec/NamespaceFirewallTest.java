package io.postern.device.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.GrantContext;
import io.postern.device.template.GrantValues;
import io.postern.device.template.TemplateRenderer;
import io.postern.device.testing.NetNsFixture;
import io.postern.device.testing.ToolSupport;
import io.postern.spa.ProtoPort;
import io.postern.spa.Protocol;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Renders the shipped nftables, iptables and ipset templates and runs them with {@link LocalExecDriver} inside a
 * network namespace this test creates: provision, then open adds exactly one entry, a re-knock keeps exactly
 * one, close removes exactly it, and a second close is a no-op. Never touches the host's firewall.
 */
class NamespaceFirewallTest {

    private static final Duration T = Duration.ofSeconds(20);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "nftables, 192.0.2.7,   tcp, 22, nft,      192.0.2.7 . tcp . 22 timeout 30s",
        "nftables, 2001:db8::7, udp, 53, nft,      2001:db8::7 . udp . 53 timeout 30s",
        "iptables, 192.0.2.7,   tcp, 22, iptables, -A POSTERN -s 192.0.2.7/32 -p tcp -m tcp --dport 22 -m comment --comment \"postern:42\" -j ACCEPT",
        "iptables, 2001:db8::7, udp, 53, iptables, -A POSTERN -s 2001:db8::7/128 -p udp -m udp --dport 53 -m comment --comment \"postern:42\" -j ACCEPT",
        "ipset,    192.0.2.7,   tcp, 22, ipset,    'add postern4 192.0.2.7,tcp:22 timeout N'",
        "ipset,    2001:db8::7, udp, 53, ipset,    'add postern6 2001:db8::7,udp:53 timeout N'",
    })
    void openAddsExactlyTheEntryAndCloseRemovesExactlyIt(String family, String src, String proto, int port, String tool,
                                                         String expectedEntry) throws Exception {
        ToolSupport.requireRoot();
        ToolSupport.requireTools("ip", tool, "iptables", "ip6tables");
        TemplateRenderer renderer = TemplateRenderer.classpathOnly();
        try (NetNsFixture ns = NetNsFixture.create(family.substring(0, 3))) {
            LocalExecDriver driver = new LocalExecDriver("ns-" + family, LocalExecDriver.DEFAULT_PATH, ns.prefix(),
                    null, 64 * 1024);
            driver.provision("[provision]", renderer.renderProvision(family, Map.of(), T));
            String provisioned = snapshot(ns, family);
            driver.provision("[provision]", renderer.renderProvision(family, Map.of(), T));
            assertThat(snapshot(ns, family)).as("provision is idempotent").isEqualTo(provisioned);

            GrantValues v = GrantValues.builder().source(InetAddress.getByName(src))
                    .packetSource(InetAddress.getByName(src)).destination(InetAddress.getByName("203.0.113.1"))
                    .protoPort(new ProtoPort(Protocol.fromNameIgnoreCase(proto), port)).timeoutSeconds(30)
                    .expiresAt(1_700_000_030L).clientTimeout(30).stanza("1").ruleId(42).build();
            GrantContext grant = renderer.renderGrant("[" + src + "] (stanza #1)", family, v, T);

            driver.open(grant);
            assertThat(added(provisioned, snapshot(ns, family))).containsExactly(expectedEntry);
            driver.open(grant);
            assertThat(added(provisioned, snapshot(ns, family))).as("re-knock").containsExactly(expectedEntry);

            driver.close(grant);
            assertThat(snapshot(ns, family)).isEqualTo(provisioned);
            driver.close(grant);
            assertThat(snapshot(ns, family)).as("second close is a no-op").isEqualTo(provisioned);
        }
    }

    /** The firewall state as lines, with countdowns normalized. */
    private static String snapshot(NetNsFixture ns, String family) throws Exception {
        String raw = switch (family) {
            case "nftables" -> ns.exec("nft", "list", "ruleset");
            case "iptables" -> ns.exec("iptables", "-S") + ns.exec("ip6tables", "-S");
            case "ipset" -> ns.exec("ipset", "list", "-o", "save");
            default -> throw new IllegalArgumentException(family);
        };
        return raw.replaceAll(" expires \\S+", "")
                .replaceAll("(add \\S+ \\S+ timeout )\\d+", "$1N")
                .replaceAll("elements = \\{ (.*) }", "$1")
                .strip();
    }

    /** Lines in {@code after} that are not in {@code before}, trimmed; fails if a line disappeared. */
    private static List<String> added(String before, String after) {
        List<String> b = new ArrayList<>(before.lines().map(String::strip).toList());
        List<String> extra = new ArrayList<>();
        for (String line : after.lines().map(String::strip).toList()) {
            if (!b.remove(line)) {
                extra.add(line);
            }
        }
        assertThat(b).as("lines removed by open").isEmpty();
        return extra;
    }
}
