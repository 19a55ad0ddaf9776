package io.postern.device.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.postern.device.ssh.SshCliException.Kind;

/**
 * One logged-in interactive CLI session (a PTY shell channel) on one device, as opened by
 * {@link SshCliConnector#open(SshDevice)}.
 *
 * <p><b>Commands.</b> {@link #run(List, Duration)} writes each line, waits for the next prompt, and captures what
 * the device printed in between. Before anything is sent, every command is checked: a CR, LF or any other
 * control character (or a character the profile refuses, such as {@code ?} on IOS) refuses the whole sequence,
 * so no value can add a line.
 *
 * <p><b>Time limits and failures.</b> The login steps (shell channel, first prompt, pager-off, enable) share what
 * is left of the login's one limit. After login, each command has its own limit. No prompt in time is a {@code TIMEOUT}: the
 * session is closed (its state is unknown) and must be discarded. A line of output matching one of the
 * profile's error patterns is a {@code DEVICE_ERROR} carrying the device's own words; the sequence stops there
 * and, if the device was left in configuration mode, the profile's leave command is sent so that the session
 * stays usable. A connection that closes underneath is {@code DISCONNECTED}. Secrets are masked in results,
 * messages and logs.
 *
 * <p><b>Streams and threads.</b> The session owns its channel and streams; callers never see them. Output is
 * collected by MINA's I/O threads into a buffer and read by the calling thread with a deadline, so a silent
 * device never blocks a caller beyond the limit. Calls are serialized: a second caller waits for the first
 * sequence to finish.
 */
public final class SshCliSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshCliSession.class);
    private static final int PTY_COLUMNS = 511;

    private final SshDevice device;
    private final CliProfile profile;
    private final ClientSession session;
    private final SecretMasker masker;
    private final TerminalBuffer terminal = new TerminalBuffer();
    private ChannelShell channel;
    private OutputStream toDevice;
    private String prompt = "";

    private SshCliSession(ClientSession session, SshDevice device, SecretMasker masker) {
        this.session = session;
        this.device = device;
        this.profile = device.profile();
        this.masker = masker;
    }

    /**
     * Opens the shell channel on an authenticated session and runs the login steps, all within what is left of
     * {@code login}; each step records its stage there.
     */
    static SshCliSession start(ClientSession session, SshDevice device, SecretMasker masker, LoginDeadline login)
            throws SshCliException {
        SshCliSession cli = new SshCliSession(session, device, masker);
        cli.openShell(login);
        cli.login(login);
        return cli;
    }

    /**
     * Runs the commands in order, each with {@code perCommandTimeout}, and stops at the first failure.
     *
     * @return one result per command, in order
     * @throws SshCliException {@code REFUSED_COMMAND} (nothing sent), {@code DEVICE_ERROR}, {@code TIMEOUT} or
     *                         {@code DISCONNECTED}; {@link SshCliException#completed()} and
     *                         {@link SshCliException#commandsSent()} say how far it got
     */
    public List<CommandResult> run(List<String> commands, Duration perCommandTimeout) throws SshCliException {
        return run(commands, java.util.Collections.nCopies(commands.size(), perCommandTimeout));
    }

    /**
     * As {@link #run(List, Duration)}, with one time limit per command ({@code timeouts.get(i)} for
     * {@code commands.get(i)}).
     */
    public synchronized List<CommandResult> run(List<String> commands, List<Duration> timeouts)
            throws SshCliException {
        if (timeouts.size() != commands.size()) {
            throw new IllegalArgumentException(commands.size() + " commands but " + timeouts.size() + " time limits");
        }
        for (String c : commands) {
            String why = refusal(c);
            if (why != null) {
                throw new SshCliException(Kind.REFUSED_COMMAND, device.name(), printable(c),
                        "command refused before sending: " + why + ": '" + printable(c) + "'", "", List.of(), 0, null);
            }
        }
        if (!isOpen()) {
            throw new SshCliException(Kind.DISCONNECTED, device.name(), null, "session is closed", "", List.of(), 0,
                    null);
        }
        List<CommandResult> done = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            done.add(exchange(commands.get(i), false, timeouts.get(i), done, profile.prompt()));
        }
        return done;
    }

    /**
     * Runs the commands inside configuration mode: the profile's enter command, the commands, the leave command.
     * Same limits and failures as {@link #run}. Without config-mode commands in the profile this is {@code run}.
     */
    public List<CommandResult> runInConfigMode(List<String> commands, Duration perCommandTimeout)
            throws SshCliException {
        List<String> all = new ArrayList<>(commands.size() + 2);
        if (profile.configEnter() != null) {
            all.add(profile.configEnter());
        }
        all.addAll(commands);
        if (profile.configLeave() != null) {
            all.add(profile.configLeave());
        }
        return run(all, perCommandTimeout);
    }

    /** The device's inventory name. */
    public String device() {
        return device.name();
    }

    /** The last prompt seen, e.g. {@code R1#}. */
    public synchronized String prompt() {
        return prompt;
    }

    /** True while the SSH session and the shell channel are open. */
    public boolean isOpen() {
        ChannelShell ch = channel;
        return session.isOpen() && !session.isClosing() && ch != null && ch.isOpen() && !ch.isClosing();
    }

    /** Closes the channel and the SSH connection at once; idempotent. */
    @Override
    public void close() {
        if (channel != null) {
            channel.close(true);
        }
        session.close(true);
    }

    private void openShell(LoginDeadline login) throws SshCliException {
        login.enter("shell channel");
        Duration limit = login.remaining();
        OpenFuture opened;
        try {
            channel = session.createShellChannel();
            channel.setPtyType("vt100");
            channel.setPtyColumns(PTY_COLUMNS);
            channel.setOut(terminal);
            channel.setErr(terminal);
            channel.addCloseFutureListener(f -> terminal.close());
            opened = channel.open();
            if (opened.await(limit) && opened.isOpened()) {
                toDevice = channel.getInvertedIn();
                return;
            }
        } catch (IOException e) {
            close();
            throw failure(Kind.DISCONNECTED, null, "cannot open a shell channel: " + e.getMessage(), "", List.of(),
                    0, e);
        }
        close();
        if (!opened.isDone()) {
            throw failure(Kind.TIMEOUT, null, "the shell channel did not open within " + limit.toMillis() + " ms", "",
                    List.of(), 0, null);
        }
        Throwable why = opened.getException();
        throw failure(Kind.DISCONNECTED, null, "cannot open a shell channel: "
                + (why == null ? "refused" : why.getMessage()), "", List.of(), 0, why);
    }

    private void login(LoginDeadline login) throws SshCliException {
        login.enter("first prompt");
        await(null, login.remaining(), List.of(), 0, profile.prompt());
        prompt = TerminalBuffer.lastLine(terminal.text());
        List<CommandResult> done = new ArrayList<>();
        if (profile.pagerOff() != null) {
            login.enter("pager off");
            done.add(exchange(profile.pagerOff(), false, login.remaining(), done, profile.prompt()));
        }
        boolean privileged = profile.privilegedPrompt() != null && profile.privilegedPrompt().matcher(prompt).matches();
        if (device.enableSecret() != null && profile.enableCommand() != null && !privileged) {
            enable(login, done);
        }
        LOG.info("device={} CLI ready ({}), prompt {}", device.name(), profile.name(), prompt);
    }

    private void enable(LoginDeadline login, List<CommandResult> done) throws SshCliException {
        login.enter("enable");
        CommandResult r = exchange(profile.enableCommand(), false, login.remaining(), done, profile.secretPrompt(),
                profile.prompt());
        if (profile.secretPrompt().matcher(r.prompt()).matches()) {
            login.enter("enable secret");
            r = exchange(device.enableSecret().reveal(), true, login.remaining(), done, profile.secretPrompt(),
                    profile.prompt());
        }
        boolean refused = profile.secretPrompt().matcher(r.prompt()).matches()
                || (profile.privilegedPrompt() != null && !profile.privilegedPrompt().matcher(r.prompt()).matches());
        if (refused) {
            close();
            throw failure(Kind.AUTH, profile.enableCommand(), "enable secret refused (prompt '" + r.prompt() + "')",
                    r.output(), done, done.size(), null);
        }
    }

    /** Sends one line and waits for one of {@code prompts}; checks the output for error patterns. */
    private CommandResult exchange(String command, boolean secret, Duration limit, List<CommandResult> done,
            Pattern... prompts) throws SshCliException {
        String shown = secret ? "<enable secret>" : masker.mask(command);
        String before = prompt;
        long start = System.nanoTime();
        terminal.clear();
        LOG.debug("exchange(device={}) command={}", device.name(), shown);
        try {
            toDevice.write((command + profile.lineEnd()).getBytes(StandardCharsets.UTF_8));
            toDevice.flush();
        } catch (IOException e) {
            close();
            throw failure(Kind.DISCONNECTED, shown, "connection lost while sending '" + shown + "': " + e.getMessage(),
                    "", done, done.size(), e);
        }
        await(shown, limit, done, done.size() + 1, prompts);
        String text = masker.mask(terminal.text());
        prompt = TerminalBuffer.lastLine(text);
        String output = outputOf(text, secret ? null : command);
        CommandResult result = new CommandResult(shown, output, prompt, Duration.ofNanos(System.nanoTime() - start));
        if (!secret && profile.firstError(output) != null) {
            String message = "command '" + shown + "' failed:\n" + before + shown + "\n" + output.stripTrailing();
            LOG.warn("device={} {}", device.name(), message);
            leaveConfigMode(limit);
            throw failure(Kind.DEVICE_ERROR, shown, message, output, done, done.size() + 1, null);
        }
        return result;
    }

    private void await(String shown, Duration limit, List<CommandResult> done, int sent, Pattern... prompts)
            throws SshCliException {
        TerminalBuffer.Outcome outcome;
        try {
            outcome = terminal.await(limit, prompts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw failure(Kind.TIMEOUT, shown, "interrupted while waiting for the prompt", "", done, sent, e);
        }
        if (outcome == TerminalBuffer.Outcome.PROMPT) {
            return;
        }
        String seen = masker.mask(terminal.text()).strip();
        close();
        String what = shown == null ? "the first prompt" : "the prompt after '" + shown + "'";
        if (outcome == TerminalBuffer.Outcome.TIMEOUT) {
            throw failure(Kind.TIMEOUT, shown, "no answer: " + what + " did not come within " + limit.toMillis()
                    + " ms; session closed" + (seen.isEmpty() ? "" : "; last output: " + tail(seen)), seen, done, sent,
                    null);
        }
        throw failure(Kind.DISCONNECTED, shown, "connection closed while waiting for " + what
                + (seen.isEmpty() ? "" : "; last output: " + tail(seen)), seen, done, sent, null);
    }

    /** After a device error inside configuration mode, goes back to exec mode (best effort). */
    private void leaveConfigMode(Duration limit) {
        // One attempt only: if the leave command itself fails (a device whose prompt merely looks like
        // config mode), exchange() comes back here, and it must not try again, or it would loop forever.
        if (leaving || profile.configLeave() == null || !profile.isInConfigMode(prompt)) {
            return;
        }
        leaving = true;
        try {
            exchange(profile.configLeave(), false, limit, new ArrayList<>(), profile.prompt());
        } catch (SshCliException e) {
            LOG.warn("device={} could not leave configuration mode after an error: {}", device.name(), e.getMessage());
        } finally {
            leaving = false;
        }
    }

    /** Set while {@link #leaveConfigMode} runs (sessions are used by one thread at a time). */
    private boolean leaving;

    private SshCliException failure(Kind kind, String command, String message, String output,
            List<CommandResult> done, int sent, Throwable cause) {
        return new SshCliException(kind, device.name(), command, masker.mask(message), masker.mask(output), done, sent,
                cause);
    }

    /** The text between the echoed command line and the final prompt line. */
    private static String outputOf(String text, String command) {
        int end = text.lastIndexOf('\n');
        String body = end < 0 ? "" : text.substring(0, end + 1);
        if (command != null) {
            int eol = body.indexOf('\n');
            String first = eol < 0 ? body : body.substring(0, eol);
            if (!command.isBlank() && first.strip().endsWith(command.strip())) {
                body = eol < 0 ? "" : body.substring(eol + 1);
            }
        }
        return body.stripTrailing().isEmpty() ? "" : body.stripTrailing() + "\n";
    }

    /** Why a command may not be sent, or null. */
    private String refusal(String command) {
        if (command == null || command.isBlank()) {
            return "empty command";
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return String.format("control character U+%04X at index %d", (int) c, i);
            }
            if (profile.refusedChars().indexOf(c) >= 0) {
                return "character '" + c + "' at index " + i + " is not allowed by profile " + profile.name();
            }
        }
        return null;
    }

    private String printable(String command) {
        if (command == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (char c : masker.mask(command).toCharArray()) {
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static String tail(String text) {
        return text.length() <= 400 ? text : "..." + text.substring(text.length() - 400);
    }
}
