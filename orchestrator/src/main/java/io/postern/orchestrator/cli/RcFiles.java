package io.postern.orchestrator.cli;

import io.postern.spa.config.ConfigException;
import io.postern.spa.config.FwknopRc;
import io.postern.spa.config.FwknopRcReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and reads the client rc file as fwknop does: {@code --rc-file}, else {@code $HOME/.fwknoprc}
 * (skipped if absent; fwknop would create a template there, Postern leaves the home directory alone),
 * none with {@code --no-rc-file}. A file others can read is used with a warning, as fwknop does.
 */
final class RcFiles {

    private static final Logger LOG = LoggerFactory.getLogger(RcFiles.class);

    private RcFiles() {
    }

    static FwknopRc load(boolean none, Path explicit, String stanza, Function<String, String> env)
            throws ConfigException {
        if (none) {
            if (stanza != null) {
                throw CliException.usage("cannot use -n/--named-config with --no-rc-file");
            }
            if (explicit != null) {
                throw CliException.usage("cannot use --rc-file with --no-rc-file");
            }
            return FwknopRc.empty();
        }
        Path file = explicit;
        if (file == null) {
            String home = env.apply("HOME");
            file = home == null ? null : Paths.get(home, ".fwknoprc");
            if (file == null || !Files.exists(file)) {
                if (stanza != null) {
                    throw CliException.usage("-n " + stanza + ": no rc file (" + (file == null ? "$HOME unset" : file) + ")");
                }
                return FwknopRc.empty();
            }
        }
        warnIfOpen(file);
        return FwknopRcReader.read(file, stanza);
    }

    private static void warnIfOpen(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            p.retainAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE));
            if (!p.isEmpty()) {
                LOG.warn("rc file {} is readable or writable by others; it should be mode 0600", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not POSIX, or not readable yet: the reader reports that
        }
    }
}
