package io.postern.orchestrator.check;

import io.postern.device.BuiltinDrivers;
import io.postern.device.DeviceDriver;
import io.postern.device.ssh.SshCliConnector;
import io.postern.device.ssh.SshCliDriverFactory;
import io.postern.device.ssh.SshCliException;
import io.postern.device.ssh.SshCliSession;
import io.postern.device.ssh.SshDevice;
import io.postern.orchestrator.inventory.Device;
import io.postern.spa.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Logs in to devices without changing them, for {@code postern check --probe}. Per driver:
 * <ul>
 *   <li>{@code ssh-cli}: connect, check the host key, authenticate, wait for the prompt, turn the pager off and
 *       enable (a fresh session, not the serve pool's), then run the device's {@code probe_command} variable when
 *       set (e.g. {@code show clock}), and log out;</li>
 *   <li>{@code http}: build the driver (validates its settings and token reference), then GET {@code base_url}
 *       without the token; any answer below 500 counts as reachable;</li>
 *   <li>{@code local-exec} and others: build the driver only (nothing to log in to).</li>
 * </ul>
 * Every step has the device's connect or command time limit. Results carry the device's own words on failure,
 * never a secret. Not thread-safe; one instance per run, closed afterwards.
 */
public final class Probe implements AutoCloseable {

    /** The device variable naming a harmless command an {@code ssh-cli} probe runs after login. */
    public static final String PROBE_COMMAND = "probe_command";

    /**
     * The outcome for one device.
     *
     * @param device the device name
     * @param driver its driver
     * @param ok     whether it answered as expected
     * @param millis wall-clock time
     * @param detail what was done, or why it failed (the device's words, one line)
     */
    public record Result(String device, String driver, boolean ok, long millis, String detail) {

        /** {@code ok (412 ms)} or {@code FAILED: reason}. */
        public String outcome() {
            return ok ? "ok (" + millis + " ms" + (detail.isEmpty() ? "" : ", " + detail) + ")" : "FAILED: " + detail;
        }
    }

    private SshCliConnector ssh;
    private HttpClient http;

    /** Probes each device, at most {@code parallel} at once; results in the devices' order. */
    public List<Result> probeAll(List<Device> devices, int parallel) throws InterruptedException {
        if (devices.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, devices.size())));
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Device d : devices) {
                futures.add(pool.submit(() -> probe(d)));
            }
            List<Result> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    Device d = devices.get(i);
                    out.add(new Result(d.name(), d.driver(), false, 0, "internal error: " + e.getCause()));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Probes one device; never throws for a device problem. */
    public Result probe(Device d) {
        long start = System.nanoTime();
        try {
            String detail = switch (d.driver()) {
                case "ssh-cli" -> sshCli(d);
                case "http" -> http(d);
                default -> driverOnly(d);
            };
            return new Result(d.name(), d.driver(), true, millis(start), detail);
        } catch (ConfigException e) {
            return new Result(d.name(), d.driver(), false, millis(start), oneLine(e.getMessage()));
        } catch (SshCliException e) {
            return new Result(d.name(), d.driver(), false, millis(start), e.kind() + ": " + words(d, e.getMessage()));
        } catch (IOException e) {
            return new Result(d.name(), d.driver(), false, millis(start), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(d.name(), d.driver(), false, millis(start), "interrupted");
        } catch (RuntimeException e) {
            return new Result(d.name(), d.driver(), false, millis(start), oneLine(e.toString()));
        }
    }

    private String sshCli(Device d) throws ConfigException, SshCliException {
        SshDevice device = SshCliDriverFactory.device(d.toSpec());
        try (SshCliSession session = connector().open(device)) {
            String command = d.vars().get(PROBE_COMMAND);
            if (command == null) {
                return "logged in as " + device.username() + ", prompt " + session.prompt().strip();
            }
            session.run(List.of(command), d.timeouts().command());
            return "logged in as " + device.username() + ", '" + command + "' answered";
        }
    }

    private String http(Device d) throws ConfigException, IOException, InterruptedException {
        driverOnly(d);
        String base = d.vars().get("base_url");
        if (base == null) {
            throw new ConfigException(d.origin().file(), d.origin().line(), "base_url", null, "the API's base URL");
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(base)).timeout(d.timeouts().command()).GET().build();
        HttpResponse<Void> resp = client(d).send(req, HttpResponse.BodyHandlers.discarding());
        if (resp.statusCode() >= 500) {
            throw new IOException("GET " + base + " answered HTTP " + resp.statusCode());
        }
        return "GET " + base + " answered HTTP " + resp.statusCode();
    }

    private static String driverOnly(Device d) throws ConfigException {
        DeviceDriver driver = BuiltinDrivers.resolve(d.driver()).create(d.toSpec());
        driver.shutdown();
        return d.driver().equals("local-exec") ? "runs on this host, nothing to log in to"
                : "driver created, no probe for " + d.driver();
    }

    private synchronized SshCliConnector connector() {
        if (ssh == null) {
            ssh = new SshCliConnector();
        }
        return ssh;
    }

    private synchronized HttpClient client(Device d) {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(d.timeouts().connect())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    private static String words(Device d, String message) {
        String head = "device=" + d.name() + ": ";
        return oneLine(message.startsWith(head) ? message.substring(head.length()) : message);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", "; ").strip();
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public synchronized void close() {
        if (ssh != null) {
            ssh.close();
        }
    }
}
