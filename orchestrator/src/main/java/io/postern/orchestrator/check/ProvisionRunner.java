package io.postern.orchestrator.check;

import io.postern.device.BuiltinDrivers;
import io.postern.device.CommandSequence;
import io.postern.device.DeviceDriver;
import io.postern.device.DeviceException;
import io.postern.orchestrator.inventory.Device;
import io.postern.spa.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes rendered provision sections to devices in parallel ({@code postern provision}): at most
 * {@code concurrency} devices at once, each within its {@code device_timeout}, one driver per device created just
 * before use and shut down after. A failure on one device never stops the others. Reports each device to a
 * {@link Progress} as it finishes. One instance per run.
 */
public final class ProvisionRunner {

    /** The result kinds. */
    public enum Status {
        OK, FAILED, SKIPPED
    }

    /**
     * What happened on one device.
     *
     * @param device the device
     * @param status ok, failed, or skipped (no provision section)
     * @param millis wall-clock time
     * @param detail what was done, or the device's own words (one line, secrets masked)
     */
    public record Outcome(Device device, Status status, long millis, String detail) {
    }

    /**
     * One device to provision.
     *
     * @param device   the device
     * @param commands its rendered provision section, or null to skip it
     * @param skipped  why it is skipped (when {@code commands} is null)
     */
    public record Job(Device device, CommandSequence commands, String skipped) {
    }

    /** Told about each device as it finishes; called from worker threads, one call at a time. */
    @FunctionalInterface
    public interface Progress {
        /** @param done how many devices have finished, this one included */
        void finished(int done, int total, Outcome outcome);
    }

    /** Creates a device's driver. */
    @FunctionalInterface
    public interface DriverSource {
        DeviceDriver create(Device device) throws ConfigException;

        /** The built-in and ServiceLoader drivers, by the device's {@code driver} name. */
        DriverSource BUILTIN = d -> BuiltinDrivers.resolve(d.driver()).create(d.toSpec());
    }

    private final DriverSource drivers;

    public ProvisionRunner(DriverSource drivers) {
        this.drivers = Objects.requireNonNull(drivers, "drivers");
    }

    /** Runs every job; the outcomes are in job order. */
    public List<Outcome> run(List<Job> jobs, int concurrency, Progress progress) throws InterruptedException {
        int total = jobs.size();
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Outcome>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, Math.max(1, total))),
                r -> {
                    Thread t = new Thread(r, "postern-provision");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (Job j : jobs) {
                CompletableFuture<Outcome> f = j.commands() == null
                        ? CompletableFuture.completedFuture(new Outcome(j.device(), Status.SKIPPED, 0, j.skipped()))
                        : CompletableFuture.supplyAsync(() -> provision(j), pool)
                                .completeOnTimeout(new Outcome(j.device(), Status.FAILED,
                                        j.device().timeouts().device().toMillis(), "no answer within device_timeout "
                                        + j.device().timeouts().device().toSeconds() + " s"),
                                        j.device().timeouts().device().toMillis(), TimeUnit.MILLISECONDS);
                futures.add(f.thenApply(o -> {
                    synchronized (progress) {
                        progress.finished(done.incrementAndGet(), total, o);
                    }
                    return o;
                }));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Outcome provision(Job j) {
        Device d = j.device();
        long start = System.nanoTime();
        DeviceDriver driver = null;
        try {
            driver = drivers.create(d);
            int n = driver.provision("[provision]", j.commands()).size();
            return new Outcome(d, Status.OK, millis(start), n + " commands");
        } catch (ConfigException e) {
            return new Outcome(d, Status.FAILED, millis(start), Probe.oneLine(e.getMessage()));
        } catch (DeviceException e) {
            String head = "device=" + d.name() + ": ";
            String m = e.getMessage();
            return new Outcome(d, Status.FAILED, millis(start),
                    Probe.oneLine(j.commands().mask(m.startsWith(head) ? m.substring(head.length()) : m)));
        } catch (RuntimeException e) {
            return new Outcome(d, Status.FAILED, millis(start), Probe.oneLine(e.toString()));
        } finally {
            if (driver != null) {
                driver.shutdown();
            }
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
