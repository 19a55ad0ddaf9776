package io.postern.spa.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads access.conf exactly as fwknopd 2.6.10's {@code parse_access_file} does, so a file that loads
 * in fwknopd loads here with the same stanzas and a file it refuses is refused here, with
 * {@code file:line: KEY: 'value' (expected: ...)} instead of a log line.
 *
 * <p>The rules, each checked against the real fwknopd ({@code --exit-parse-config -D}): a line is
 * skipped only on its first character; the value runs to {@code ;}/CR/LF and keeps trailing
 * whitespace; a whitespace-only line or a name without value is fatal; one {@code :} (the last) is
 * cut from the name; names are case-sensitive and unknown ones are warnings; {@code SOURCE} opens a
 * stanza and lines before the first one are ignored (except {@code %include}/{@code %include_folder});
 * the previous stanza is validated at each SOURCE and at the end of each file. {@code %include} may
 * nest two levels below the main file; a stanza open in the including file keeps receiving the lines
 * that follow the {@code %include}. {@code %include_folder} reads files whose last extension starts
 * with {@code .conf}, here sorted by name (fwknopd uses readdir order). {@code %include_keys} reads only
 * key and GPG directives and drops the stanza, instead of failing, when it ends up invalid.
 *
 * <p>Relative include paths are resolved against the process working directory, as fwknopd does.
 * Not thread-safe per call; the reader itself is immutable and reusable.
 */
public final class AccessConfReader {

    /** fwknopd's {@code MAX_DEPTH}: the main file plus two nested levels. */
    public static final int MAX_INCLUDE_DEPTH = 3;

    private final Context context;

    /** A reader checking FORCE_NAT against {@code server}, the system's time zone and /etc/passwd. */
    public AccessConfReader(FwknopdConf server) {
        this(server, ZoneId.systemDefault(), PasswdUsers::exists);
    }

    /**
     * @param server     fwknopd.conf (NAT flags for FORCE_NAT/FORCE_SNAT, GPG_HOME_DIR default)
     * @param zone       zone of ACCESS_EXPIRE's local midnight
     * @param userExists whether a CMD_*_USER / CMD_*_GROUP name exists (fwknopd: getpwnam)
     */
    public AccessConfReader(FwknopdConf server, ZoneId zone, Predicate<String> userExists) {
        this.context = new Context(Objects.requireNonNull(server, "server"), Objects.requireNonNull(zone, "zone"),
                Objects.requireNonNull(userExists, "userExists"));
    }

    /** What the directive handlers need from the environment. */
    record Context(FwknopdConf server, ZoneId zone, Predicate<String> userExists) {
    }

    /**
     * Reads {@code file} and everything it includes.
     *
     * @throws ConfigException on anything fwknopd would refuse to start with
     */
    public AccessConf read(Path file) throws ConfigException {
        Walk walk = new Walk();
        walk.file(file, 0);
        if (walk.stanzas.isEmpty()) {
            throw new ConfigException(file, 0, null, null, "at least one stanza starting with SOURCE");
        }
        List<AccessStanza> out = new ArrayList<>();
        for (StanzaBuilder b : walk.stanzas) {
            out.add(b.build(walk.warnings));
        }
        return new AccessConf(out, walk.warnings);
    }

    /** Reads every {@code *.conf*} file of a folder, as {@code --access-folder} / ACCESS_FOLDER. */
    public AccessConf readFolder(Path folder) throws ConfigException {
        Walk walk = new Walk();
        walk.folder(folder, 0, folder, 0);
        if (walk.stanzas.isEmpty()) {
            throw new ConfigException(folder, 0, null, null, "at least one stanza starting with SOURCE");
        }
        List<AccessStanza> out = new ArrayList<>();
        for (StanzaBuilder b : walk.stanzas) {
            out.add(b.build(walk.warnings));
        }
        return new AccessConf(out, walk.warnings);
    }

    /** State of one read: the stanza list and the warnings, shared by every included file. */
    private final class Walk {
        final List<StanzaBuilder> stanzas = new ArrayList<>();
        final List<ConfigWarning> warnings = new ArrayList<>();

        /** {@code parse_access_file}; {@code depth} is the depth of the caller (0 for the main file). */
        void file(Path file, int depth) throws ConfigException {
            int here = depth + 1;
            List<String> lines;
            try {
                lines = FwknopLines.read(file);
            } catch (IOException e) {
                throw new ConfigException(file, 0, null, null, "a readable access file (" + e.getClass().getSimpleName() + ")");
            }
            StanzaBuilder current = null;
            int lineNo = 0;
            for (String raw : lines) {
                lineNo++;
                if (FwknopLines.isSkipped(raw)) {
                    continue;
                }
                String[] nv = FwknopLines.split(raw);
                if (nv == null) {
                    throw new ConfigException(file, lineNo, null, FwknopLines.shownUnlessSecret(raw),
                            "NAME value (a name, whitespace, then a value)");
                }
                String name = stripColon(nv[0]);
                String value = nv[1];
                if (name.equals("%include")) {
                    if (here >= MAX_INCLUDE_DEPTH) {
                        throw new ConfigException(file, lineNo, name, value,
                                "at most " + (MAX_INCLUDE_DEPTH - 1) + " levels of %include below the main file");
                    }
                    file(includePath(value, file, lineNo, name), here);
                } else if (name.equals("%include_folder")) {
                    folder(includePath(stripTrailingSlash(value), file, lineNo, name), here, file, lineNo);
                } else if (name.equals("SOURCE")) {
                    if (current != null) {
                        current.checkValid(warnings);
                    }
                    current = new StanzaBuilder(context, file, lineNo, value);
                    stanzas.add(current);
                } else if (current == null) {
                    continue; // fwknopd ignores everything before the first SOURCE
                } else if (name.equals("%include_keys")) {
                    current = includeKeys(current, includePath(value, file, lineNo, name), file, lineNo);
                } else if (!current.apply(name, value, file, lineNo)) {
                    warnings.add(new ConfigWarning(file, lineNo, "ignoring unknown access parameter '" + name + "'"));
                }
            }
            if (current != null) {
                current.checkValid(warnings);
            }
        }

        /** {@code parse_access_folder}: no depth check of its own, each file counts one level. */
        void folder(Path dir, int depth, Path from, int fromLine) throws ConfigException {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> {
                    String n = p.getFileName().toString();
                    int dot = n.lastIndexOf('.');
                    return dot >= 0 && n.startsWith(".conf", dot) && !Files.isDirectory(p);
                }).sorted().toList();
            } catch (IOException e) {
                throw new ConfigException(from, fromLine, "%include_folder", dir.toString(), "a readable folder");
            }
            for (Path f : files) {
                file(f, depth);
            }
        }

        /**
         * {@code include_keys_file}: only key and GPG directives are read; any error in the keys file
         * (missing file, bad line, placeholder) just stops reading it. If the stanza is then invalid it
         * is dropped and the lines up to the next SOURCE are ignored.
         */
        StanzaBuilder includeKeys(StanzaBuilder current, Path keys, Path from, int lineNo) {
            try {
                List<String> lines = FwknopLines.read(keys);
                int n = 0;
                for (String raw : lines) {
                    n++;
                    if (FwknopLines.isSkipped(raw)) {
                        continue;
                    }
                    String[] nv = FwknopLines.split(raw);
                    if (nv == null) {
                        warnings.add(new ConfigWarning(keys, n, "invalid keys file entry; rest of the file ignored"));
                        break;
                    }
                    String name = stripColon(nv[0]);
                    if (StanzaBuilder.KEY_DIRECTIVES.contains(name)) {
                        current.apply(name, nv[1], keys, n);
                    } else {
                        warnings.add(new ConfigWarning(keys, n, "ignoring '" + name + "' in a %include_keys file"));
                    }
                }
            } catch (IOException | ConfigException e) {
                warnings.add(new ConfigWarning(from, lineNo, "%include_keys " + keys + ": " + (e instanceof ConfigException
                        ? e.getMessage() : "cannot read the file")));
            }
            try {
                current.checkValid(warnings);
                return current;
            } catch (ConfigException e) {
                warnings.add(new ConfigWarning(from, lineNo, "stanza at " + current.file + ":" + current.line
                        + " dropped after %include_keys: " + e.getMessage()));
                stanzas.remove(current);
                return null;
            }
        }
    }

    /** fwknopd cuts the name at its last {@code :} ({@code strrchr}), so {@code SOURCE:} is SOURCE. */
    static String stripColon(String name) {
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static String stripTrailingSlash(String s) {
        String out = s;
        while (out.length() > 1 && out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /** A path named by an include directive; a value that is no path (e.g. a NUL byte) is a config error. */
    private static Path includePath(String value, Path file, int line, String directive) throws ConfigException {
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(file, line, directive, FwknopLines.shownUnlessSecret(value), "a file or folder path");
        }
    }
}
