package io.postern.orchestrator.cli;

import io.postern.spa.codec.SpaEncodeException;
import io.postern.spa.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code postern} entry point. It owns the one mapping from failures to exit codes (0 ok, 1 runtime
 * failure, 2 bad usage or configuration) so that every subcommand fails the same way: one line
 * {@code postern: <reason>} on standard error.
 */
@Command(name = "postern", mixinStandardHelpOptions = true, versionProvider = PosternCommand.Version.class,
        description = "Single Packet Authorization gateway, wire-compatible with fwknop 2.6.10.",
        subcommands = {DemoCommand.class, ServeCommand.class, StatusCommand.class, RevokeCommand.class, KnockCommand.class,
            DecodeCommand.class, KeygenCommand.class, CheckCommand.class, ProvisionCommand.class})
public final class PosternCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw CliException.usage("missing subcommand (demo, serve, status, revoke, knock, decode, keygen, check or provision; see 'postern --help')");
    }

    /** A command line with Postern's exit-code mapping; tests call this and then setOut/setErr. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new PosternCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("postern: " + oneLine(ex.getMessage()) + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')");
            return CliException.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            int code = exitCode(ex);
            c.getErr().println("postern: " + oneLine(reason(ex)));
            return code;
        });
        return cl;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof CliException) {
            return ((CliException) ex).exitCode();
        }
        if (ex instanceof ConfigException || ex instanceof SpaEncodeException) {
            return CliException.USAGE;
        }
        return CliException.RUNTIME;
    }

    private static String reason(Throwable ex) {
        if (ex instanceof CliException || ex instanceof ConfigException || ex instanceof SpaEncodeException) {
            return ex.getMessage();
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            return "I/O error: " + ex.getMessage();
        }
        return "internal error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim();
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The version line of {@code postern --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PosternCommand.class.getPackage().getImplementationVersion();
            return new String[] {"postern " + (v == null ? "0.1.0-SNAPSHOT" : v)
                    + " (fwknop 2.6.10 wire format, FKO protocol 3.0.0)"};
        }
    }
}
