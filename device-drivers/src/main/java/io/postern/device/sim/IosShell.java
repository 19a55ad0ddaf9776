package io.postern.device.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH transport of one simulated IOS session: a line-oriented shell on its own thread that echoes what is
 * typed (except the enable secret), hands each line to {@link IosCli} and writes the answer and the next
 * prompt with {@code \r\n} line ends. Accepts CR, LF or CRLF as the end of a line. Applies the device's
 * {@link SimulatedFaults} before answering.
 */
final class IosShell implements Command, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(IosShell.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final IosCli cli;
    private final SimulatedFaults faults;
    private final AtomicInteger commandCounter;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private ChannelSession channel;
    private Thread thread;
    private volatile boolean hanging;

    IosShell(IosCli cli, SimulatedFaults faults, AtomicInteger commandCounter) {
        this.cli = cli;
        this.faults = faults;
        this.commandCounter = commandCounter;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // the CLI writes everything to stdout, as a terminal does
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        this.channel = channel;
        thread = new Thread(this, "sim-ios-shell-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        try {
            write("\n" + cli.prompt());
            StringBuilder line = new StringBuilder();
            boolean lastWasCr = false;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n' && lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                lastWasCr = b == '\r';
                if (b != '\r' && b != '\n') {
                    line.append((char) b);
                    continue;
                }
                String typed = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                line.setLength(0);
                if (!onLine(typed)) {
                    break;
                }
            }
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("run() session ended: {}", e.toString());
        } finally {
            if (exit != null) {
                exit.onExit(0);
            }
        }
    }

    /** Answers one line; false ends the session. */
    private boolean onLine(String typed) throws IOException {
        if (hanging) {
            return true;
        }
        boolean secret = cli.awaitingSecret();
        if (!secret && !typed.isBlank()) {
            commandCounter.incrementAndGet();
            SimulatedFaults.Verdict verdict = faults.onCommand();
            if (verdict == SimulatedFaults.Verdict.HANG) {
                hanging = true;
                return true;
            }
            if (verdict == SimulatedFaults.Verdict.DROP) {
                channel.getSession().close(true);
                return false;
            }
        }
        pause();
        IosCli.Reply reply = cli.handle(typed);
        write((secret ? "" : typed) + "\n" + reply.text() + (reply.logout() ? "" : cli.prompt()));
        return !reply.logout();
    }

    private void pause() throws InterruptedIOException {
        long ms = faults.answerDelay().toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while delaying an answer");
            }
        }
    }

    private void write(String text) throws IOException {
        out.write(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
