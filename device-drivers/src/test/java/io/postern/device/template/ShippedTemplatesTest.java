package io.postern.device.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.device.CommandSequence;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the shipped templates render; their effect on real tools is checked in NamespaceFirewallTest. */
class ShippedTemplatesTest {

    private static final Duration T = Duration.ofSeconds(5);
    private final TemplateRenderer renderer = TemplateRenderer.classpathOnly();

    private List<List<String>> render(String family, Section s, GrantValues v) throws RenderException {
        return renderer.render(family, s, v, T).argvs();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nftables", "iptables", "ipset", "firewalld"})
    void everyFamilyRendersAllSectionsForBothAddressFamilies(String family) throws RenderException {
        for (GrantValues v : List.of(TestValues.ipv4().build(), TestValues.ipv6().build())) {
            assertThat(render(family, Section.OPEN, v)).isNotEmpty();
            assertThat(render(family, Section.CLOSE, v)).isNotEmpty();
        }
        assertThat(renderer.renderProvision(family, Map.of(), T).steps()).isNotEmpty();
    }

    @Test
    void nftablesOpenAddsOneElementWithItsTimeout() throws RenderException {
        assertThat(render("nftables", Section.OPEN, TestValues.ipv4().build())).containsExactly(List.of(
                "nft", "add", "element", "inet", "postern", "allow4", "{", "192.0.2.7", ".", "tcp", ".", "22", "timeout",
                "1s", "}", ";", "delete", "element", "inet", "postern", "allow4", "{", "192.0.2.7", ".", "tcp", ".",
                "22", "}", ";", "add", "element", "inet", "postern", "allow4", "{", "192.0.2.7", ".", "tcp", ".", "22",
                "timeout", "30s", "}"));
        assertThat(String.join(" ", render("nftables", Section.CLOSE, TestValues.ipv6().build()).get(0)))
                .isEqualTo("nft add element inet postern allow6 { 2001:db8::7 . udp . 53 timeout 1s } ; "
                        + "delete element inet postern allow6 { 2001:db8::7 . udp . 53 }");
    }

    @Test
    void iptablesUsesTheRuleIdAsComment() throws RenderException {
        CommandSequence open = renderer.render("iptables", Section.OPEN, TestValues.ipv4().build(), T);
        assertThat(open.argvs().get(1)).containsExactly("iptables", "-w", "-I", "POSTERN", "1", "-s", "192.0.2.7",
                "-p", "tcp", "--dport", "22", "-m", "comment", "--comment", "postern:42", "-j", "ACCEPT");
        CommandSequence close = renderer.render("iptables", Section.CLOSE, TestValues.ipv6().build(), T);
        assertThat(close.argvs()).containsExactly(List.of("ip6tables", "-w", "-D", "POSTERN", "-s", "2001:db8::7",
                "-p", "udp", "--dport", "53", "-m", "comment", "--comment", "postern:42", "-j", "ACCEPT"));
        assertThat(close.steps().get(0).successExitCodes()).isEqualTo(Set.of(0, 1));
    }

    @Test
    void iptablesRefusesAGrantWithoutRuleId() {
        assertThatThrownBy(() -> render("iptables", Section.OPEN, TestValues.ipv4().ruleId(0).build()))
                .hasMessageContaining("template iptables/open.ftl line").hasMessageContaining("rule id");
    }

    @Test
    void ipsetAddsWithTimeoutAndDeletesWithExist() throws RenderException {
        assertThat(render("ipset", Section.OPEN, TestValues.ipv4().build())).containsExactly(
                List.of("ipset", "add", "postern4", "192.0.2.7,tcp:22", "timeout", "30", "-exist"));
        assertThat(render("ipset", Section.CLOSE, TestValues.ipv6().vars(Map.of("set6", "spa6")).build()))
                .containsExactly(List.of("ipset", "del", "spa6", "2001:db8::7,udp:53", "-exist"));
    }

    @Test
    void firewalldRichRuleIsOneArgument() throws RenderException {
        List<List<String>> open = render("firewalld", Section.OPEN, TestValues.ipv4().vars(Map.of("zone", "dmz")).build());
        assertThat(open.get(1)).containsExactly("firewall-cmd", "--zone=dmz",
                "--add-rich-rule=rule family=\"ipv4\" source address=\"192.0.2.7\" port port=\"22\" protocol=\"tcp\" accept",
                "--timeout=30s");
    }

    @Test
    void guardedPortsAreValidatedAndOptional() throws RenderException {
        assertThat(renderer.renderProvision("nftables", Map.of("guard_tcp_ports", "none"), T).argvs())
                .noneMatch(a -> a.contains("drop"));
        assertThat(renderer.renderProvision("iptables", Map.of("guard_tcp_ports", "22,8000-8080"), T).argvs())
                .anyMatch(a -> a.contains("22,8000:8080"));
        assertThatThrownBy(() -> renderer.renderProvision("nftables", Map.of("guard_tcp_ports", "22 } ; flush ruleset"), T))
                .hasMessageContaining("vars.guard_tcp_ports");
    }
}
