package io.postern.orchestrator.cli;

/**
 * A failure a subcommand reports with its exit code and a one-line reason; {@link PosternCommand}
 * prints it as {@code postern: <reason>}. The reason must never contain a key.
 */
public final class CliException extends RuntimeException {

    /** Bad usage or bad configuration. */
    public static final int USAGE = 2;
    /** Something failed at run time (network, file system). */
    public static final int RUNTIME = 1;

    private final int exitCode;

    private CliException(int exitCode, String reason, Throwable cause) {
        super(reason, cause);
        this.exitCode = exitCode;
    }

    /** Exit code 2. */
    public static CliException usage(String reason) {
        return new CliException(USAGE, reason, null);
    }

    /** Exit code 1. */
    public static CliException runtime(String reason, Throwable cause) {
        return new CliException(RUNTIME, reason, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
