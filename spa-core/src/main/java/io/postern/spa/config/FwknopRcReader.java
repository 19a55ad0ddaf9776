package io.postern.spa.config;

import io.postern.spa.MessageRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code ~/.fwknoprc} as the fwknop 2.6.10 client does ({@code process_rc_section},
 * {@code is_rc_section}, {@code is_rc_param} and {@code parse_rc_param} in {@code client/config_init.c}):
 * <ul>
 *   <li>a line whose first character is {@code #}, {@code ;}, CR or LF, or an empty line, is skipped;</li>
 *   <li>{@code [name]} (after optional white space; text after {@code ]} ignored) starts a section, and
 *       section names match case-insensitively;</li>
 *   <li>inside {@code [default]} and the named section, every other line must be {@code NAME value}: the
 *       name may end with {@code :}, the value stops at the first space, tab, {@code ;} or {@code #}; an
 *       unknown (case-sensitive) name, a malformed line (even white space only) or a value its variable
 *       refuses is fatal;</li>
 *   <li>lines before the first section and in other sections are skipped unparsed.</li>
 * </ul>
 * The result holds {@code [default]}'s settings and then the named stanza's, so later ones win.
 * Stateless and thread-safe; it never logs and never puts a key in an exception message.
 */
public final class FwknopRcReader {

    private static final String DEFAULT = "default";

    private FwknopRcReader() {
    }

    /**
     * Reads {@code file}, applying {@code [default]} and then {@code stanza} (null for none).
     *
     * @throws ConfigException for an unreadable file, a bad line in a section being read, or a named
     *                         stanza that the file does not have
     */
    public static FwknopRc read(Path file, String stanza) throws ConfigException {
        List<String> lines;
        try {
            lines = splitLines(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            throw error(file, 0, "no such file");
        } catch (IOException e) {
            throw error(file, 0, "cannot read: " + e.getMessage());
        }
        return parse(file, lines, stanza);
    }

    /** Parses text already in memory; {@code file} is only used in messages. */
    public static FwknopRc parse(Path file, String text, String stanza) throws ConfigException {
        return parse(file, splitLines(text), stanza);
    }

    private static FwknopRc parse(Path file, List<String> lines, String stanza) throws ConfigException {
        boolean named = stanza != null && !stanza.equalsIgnoreCase(DEFAULT);
        List<RcSetting> defaults = new ArrayList<>();
        List<RcSetting> overrides = new ArrayList<>();
        boolean foundNamed = false;
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isSkipped(line)) {
                continue;
            }
            String header = sectionName(line);
            if (header != null) {
                section = header;
                foundNamed |= named && header.equalsIgnoreCase(stanza);
                continue;
            }
            List<RcSetting> target = section == null ? null
                    : section.equalsIgnoreCase(DEFAULT) ? defaults
                    : named && section.equalsIgnoreCase(stanza) ? overrides : null;
            if (target != null) {
                target.add(parseSetting(file, i + 1, line, section));
            }
        }
        if (named && !foundNamed) {
            throw error(file, 0, "named stanza [" + MessageRules.printable(stanza)
                    + "] was not found");
        }
        List<RcSetting> all = new ArrayList<>(defaults);
        all.addAll(overrides);
        return new FwknopRc(file, named ? stanza : null, all);
    }

    /** fwknop's {@code IS_EMPTY_LINE}: only the first character counts. */
    private static boolean isSkipped(String line) {
        if (line.isEmpty()) {
            return true;
        }
        char c = line.charAt(0);
        return c == '#' || c == ';' || c == '\r' || c == '\n' || c == '\0';
    }

    /** The name in {@code [name]} after optional white space, or null if the line is no section header. */
    private static String sectionName(String line) {
        int i = skipSpace(line, 0);
        if (i >= line.length() || line.charAt(i) != '[') {
            return null;
        }
        int end = line.indexOf(']', i + 1);
        return end < 0 ? null : line.substring(i + 1, end);
    }

    /** {@code sscanf(line, "%s %[^ ;\t\n\r#]")}, the colon cut and the value check. */
    private static RcSetting parseSetting(Path file, int lineNo, String line, String section)
            throws ConfigException {
        int start = skipSpace(line, 0);
        int end = start;
        while (end < line.length() && !isSpace(line.charAt(end))) {
            end++;
        }
        int vStart = skipSpace(line, end);
        int vEnd = vStart;
        while (vEnd < line.length() && " ;\t\n\r#".indexOf(line.charAt(vEnd)) < 0) {
            vEnd++;
        }
        if (start == end || vStart == vEnd) {
            throw error(file, lineNo, "invalid entry (expected: NAME value)");
        }
        String name = line.substring(start, end);
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        String value = line.substring(vStart, vEnd).stripTrailing();
        RcVariable var = RcVariable.forName(name);
        if (var == null) {
            throw error(file, lineNo, "unknown variable '" + MessageRules.printable(name)
                    + "' (expected: a .fwknoprc name such as ACCESS, SPA_SERVER or KEY_BASE64; names are case-sensitive)");
        }
        String expected = var.check(value);
        if (expected != null) {
            throw new ConfigException(file, lineNo, name, var.isSecret() ? null : MessageRules.printable(value),
                    expected);
        }
        return new RcSetting(var, value, section, lineNo);
    }

    /** {@code file:line: message}; the free-form constructor strips the space after the colon. */
    private static ConfigException error(Path file, int line, String message) {
        return new ConfigException(file, line, message);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** C {@code isspace} in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** Splits on LF, keeping a CR at the end of a line (it is white space to the parser). */
    private static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl;
            out.add(text.substring(from, to));
            from = to + 1;
        }
        return out;
    }
}
