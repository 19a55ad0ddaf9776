package io.postern.orchestrator.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceDriver;
import io.postern.device.DeviceException;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.StepResult;
import io.postern.orchestrator.check.ProvisionRunner.Outcome;
import io.postern.orchestrator.check.ProvisionRunner.Status;
import io.postern.orchestrator.inventory.Credentials;
import io.postern.orchestrator.inventory.Device;
import io.postern.orchestrator.inventory.Origin;
import io.postern.orchestrator.inventory.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The parallel runner: concurrency bound, per-device time limit, failures isolated and masked, skips. */
class ProvisionRunnerTest {

    static Device device(String name, Duration deviceTimeout) {
        return new Device(name, "fake", null, 0, null, Credentials.NONE, null, "fake",
                new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), deviceTimeout), Map.of(), List.of("all"),
                new Origin(Path.of("inventory.yaml"), 3));
    }

    static final CommandSequence SEQ = new CommandSequence(
            List.of(Step.of(List.of("set", "secret", "hunter2"), Duration.ofSeconds(1))), Set.of("hunter2"));

    @Test
    void runsAtMostConcurrencyAtOnceIsolatesFailuresAndEnforcesTheDeviceTimeLimit() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ProvisionRunner runner = new ProvisionRunner(d -> new FakeDriver(d.name(), running, peak));
        List<ProvisionRunner.Job> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(new ProvisionRunner.Job(device("d" + i, Duration.ofSeconds(5)), SEQ, null));
        }
        jobs.add(new ProvisionRunner.Job(device("bad", Duration.ofSeconds(5)), SEQ, null));
        jobs.add(new ProvisionRunner.Job(device("slow", Duration.ofMillis(300)), SEQ, null));
        jobs.add(new ProvisionRunner.Job(device("none", Duration.ofSeconds(5)), null, "no provision section"));
        List<String> progress = new ArrayList<>();
        List<Outcome> out = runner.run(jobs, 2, (done, total, o) -> progress.add(done + "/" + total + " "
                + o.device().name()));

        assertThat(peak.get()).isLessThanOrEqualTo(2);
        assertThat(progress).hasSize(9).last().asString().startsWith("9/9 ");
        assertThat(out).extracting(o -> o.device().name())
                .containsExactly("d0", "d1", "d2", "d3", "d4", "d5", "bad", "slow", "none");
        assertThat(out.subList(0, 6)).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.OK));
        assertThat(out.get(6).status()).isEqualTo(Status.FAILED);
        assertThat(out.get(6).detail()).isEqualTo("provision failed: % Invalid input at 'set secret <masked>'");
        assertThat(out.get(7).status()).isEqualTo(Status.FAILED);
        assertThat(out.get(7).detail()).startsWith("no answer within device_timeout");
        assertThat(out.get(8).status()).isEqualTo(Status.SKIPPED);
    }

    /** Succeeds after 50 ms; "bad" fails with its own words (echoing a secret); "slow" takes 3 s. */
    record FakeDriver(String deviceName, AtomicInteger running, AtomicInteger peak) implements DeviceDriver {
        @Override
        public List<StepResult> open(GrantContext grant) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StepResult> close(GrantContext grant) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StepResult> provision(String logPrefix, CommandSequence steps) throws DeviceException {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(deviceName.equals("slow") ? 3000 : 50);
                if (deviceName.equals("bad")) {
                    throw new DeviceException(deviceName, "provision failed: % Invalid input at 'set secret hunter2'",
                            List.of());
                }
                return List.of(new StepResult(List.of("set"), 0, "", Duration.ZERO, true, false));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException(deviceName, "interrupted", List.of());
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
