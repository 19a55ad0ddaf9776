package io.postern.spa.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line handling fwknopd 2.6.10 shares between access.conf and fwknopd.conf: {@code fgets} into a
 * 1024-byte buffer (a longer line is read as several lines), a line is skipped when its first
 * character is {@code #}, {@code ;}, CR, LF or NUL, and {@code sscanf("%s %[^;\n\r]")} splits the
 * rest into a name (first whitespace-free token) and a value (after whitespace, up to {@code ;}, CR
 * or LF, trailing whitespace kept).
 */
final class FwknopLines {

    /** fwknopd's {@code MAX_LINE_LEN}: fgets reads at most 1023 characters per call. */
    static final int MAX_LINE_LEN = 1024;

    private FwknopLines() {
    }

    /** The file as fgets would hand it out, one entry per call (ISO-8859-1, terminators kept). */
    static List<String> read(Path file) throws IOException {
        String all = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < all.length()) {
            int nl = all.indexOf('\n', start);
            int end = nl < 0 ? all.length() : nl + 1;
            end = Math.min(end, start + MAX_LINE_LEN - 1);
            lines.add(all.substring(start, end));
            start = end;
        }
        return lines;
    }

    /** {@code IS_EMPTY_LINE}: only the very first character counts. */
    static boolean isSkipped(String line) {
        if (line.isEmpty()) {
            return true;
        }
        char c = line.charAt(0);
        return c == '#' || c == ';' || c == '\r' || c == '\n' || c == '\0';
    }

    /**
     * {@code sscanf(line, "%s %[^;\n\r]", var, val)}: {@code {name, value}}, or {@code null} when
     * the scan does not yield both (whitespace-only line, name without value), which fwknopd treats
     * as fatal.
     */
    static String[] split(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && isSpace(line.charAt(i))) {
            i++;
        }
        int nameStart = i;
        while (i < n && !isSpace(line.charAt(i))) {
            i++;
        }
        if (i == nameStart) {
            return null;
        }
        String name = line.substring(nameStart, i);
        while (i < n && isSpace(line.charAt(i))) {
            i++;
        }
        int valueStart = i;
        while (i < n && line.charAt(i) != ';' && line.charAt(i) != '\n' && line.charAt(i) != '\r') {
            i++;
        }
        if (i == valueStart) {
            return null;
        }
        return new String[] {name, line.substring(valueStart, i)};
    }

    /** C {@code isspace} in the C locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** {@link #shown}, or {@code null} when the line may hold a key or password. */
    static String shownUnlessSecret(String line) {
        String upper = line.toUpperCase(java.util.Locale.ROOT);
        return upper.contains("KEY") || upper.contains("_PW") || upper.contains("PASS") ? null : shown(line);
    }

    /** The line without its terminator, cut for an error message. */
    static String shown(String line) {
        String s = line;
        while (!s.isEmpty() && (s.endsWith("\n") || s.endsWith("\r"))) {
            s = s.substring(0, s.length() - 1);
        }
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
