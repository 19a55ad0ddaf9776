package io.postern.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's first command, as a test: it must pass and show the entry appear and disappear. */
class DemoCommandTest {

    @Test
    void demoPassesAndShowsTheAclEntryAppearingAndDisappearing() {
        CommandLine cl = PosternCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("demo", "--timeout", "2");
        String text = out.toString();
        assertThat(exit).as(text + err).isZero();
        assertThat(text).contains("before the knock: (empty)")
                .containsPattern("after the knock: 1000 permit tcp host 127\\.0\\.0\\.2 any eq 22")
                .contains("timeout reached: router ACL (empty)")
                .contains("fwknop -A tcp/22 -a 127.0.0.2")
                .contains("demo passed");
        assertThat(text.indexOf("after the knock")).isLessThan(text.indexOf("timeout reached"));
    }
}
