package io.postern.device.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunAsTest {

    @Test
    void userOnlyUsesRunuser() {
        assertThat(new RunAs("nobody", null).prefix()).containsExactly("runuser", "-u", "nobody", "--");
    }

    @Test
    void userAndGroupUseSetpriv() {
        assertThat(new RunAs("fwknop", "nogroup").prefix())
                .containsExactly("setpriv", "--reuid=fwknop", "--regid=nogroup", "--init-groups", "--");
    }

    @Test
    void namesAreValidated() {
        assertThatThrownBy(() -> new RunAs("-u root", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunAs("a", "b c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void driverPutsThePrefixBeforeTheCommand() throws Exception {
        LocalExecDriver d = new LocalExecDriver("d", LocalExecDriver.DEFAULT_PATH, List.of("env"),
                new RunAs("nobody", null), 1024);
        io.postern.device.StepResult r = d.run("[t]", io.postern.device.Step.of(List.of("true"),
                java.time.Duration.ofSeconds(5)), io.postern.device.CommandSequence.empty());
        assertThat(r.argv()).containsExactly("env", "runuser", "-u", "nobody", "--", "true");
    }
}
