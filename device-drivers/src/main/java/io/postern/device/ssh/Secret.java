package io.postern.device.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A password, enable secret or key passphrase. {@link #toString()} prints {@code <masked>}; the value is only
 * read by this package when it is sent to the device. Immutable (holds a private copy).
 */
public final class Secret {

    private final char[] value;

    private Secret(char[] value) {
        if (value.length == 0) {
            throw new IllegalArgumentException("empty secret");
        }
        this.value = value.clone();
    }

    public static Secret of(char[] value) {
        return new Secret(value);
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    /** The value of an environment variable; fails naming the variable (never the value) when unset or empty. */
    public static Secret fromEnv(String variable) {
        String v = System.getenv(variable);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set");
        }
        return of(v);
    }

    /** The first line of a file, without its line end. */
    public static Secret fromFile(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        String line = (eol < 0 ? text : text.substring(0, eol)).replace("\r", "");
        if (line.isEmpty()) {
            throw new IllegalArgumentException("secret file " + file + " is empty");
        }
        return of(line);
    }

    String reveal() {
        return new String(value);
    }

    char[] chars() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "<masked>";
    }
}
