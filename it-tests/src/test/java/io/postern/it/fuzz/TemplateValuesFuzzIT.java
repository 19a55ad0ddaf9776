package io.postern.it.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.postern.device.CommandSequence;
import io.postern.device.template.GrantValues;
import io.postern.device.template.RenderException;
import io.postern.device.template.Section;
import io.postern.device.template.TemplateRenderer;
import io.postern.spa.ProtoPort;
import io.postern.spa.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the template value checks: random strings as a device variable, the stanza
 * label and the NAT host, rendered through a template that uses each value bare, inside an option, inside
 * single and double quotes and glued to text, and through the shipped cisco-ios and http-generic templates.
 * Proves: every value is either refused ({@link IllegalArgumentException} from {@link GrantValues},
 * {@link RenderException} from a template check) or rendered as exactly one argv element per use, with no
 * extra line and no extra argument.
 */
class TemplateValuesFuzzIT {

    static final String TEMPLATE = "cmd ${vars.v} --opt=${vars.v} '${vars.v}' \"${vars.v}\" x${stanza}y last\n"
            + "<#if natHost??>nat ${natHost} ${natPort}<#else>nat none 0</#if>\n";
    static final TemplateRenderer RENDERER;
    static final InetAddress SRC;

    static {
        try {
            Path dir = Files.createTempDirectory("postern-template-fuzz");
            Files.createDirectories(dir.resolve("fam"));
            Files.writeString(dir.resolve("fam/open.ftl"), TEMPLATE);
            RENDERER = TemplateRenderer.withUserDir(dir);
            SRC = InetAddress.getByName("192.0.2.7");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void values(FuzzedDataProvider in) {
        check(in);
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider in) {
        check(in);
    }

    static void check(FuzzedDataProvider in) {
        String v = in.consumeString(300);
        String stanza = in.consumeString(80);
        String nat = in.consumeBoolean() ? in.consumeString(300) : null;
        GrantValues values;
        try {
            values = GrantValues.builder().source(SRC).packetSource(SRC).destination(SRC)
                    .protoPort(new ProtoPort(Protocol.TCP, 22)).timeoutSeconds(30).expiresAt(1_700_000_030L)
                    .clientTimeout(30).stanza(stanza).ruleId(1000).vars(Map.of("v", v, "acl_name", v, "id_prefix", v))
                    .nat(nat, nat == null ? 0 : 2222).build();
        } catch (IllegalArgumentException refused) {
            return;
        }
        try {
            CommandSequence s = RENDERER.render("fam", Section.OPEN, values, Duration.ofSeconds(1));
            expect(s.argvs(), List.of(List.of("cmd", v, "--opt=" + v, v, v, "x" + stanza + "y", "last"),
                    nat == null ? List.of("nat", "none", "0") : List.of("nat", nat, "2222")));
        } catch (RenderException e) {
            throw new AssertionError("the test template has no check that may refuse: " + e.getMessage(), e);
        }
        try {
            CommandSequence s = TemplateRenderer.classpathOnly().render("cisco-ios", Section.OPEN, values,
                    Duration.ofSeconds(1));
            expect(s.argvs(), List.of(List.of("configure", "terminal"), List.of("ip", "access-list", "extended", v),
                    List.of("1000", "permit", "tcp", "host", "192.0.2.7", "any", "eq", "22"), List.of("end")));
        } catch (RenderException refused) {
            // vars.acl_name failed the template's own check
        }
        try {
            CommandSequence s = TemplateRenderer.classpathOnly().render("http-generic", Section.CLOSE, values,
                    Duration.ofSeconds(1));
            expect(s.argvs(), List.of(List.of("DELETE", "/api/v1/rules/" + v + "-1000")));
        } catch (RenderException refused) {
            // vars.id_prefix failed the template's own check
        }
    }

    static void expect(List<List<String>> got, List<List<String>> want) {
        List<List<String>> nonEmpty = got.stream().filter(a -> !a.isEmpty()).toList();
        if (!nonEmpty.equals(want)) {
            throw new AssertionError("rendered " + got + ", expected " + want);
        }
    }
}
