package io.postern.device.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.device.CommandSequence;
import io.postern.device.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTest {

    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private TemplateRenderer renderer;

    @BeforeEach
    void setUp() throws IOException {
        renderer = TemplateRenderer.withUserDir(dir);
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private CommandSequence open(GrantValues v) throws RenderException {
        return renderer.render("fam", Section.OPEN, v, T);
    }

    @Test
    void missingValueIsAnErrorNamingTemplateAndLine() throws IOException {
        write("fam/open.ftl", "<#-- header -->\ncmd ${src}\ncmd ${natHost}\n");
        assertThatThrownBy(() -> open(TestValues.ipv4().build()))
                .isInstanceOf(RenderException.class)
                .hasMessage("template fam/open.ftl line 3: missing value: natHost");
    }

    @Test
    void missingDeviceVariableIsAnError() throws IOException {
        write("fam/open.ftl", "cmd ${vars.acl}\n");
        assertThatThrownBy(() -> open(TestValues.ipv4().build()))
                .hasMessage("template fam/open.ftl line 1: missing value: vars.acl");
    }

    @Test
    void natValuesExistOnlyForNatRequests() throws Exception {
        write("fam/open.ftl", "dnat ${natHost} ${natPort}\n");
        assertThat(open(TestValues.ipv4().nat("10.0.0.5", 2222).build()).argvs())
                .containsExactly(java.util.List.of("dnat", "10.0.0.5", "2222"));
    }

    @Test
    void numbersArePlainDigitsAndAddressesAreText() throws Exception {
        write("fam/open.ftl", "x ${port} ${expiresAt} ${ruleId} ${timeout} ${protoNumber} ${proto} ${src} ${pktSrc} ${dst} ${family}\n");
        GrantValues v = TestValues.ipv4().protoPort(new io.postern.spa.ProtoPort(io.postern.spa.Protocol.UDP, 65535))
                .ruleId(1_234_567).expiresAt(1_700_000_000L).timeoutSeconds(86_400).build();
        assertThat(open(v).steps().get(0).argv()).containsExactly("x", "65535", "1700000000", "1234567", "86400",
                "17", "udp", "192.0.2.7", "198.51.100.9", "203.0.113.1", "ipv4");
    }

    @Test
    void ipv6AddressesAreCompressed() throws Exception {
        write("fam/open.ftl", "x ${src} ${family}\n");
        assertThat(open(TestValues.ipv6().build()).steps().get(0).argv()).containsExactly("x", "2001:db8::7", "ipv6");
    }

    @Test
    void blankLinesAreSkippedAndEachLineIsOneStep() throws Exception {
        write("fam/open.ftl", "\na 1\n\n<#if true>\nb 2\n</#if>\n   \n");
        assertThat(open(TestValues.ipv4().build()).argvs())
                .containsExactly(java.util.List.of("a", "1"), java.util.List.of("b", "2"));
    }

    @Test
    void okExitDirectiveSetsSuccessCodes() throws Exception {
        write("fam/close.ftl", "@ok-exit=0,1 iptables -D X\nplain\n");
        CommandSequence s = renderer.render("fam", Section.CLOSE, TestValues.ipv4().build(), T);
        Step first = s.steps().get(0);
        assertThat(first.argv()).containsExactly("iptables", "-D", "X");
        assertThat(first.successExitCodes()).isEqualTo(Set.of(0, 1));
        assertThat(s.steps().get(1).successExitCodes()).isEqualTo(Set.of(0));
        assertThat(first.timeout()).isEqualTo(T);
    }

    @Test
    void badOkExitDirectiveIsAnError() throws IOException {
        write("fam/open.ftl", "@ok-exit=x cmd\n");
        assertThatThrownBy(() -> open(TestValues.ipv4().build())).hasMessageContaining("rendered line 1");
    }

    @Test
    void renderedSyntaxErrorNamesTheRenderedLine() throws IOException {
        write("fam/open.ftl", "ok\ncmd 'unterminated ${src}\n");
        assertThatThrownBy(() -> open(TestValues.ipv4().build()))
                .hasMessage("template fam/open.ftl: rendered line 2, column 28: unterminated single quote");
    }

    @Test
    void templateSyntaxErrorNamesTheLine() throws IOException {
        write("fam/open.ftl", "a\n<#if>\n");
        assertThatThrownBy(() -> open(TestValues.ipv4().build()))
                .isInstanceOf(RenderException.class).hasMessageStartingWith("template fam/open.ftl line 2: syntax error");
    }

    @Test
    void missingTemplateIsAnError() {
        assertThatThrownBy(() -> renderer.render("nothing", Section.OPEN, TestValues.ipv4().build(), T))
                .hasMessageStartingWith("template nothing/open.ftl: not found in ");
        assertThat(renderer.exists("nothing", Section.OPEN)).isFalse();
        assertThat(renderer.exists("nftables", Section.PROVISION)).isTrue();
    }

    @Test
    void familyCannotEscapeTheTemplateDirectory() {
        assertThatThrownBy(() -> renderer.render("../etc", Section.OPEN, TestValues.ipv4().build(), T))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userDirectoryOverridesTheShippedTemplate() throws Exception {
        assertThat(renderer.render("nftables", Section.OPEN, TestValues.ipv4().build(), T).steps().get(0).argv().get(0))
                .isEqualTo("nft");
        write("nftables/open.ftl", "my-nft ${src}\n");
        TemplateRenderer fresh = TemplateRenderer.withUserDir(dir);
        assertThat(fresh.render("nftables", Section.OPEN, TestValues.ipv4().build(), T).argvs())
                .containsExactly(java.util.List.of("my-nft", "192.0.2.7"));
    }

    @Test
    void provisionSeesOnlyVariables() throws IOException {
        write("fam/provision.ftl", "create ${vars.name}\nuse ${src}\n");
        assertThatThrownBy(() -> renderer.renderProvision("fam", Map.of("name", "acl1"), T))
                .hasMessage("template fam/provision.ftl line 2: missing value: src");
    }

    @Test
    void stopDirectiveBecomesARenderError() throws IOException {
        write("fam/open.ftl", "<#if ruleId != 0><#stop \"no rule id\"></#if>\n");
        assertThatThrownBy(() -> open(TestValues.ipv4().build()))
                .hasMessageStartingWith("template fam/open.ftl line 1:").hasMessageContaining("no rule id");
    }

    @Test
    void javaObjectsCannotBeCreatedFromTemplates() throws IOException {
        write("fam/open.ftl", "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}\n");
        assertThatThrownBy(() -> open(TestValues.ipv4().build())).isInstanceOf(RenderException.class);
    }
}
