package io.postern.device.template;

import io.postern.device.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one rendered command line into an argument vector, with a small, shell-like but expansion-free
 * syntax: spaces separate arguments; {@code '...'} is literal; {@code "..."} is literal except {@code \"} and
 * {@code \\}; outside quotes {@code \x} is {@code x}. There is no variable, command, tilde or glob expansion,
 * no redirection and no command separator: {@code ;}, {@code |}, {@code $(...)} and backticks are ordinary
 * characters. Text between the renderer's value markers is copied literally into the current argument.
 * Any control character (TAB, CR, LF, NUL, ...) is an error. Stateless and thread-safe.
 */
public final class ArgvTokenizer {

    private ArgvTokenizer() {
    }

    /**
     * @return the arguments; empty for a blank line
     * @throws IllegalArgumentException naming the column and the problem
     */
    public static List<String> tokenize(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == ArgvOutputFormat.VALUE_START) {
                int end = line.indexOf(ArgvOutputFormat.VALUE_END, i + 1);
                if (end < 0) {
                    throw error(line, i, "value not terminated on this line");
                }
                String value = line.substring(i + 1, end);
                int bad = SafeText.firstUnsafe(value);
                if (bad >= 0) {
                    throw error(line, i + 1 + bad, String.format("value has a control or marker character U+%04X",
                            (int) value.charAt(bad)));
                }
                cur = cur == null ? new StringBuilder() : cur;
                cur.append(value);
                i = end;
                continue;
            }
            if (SafeText.isUnsafe(c)) {
                throw error(line, i, String.format("control character U+%04X", (int) c));
            }
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < n && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == ' ') {
                if (cur != null) {
                    args.add(cur.toString());
                    cur = null;
                }
            } else {
                cur = cur == null ? new StringBuilder() : cur;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i + 1 >= n || line.charAt(i + 1) == ArgvOutputFormat.VALUE_START) {
                        throw error(line, i, "backslash must escape a character");
                    }
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            }
        }
        if (quote != 0) {
            throw error(line, n, "unterminated " + (quote == '\'' ? "single" : "double") + " quote");
        }
        if (cur != null) {
            args.add(cur.toString());
        }
        return args;
    }

    /** The column as the template author sees it: value markers do not count. */
    private static IllegalArgumentException error(String line, int index, String what) {
        int markers = 0;
        for (int i = 0; i < Math.min(index, line.length()); i++) {
            char c = line.charAt(i);
            if (c == ArgvOutputFormat.VALUE_START || c == ArgvOutputFormat.VALUE_END) {
                markers++;
            }
        }
        return new IllegalArgumentException("column " + (index + 1 - markers) + ": " + what);
    }
}
