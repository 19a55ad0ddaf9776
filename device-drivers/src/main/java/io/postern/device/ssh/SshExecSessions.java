package io.postern.device.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.ConnectionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs remote commands over SSH {@code exec} channels, keeping one authenticated MINA {@link ClientSession} per
 * device (by name) and opening one channel per command on it. Owns one {@link SshLogin} (the MINA client: I/O
 * threads, keep-alive, the strict {@link HostKeyCheck}); nothing from {@code ~/.ssh} is read.
 *
 * <p><b>Time limits.</b> Connect and login are bounded by the device's {@code connectTimeout} and
 * {@code loginTimeout}. Everything after (waiting for a free channel, opening it, running the command, reading
 * its output and exit status) is bounded by the limit given to {@link #run}; on expiry the channel is closed and
 * the outcome says {@code timedOut}. Closing the channel makes sshd close the command's pipes; a command that
 * neither reads nor writes may keep running on the device until it ends by itself.
 *
 * <p><b>Reconnects.</b> A session found closed is replaced by a new login. When the channel cannot be opened on
 * a reused session (the connection died unnoticed), the session is dropped and the command is tried once more
 * on a new one: nothing ran yet, since the command only travels once the channel is open. A session lost while
 * a command runs is never retried (the device may have applied it).
 *
 * <p>Thread-safe: commands for one device share its session, up to {@code maxChannels} at once; devices are
 * independent. {@link #close()} closes every session and the client.
 */
public final class SshExecSessions implements AutoCloseable {

    /** What one remote command did. {@code failure} is set when it could not run (login, channel) or was cut off. */
    public record Outcome(Integer exitStatus, String exitSignal, String output, boolean timedOut, String failure) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SshExecSessions.class);
    private static final Map<String, String> ENV = Map.of("LC_ALL", "C");

    private final SshLogin ssh;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Sessions with the default keep-alive (30 s). */
    public SshExecSessions() {
        this(SshCliConnector.DEFAULT_KEEP_ALIVE);
    }

    /** @param keepAlive interval between keep-alive requests; three unanswered ones close the session */
    public SshExecSessions(Duration keepAlive) {
        ssh = new SshLogin(keepAlive);
    }

    /**
     * Runs {@code commandLine} (already quoted, see {@link RemoteCommandLine}) on the device. Never throws for a
     * failing command, a refused login or a time-out: the outcome says what happened.
     *
     * @param limit time limit for the command, from asking for a channel to its exit status
     */
    public Outcome run(SshExecDevice device, String commandLine, Duration limit) {
        if (closed) {
            throw new IllegalStateException("sessions closed");
        }
        long deadline = System.nanoTime() + limit.toNanos();
        Slot slot = slot(device);
        try {
            if (!slot.permits.tryAcquire(remainingNanos(deadline), TimeUnit.NANOSECONDS)) {
                return cutOff(limit, "", "no free exec channel on the device's session");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while waiting for an exec channel");
        }
        try {
            return runOnSession(slot, commandLine, limit, deadline);
        } catch (LoginFailure f) {
            return failed(f.getMessage());
        } finally {
            slot.permits.release();
        }
    }

    /** Closes and forgets the device's session. */
    public void evict(String deviceName) {
        Slot slot = slots.remove(deviceName);
        if (slot != null) {
            slot.discard(slot.session);
        }
    }

    /** True when the device has an open pooled session now. */
    public boolean isConnected(String deviceName) {
        Slot slot = slots.get(deviceName);
        ClientSession s = slot == null ? null : slot.session;
        return s != null && s.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        for (String name : List.copyOf(slots.keySet())) {
            evict(name);
        }
        ssh.close();
    }

    private Slot slot(SshExecDevice device) {
        return slots.compute(device.name(), (name, old) -> {
            if (old != null && old.device.equals(device)) {
                return old;
            }
            if (old != null) {
                LOG.info("device={} settings changed; closing the pooled session", name);
                old.discard(old.session);
            }
            return new Slot(device);
        });
    }

    private Outcome runOnSession(Slot slot, String line, Duration limit, long deadline) throws LoginFailure {
        Bounded out = new Bounded(slot.device.maxOutputBytes());
        Lease lease = slot.lease();
        ExecChannel channel;
        try {
            channel = open(lease.session, line, out, deadline);
        } catch (OpenTimeout t) {
            slot.discard(lease.session);
            return cutOff(limit, out.text(), "the exec channel did not open");
        } catch (IOException e) {
            slot.discard(lease.session);
            if (lease.fresh) {
                return failed("cannot open an exec channel: " + e.getMessage());
            }
            LOG.info("device={} pooled session is broken ({}); logging in again once", slot.device.name(),
                    e.getClass().getSimpleName());
            lease = slot.lease();
            try {
                channel = open(lease.session, line, out, deadline);
            } catch (OpenTimeout t) {
                slot.discard(lease.session);
                return cutOff(limit, out.text(), "the exec channel did not open");
            } catch (IOException again) {
                slot.discard(lease.session);
                return failed("cannot open an exec channel: " + again.getMessage());
            }
        }
        return await(channel, out, limit, deadline);
    }

    private static ExecChannel open(ClientSession session, String line, OutputStream out, long deadline)
            throws IOException, OpenTimeout {
        ConnectionService connections = session.getService(ConnectionService.class);
        if (connections == null || !session.isOpen()) {
            throw new IOException("session closed");
        }
        ExecChannel channel = new ExecChannel(line, ENV);
        connections.registerChannel(channel);
        channel.setOut(out);
        channel.setErr(out);
        OpenFuture opened = channel.open();
        if (!opened.await(remainingMillis(deadline))) {
            channel.close(true);
            throw new OpenTimeout();
        }
        if (!opened.isOpened()) {
            channel.close(true);
            Throwable why = opened.getException();
            throw new IOException(why == null ? "channel open refused" : why.getMessage(), why);
        }
        channel.getInvertedIn().close();
        return channel;
    }

    private static Outcome await(ExecChannel channel, Bounded out, Duration limit, long deadline) {
        Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                remainingMillis(deadline));
        if (!events.contains(ClientChannelEvent.CLOSED)) {
            channel.close(true);
            return cutOff(limit, out.text(), "the command did not finish");
        }
        Integer status = channel.getExitStatus();
        String signal = channel.getExitSignal();
        if (status != null) {
            return new Outcome(status, null, out.text(), false, null);
        }
        String why = signal != null ? "the command was killed by signal " + signal
                : "the channel closed without an exit status (connection lost?)";
        return new Outcome(null, signal, join(out.text(), why), false, why);
    }

    private static Outcome cutOff(Duration limit, String output, String what) {
        String why = what + " within the step's time limit of " + limit.toMillis() + " ms; channel closed";
        return new Outcome(null, null, join(output, why), true, why);
    }

    private static Outcome failed(String why) {
        return new Outcome(null, null, why, false, why);
    }

    private static String join(String output, String note) {
        return output.isBlank() ? note : output.stripTrailing() + "\n" + note;
    }

    private static long remainingNanos(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos(deadline)));
    }

    /** Connects, checks the host key and authenticates; bounded by the device's connect and login limits. */
    private ClientSession login(SshExecDevice device) throws LoginFailure {
        HostKeyCheck.Outcome hostKey = new HostKeyCheck.Outcome();
        ClientSession session = null;
        try {
            session = ssh.connect(device, hostKey, device.connectTimeout());
            ssh.authenticate(session, device, hostKey, device.loginTimeout());
            return session;
        } catch (SshLogin.Failure f) {
            if (session != null) {
                session.close(true);
            }
            throw new LoginFailure(f.getMessage());
        }
    }

    /** One device: its settings, its session (replaced under the lock) and its channel permits. */
    private final class Slot {
        final SshExecDevice device;
        final Semaphore permits;
        final ReentrantLock lock = new ReentrantLock();
        volatile ClientSession session;

        Slot(SshExecDevice device) {
            this.device = device;
            this.permits = new Semaphore(device.maxChannels(), true);
        }

        Lease lease() throws LoginFailure {
            ClientSession s = session;
            if (s != null && s.isOpen()) {
                return new Lease(s, false);
            }
            lock.lock();
            try {
                s = session;
                if (s != null && s.isOpen()) {
                    return new Lease(s, false);
                }
                session = login(device);
                return new Lease(session, true);
            } finally {
                lock.unlock();
            }
        }

        void discard(ClientSession s) {
            if (s == null) {
                return;
            }
            lock.lock();
            try {
                if (session == s) {
                    session = null;
                }
            } finally {
                lock.unlock();
            }
            s.close(true);
        }
    }

    private record Lease(ClientSession session, boolean fresh) {
    }

    /** A refused or failed login; the message names the host, user and reason, never a secret. */
    private static final class LoginFailure extends Exception {
        LoginFailure(String message) {
            super(message, null, false, false);
        }
    }

    private static final class OpenTimeout extends Exception {
        OpenTimeout() {
            super(null, null, false, false);
        }
    }

    /** Standard output and error of one command, up to a limit. Thread-safe. */
    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final int limit;
        private boolean truncated;

        Bounded(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, limit - buf.size());
            buf.write(b, off, Math.min(room, len));
            truncated |= len > room;
        }

        synchronized String text() {
            String s = buf.toString(StandardCharsets.UTF_8);
            return truncated ? s + "\n[output truncated at " + limit + " bytes]" : s;
        }
    }
}
