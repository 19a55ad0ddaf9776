package io.postern.device.ssh;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one logged-in {@link SshCliSession} per device and reuses it, so a grant costs one round of commands,
 * not an SSH handshake. Sequences for one device run one at a time (in arrival order); different devices run in
 * parallel. Idle sessions are kept alive by the connector's keep-alive. Sessions are keyed by device name; a call
 * whose {@link SshDevice} differs from the one the session was opened with (new address, credentials, host key
 * policy...) closes it and logs in again.
 *
 * <p><b>Failures.</b> A device error leaves the session in place. A broken session (timeout, disconnect) is
 * closed and dropped; the next call reconnects. When the session turns out to be broken before any line of the
 * sequence was written, the pool reconnects once and runs the sequence on the new session; once a line was sent
 * it never retries, since the device may have applied part of it.
 *
 * <p>Thread-safe. {@link #close()} closes every session and the connector the pool owns.
 */
public final class SshSessionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshSessionPool.class);

    private final SshCliConnector connector;
    private final boolean ownsConnector;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A pool with its own connector (default keep-alive). */
    public SshSessionPool() {
        this(new SshCliConnector(), true);
    }

    /** A pool over a given connector; {@code owns} says whether {@link #close()} closes it too. */
    public SshSessionPool(SshCliConnector connector, boolean owns) {
        this.connector = connector;
        this.ownsConnector = owns;
    }

    /**
     * Runs a sequence on the device's pooled session, opening it first if needed.
     *
     * <p>Time limits: login as in {@link SshCliConnector#open(SshDevice)}, then {@code perCommandTimeout} per line;
     * a caller may also wait for an earlier sequence of the same device to finish.
     *
     * @throws SshCliException as {@link SshCliConnector#open} and {@link SshCliSession#run} do
     */
    public List<CommandResult> run(SshDevice device, List<String> commands, Duration perCommandTimeout)
            throws SshCliException {
        return run(device, commands, java.util.Collections.nCopies(commands.size(), perCommandTimeout));
    }

    /** As {@link #run(SshDevice, List, Duration)}, with one time limit per command. */
    public List<CommandResult> run(SshDevice device, List<String> commands, List<Duration> timeouts)
            throws SshCliException {
        if (closed) {
            throw new IllegalStateException("pool closed");
        }
        Slot slot = slots.computeIfAbsent(device.name(), n -> new Slot());
        slot.lock.lock();
        try {
            if (slot.device != null && !slot.device.equals(device)) {
                LOG.info("device={} settings changed; closing the pooled session", device.name());
                slot.replace(null);
            }
            boolean fresh = slot.session == null || !slot.session.isOpen();
            if (fresh) {
                slot.replace(null);
                slot.device = device;
                slot.replace(connector.open(device));
            }
            try {
                return slot.session.run(commands, timeouts);
            } catch (SshCliException e) {
                if (!e.kind().breaksSession()) {
                    throw e;
                }
                slot.replace(null);
                if (fresh || e.commandsSent() > 0) {
                    throw e;
                }
                LOG.info("device={} pooled session was broken before the sequence was sent ({}); reconnecting once",
                        device.name(), e.kind());
                slot.replace(connector.open(device));
                try {
                    return slot.session.run(commands, timeouts);
                } catch (SshCliException again) {
                    if (again.kind().breaksSession()) {
                        slot.replace(null);
                    }
                    throw again;
                }
            }
        } finally {
            slot.lock.unlock();
        }
    }

    /** Closes and forgets the device's session (e.g. after its settings changed). */
    public void evict(String deviceName) {
        Slot slot = slots.remove(deviceName);
        if (slot != null) {
            slot.lock.lock();
            try {
                slot.replace(null);
            } finally {
                slot.lock.unlock();
            }
        }
    }

    /** True when the device has an open pooled session now. */
    public boolean isConnected(String deviceName) {
        Slot slot = slots.get(deviceName);
        SshCliSession s = slot == null ? null : slot.session;
        return s != null && s.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        for (String name : List.copyOf(slots.keySet())) {
            evict(name);
        }
        if (ownsConnector) {
            connector.close();
        }
    }

    /** One device's session and the lock that serializes its sequences. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock(true);
        SshCliSession session;
        SshDevice device;

        void replace(SshCliSession next) {
            if (session != null) {
                session.close();
            }
            session = next;
        }
    }
}
