package io.postern.device.ssh;

import java.util.List;

/**
 * An ssh-cli session failed. {@link #kind()} says how; the message names the device, the command (when one
 * was running) and quotes the device's own words; secrets are already masked. {@link #completed()} holds the
 * commands of the sequence that the device answered without error before the failure, and
 * {@link #commandsSent()} how many lines of the sequence reached the wire (0 means the device saw nothing of
 * it, so the sequence may safely be retried on a new session). A failed login names its stage
 * ({@link #loginStage()}) and counts no line of the sequence: nothing of it reached the device.
 */
public class SshCliException extends Exception {

    /** The failure classes; {@link #breaksSession()} tells whether the session can still be used. */
    public enum Kind {
        /** TCP connect failed or timed out. */
        CONNECT(true),
        /** The server's host key was unknown or did not match the pin / known_hosts. */
        HOST_KEY(true),
        /** The device refused the credentials (or enable secret). */
        AUTH(true),
        /** The device answered a command with an error pattern of the profile. */
        DEVICE_ERROR(false),
        /** No prompt within the time limit; the session was closed. */
        TIMEOUT(true),
        /** The connection or channel closed under us. */
        DISCONNECTED(true),
        /** A command was refused before sending (control characters, or not allowed by the profile). */
        REFUSED_COMMAND(false);

        private final boolean breaksSession;

        Kind(boolean breaksSession) {
            this.breaksSession = breaksSession;
        }

        public boolean breaksSession() {
            return breaksSession;
        }
    }

    private final Kind kind;
    private final String device;
    private final String command;
    private final String deviceOutput;
    private final List<CommandResult> completed;
    private final int commandsSent;
    private final String loginStage;

    SshCliException(Kind kind, String device, String command, String message, String deviceOutput,
            List<CommandResult> completed, int commandsSent, Throwable cause) {
        this(kind, device, command, message, deviceOutput, completed, commandsSent, cause, null);
    }

    SshCliException(Kind kind, String device, String command, String message, String deviceOutput,
            List<CommandResult> completed, int commandsSent, Throwable cause, String loginStage) {
        super("device=" + device + ": " + message, cause);
        this.kind = kind;
        this.device = device;
        this.command = command;
        this.deviceOutput = deviceOutput == null ? "" : deviceOutput;
        this.completed = List.copyOf(completed);
        this.commandsSent = commandsSent;
        this.loginStage = loginStage;
    }

    static SshCliException of(Kind kind, String device, String message, Throwable cause) {
        return new SshCliException(kind, device, null, message, "", List.of(), 0, cause);
    }

    public Kind kind() {
        return kind;
    }

    public String device() {
        return device;
    }

    /** The command that failed, or null when the failure was not in a command (connect, login). */
    public String command() {
        return command;
    }

    /** What the device printed for the failed command (masked), possibly empty. */
    public String deviceOutput() {
        return deviceOutput;
    }

    /** The commands of the sequence answered without error before the failure. */
    public List<CommandResult> completed() {
        return completed;
    }

    /** How many lines of the sequence were written to the device (including the failed one). */
    public int commandsSent() {
        return commandsSent;
    }

    /**
     * The login stage that failed ({@code connect}, {@code authentication}, {@code shell channel},
     * {@code first prompt}, {@code pager off}, {@code enable}, {@code enable secret}), or null when the session
     * was logged in and a command of a sequence failed.
     */
    public String loginStage() {
        return loginStage;
    }
}
