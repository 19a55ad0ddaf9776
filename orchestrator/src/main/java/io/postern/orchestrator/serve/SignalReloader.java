package io.postern.orchestrator.serve;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs a reload on SIGHUP (what systemd's {@code ExecReload=/bin/kill -HUP $MAINPID} sends), on a
 * thread of its own so the signal dispatcher is never blocked; signals arriving during a reload are
 * queued and run after it, one at a time. Uses {@code sun.misc.Signal} (module jdk.unsupported, present
 * in every JDK 17 runtime).
 */
public final class SignalReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.postern.serve");
    private final ExecutorService worker;

    private SignalReloader(ExecutorService worker) {
        this.worker = worker;
    }

    /**
     * Installs the SIGHUP handler.
     *
     * @return the installed reloader, or null where the platform has no SIGHUP (reload then needs a restart)
     */
    public static SignalReloader install(PosternServer server) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "postern-reload");
            t.setDaemon(true);
            return t;
        });
        try {
            Signal.handle(new Signal("HUP"), sig -> worker.execute(() -> {
                try {
                    server.reload();
                } catch (RuntimeException e) {
                    LOG.error("reload failed, keeping the previous configuration: {}", e.toString(), e);
                }
            }));
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP is not available here ({}); restart to apply configuration changes", e.getMessage());
            worker.shutdown();
            return null;
        }
        return new SignalReloader(worker);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
