package io.postern.device.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.postern.device.CommandSequence;
import io.postern.device.DeviceException;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LocalExecDriverTest {

    private static final Duration T = Duration.ofSeconds(10);

    private final LocalExecDriver driver = LocalExecDriver.simple("local-test");

    @SafeVarargs
    private static CommandSequence seq(List<String>... argvs) {
        return CommandSequence.of(java.util.Arrays.stream(argvs).map(a -> Step.of(a, T)).toList());
    }

    private static GrantContext open(CommandSequence open, CommandSequence close) {
        return new GrantContext("[192.0.2.7] (stanza #1)", open, close);
    }

    @Test
    void trueSucceeds() throws DeviceException {
        List<StepResult> r = driver.open(open(seq(List.of("/bin/true")), CommandSequence.empty()));
        assertThat(r).hasSize(1);
        assertThat(r.get(0).succeeded()).isTrue();
        assertThat(r.get(0).exitCode()).isZero();
    }

    @Test
    void falseFailsWithItsExitCode() {
        assertThatThrownBy(() -> driver.open(open(seq(List.of("/bin/false")), CommandSequence.empty())))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.device()).isEqualTo("local-test");
                    assertThat(e.results()).hasSize(1);
                    assertThat(e.results().get(0).exitCode()).isEqualTo(1);
                    assertThat(e.getMessage()).startsWith("device=local-test: open step 1/1 failed: '/bin/false' exit 1");
                });
    }

    @Test
    void failureCarriesTheDeviceOutput() {
        assertThatThrownBy(() -> driver.open(open(seq(List.of("ls", "/nonexistent-postern")), CommandSequence.empty())))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.output()).contains("/nonexistent-postern").contains("No such file");
                    assertThat(e.getMessage()).contains("No such file");
                    assertThat(e.results().get(0).exitCode()).isEqualTo(2);
                });
    }

    @Test
    void capturesStdoutAndStderr() throws DeviceException {
        List<StepResult> r = driver.open(open(seq(List.of("sh", "-c", "echo out; echo err >&2")),
                CommandSequence.empty()));
        assertThat(r.get(0).output()).contains("out").contains("err");
    }

    @Test
    void argumentsAreNeverExpanded() throws DeviceException {
        List<StepResult> r = driver.open(open(seq(List.of("echo", "$HOME", "${HOME}", "$(id)", "`id`", "*", "a b", ";")),
                CommandSequence.empty()));
        assertThat(r.get(0).output().strip()).isEqualTo("$HOME ${HOME} $(id) `id` * a b ;");
    }

    @Test
    void environmentIsMinimal() throws DeviceException {
        List<StepResult> r = driver.open(open(seq(List.of("env")), CommandSequence.empty()));
        assertThat(r.get(0).output().strip().lines().sorted().toList())
                .containsExactly("LC_ALL=C", "PATH=" + LocalExecDriver.DEFAULT_PATH);
    }

    @Test
    void slowCommandIsKilledAtItsTimeLimit() {
        Step slow = Step.of(List.of("sleep", "30"), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> driver.open(open(CommandSequence.of(List.of(slow)), CommandSequence.empty())))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    StepResult r = e.results().get(0);
                    assertThat(r.timedOut()).isTrue();
                    assertThat(r.succeeded()).isFalse();
                    assertThat(r.output()).contains("killed after the time limit of 300 ms");
                    assertThat(e.getMessage()).contains("timed out");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void commandIgnoringSigtermIsStillKilled() {
        Step stubborn = Step.of(List.of("sh", "-c", "trap '' TERM; sleep 30 & wait; sleep 30"), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> driver.open(open(CommandSequence.of(List.of(stubborn)), CommandSequence.empty())))
                .isInstanceOf(DeviceException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingProgramIsAFailedStep() {
        assertThatThrownBy(() -> driver.open(open(seq(List.of("no-such-program-postern")), CommandSequence.empty())))
                .hasMessageContaining("command not found");
    }

    @Test
    void acceptedExitCodesCountAsSuccess() throws DeviceException {
        Step idempotent = new Step(List.of("/bin/false"), T, Set.of(0, 1));
        assertThat(driver.close(GrantContext.forClose("[t]", CommandSequence.of(List.of(idempotent))))).hasSize(1);
    }

    @Test
    void failedOpenUndoesTheCompletedSteps(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("entry");
        CommandSequence openSeq = seq(List.of("touch", marker.toString()), List.of("/bin/false"));
        CommandSequence closeSeq = seq(List.of("rm", "-f", marker.toString()));
        assertThatThrownBy(() -> driver.open(open(openSeq, closeSeq)))
                .hasMessageContaining("open step 2/2 failed");
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void closeRunsEveryStepAndReportsTheFirstFailure(@TempDir Path dir) {
        Path marker = dir.resolve("after");
        CommandSequence closeSeq = seq(List.of("/bin/false"), List.of("touch", marker.toString()));
        assertThatThrownBy(() -> driver.close(GrantContext.forClose("[t]", closeSeq)))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.results()).hasSize(2);
                    assertThat(e.getMessage()).contains("close step 1/2 failed");
                });
        assertThat(Files.exists(marker)).isTrue();
    }

    @Test
    void closeIsIdempotentWhenTheStepsAre(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("entry");
        Files.createFile(marker);
        GrantContext g = GrantContext.forClose("[t]", seq(List.of("rm", "-f", marker.toString())));
        driver.close(g);
        driver.close(g);
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void secretsAreMaskedInResultsExceptionsAndLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger(LocalExecDriver.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level old = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            CommandSequence s = new CommandSequence(List.of(
                    Step.of(List.of("echo", "token=s3cr3t-v4lue"), T),
                    Step.of(List.of("sh", "-c", "echo s3cr3t-v4lue; exit 3"), T)), Set.of("s3cr3t-v4lue"));
            assertThatThrownBy(() -> driver.open(open(s, CommandSequence.empty())))
                    .isInstanceOfSatisfying(DeviceException.class, e -> {
                        assertThat(e.getMessage()).doesNotContain("s3cr3t").contains("<masked>");
                        assertThat(e.results().get(0).argv()).containsExactly("echo", "token=<masked>");
                        assertThat(e.results().get(0).output()).doesNotContain("s3cr3t");
                        assertThat(e.results().get(1).output()).contains("<masked>");
                    });
            assertThat(appender.list).isNotEmpty();
            assertThat(appender.list).allSatisfy(ev -> assertThat(ev.getFormattedMessage()).doesNotContain("s3cr3t"));
            assertThat(appender.list).allSatisfy(ev -> assertThat(ev.getFormattedMessage()).contains("device=local-test"));
        } finally {
            logger.setLevel(old);
            logger.detachAppender(appender);
        }
    }

    @Test
    void outputIsBounded() throws DeviceException {
        LocalExecDriver small = new LocalExecDriver("small", LocalExecDriver.DEFAULT_PATH, List.of(), null, 100);
        List<StepResult> r = small.open(open(seq(List.of("seq", "1", "10000")), CommandSequence.empty()));
        assertThat(r.get(0).output()).contains("[output truncated at 100 bytes]");
        assertThat(r.get(0).output().length()).isLessThan(200);
    }

    @Test
    void outputLargerThanThePipeIsDrainedWhileTheCommandRuns() throws DeviceException {
        // ~590 KB: far more than a pipe holds, so the command only finishes if its output is read as it runs
        LocalExecDriver small = new LocalExecDriver("small", LocalExecDriver.DEFAULT_PATH, List.of(), null, 1000);
        Step big = Step.of(List.of("seq", "1", "100000"), Duration.ofSeconds(20));
        List<StepResult> r = small.open(open(CommandSequence.of(List.of(big)), CommandSequence.empty()));
        assertThat(r.get(0).succeeded()).isTrue();
        assertThat(r.get(0).output()).startsWith("1\n2\n3\n").contains("[output truncated at 1000 bytes]");
    }

    @Test
    void fullOutputIsKeptUpToTheLimit() throws DeviceException {
        List<StepResult> r = driver.open(open(seq(List.of("seq", "1", "5000")), CommandSequence.empty()));
        assertThat(r.get(0).output().lines().toList()).hasSize(5000).endsWith("5000");
    }

    @Test
    void aBackgroundProcessHoldingTheOutputDoesNotHoldTheStep() throws DeviceException {
        // the command exits at once but leaves a child with its stdout open for 30 s
        Step leaves = Step.of(List.of("sh", "-c", "echo started; sleep 30 & echo done"), Duration.ofSeconds(10));
        long start = System.nanoTime();
        List<StepResult> r = driver.open(open(CommandSequence.of(List.of(leaves)), CommandSequence.empty()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.get(0).succeeded()).isTrue();
        assertThat(r.get(0).output()).contains("started").contains("done");
    }

    @Test
    void anInterruptedCallerKillsTheCommand() throws Exception {
        Step slow = Step.of(List.of("sleep", "30"), Duration.ofSeconds(30));
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(driver.open(open(CommandSequence.of(List.of(slow)), CommandSequence.empty())));
            } catch (DeviceException e) {
                outcome.set(e);
            }
        });
        long start = System.nanoTime();
        caller.start();
        Thread.sleep(300);
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcome.get()).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.getMessage()).contains("interrupted"));
    }
}
