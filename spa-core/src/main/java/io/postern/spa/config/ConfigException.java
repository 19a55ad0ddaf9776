package io.postern.spa.config;

import java.nio.file.Path;

/**
 * A configuration error that stops loading, formatted as
 * {@code file:line: KEY: 'value' (expected: ...)}. Secret values (keys, passwords) must be passed as
 * {@code null} value so they never reach a message.
 */
public class ConfigException extends Exception {

    private final Path file;
    private final int line;
    private final String key;

    /**
     * @param file     the file, or null when not from a file
     * @param line     1-based line number, or 0 when not tied to a line
     * @param key      the directive, or null
     * @param value    the offending value (null for secrets or when there is none)
     * @param expected what would have been accepted
     */
    public ConfigException(Path file, int line, String key, String value, String expected) {
        super(format(file, line, key, value, expected));
        this.file = file;
        this.line = line;
        this.key = key;
    }

    /** A whole-file or cross-field error with a free-form message. */
    public ConfigException(Path file, int line, String message) {
        super(location(file, line) + message);
        this.file = file;
        this.line = line;
        this.key = null;
    }

    private static String location(Path file, int line) {
        if (file == null) {
            return "";
        }
        return line > 0 ? file + ":" + line + ": " : file + ": ";
    }

    private static String format(Path file, int line, String key, String value, String expected) {
        StringBuilder b = new StringBuilder(location(file, line));
        if (key != null) {
            b.append(key).append(": ");
        }
        if (value != null) {
            b.append('\'').append(value).append("' ");
        }
        if (expected != null) {
            b.append("(expected: ").append(expected).append(')');
        }
        return b.toString().stripTrailing();
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }
}
