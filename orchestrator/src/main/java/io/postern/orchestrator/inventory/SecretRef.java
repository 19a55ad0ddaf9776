package io.postern.orchestrator.inventory;

import io.postern.spa.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reference to a secret (password, enable secret, key passphrase, API token, private key): an environment
 * variable ({@code password_env: VAR}) or a file ({@code password_file: /path}). The value is read only by
 * {@link #resolve()}, at use time, and is never kept, logged or printed; {@link #toString()} shows the reference
 * ({@code password_env: VAR}). Immutable and thread-safe.
 */
public final class SecretRef {

    /** Where the value lives. */
    public enum Kind {
        /** An environment variable of the Postern process. */
        ENV,
        /** A file; its content less one trailing newline. */
        FILE
    }

    private static final Logger LOG = LoggerFactory.getLogger(SecretRef.class);

    private final String key;
    private final Kind kind;
    private final String reference;
    private final Origin origin;
    private final Function<String, String> env;

    private SecretRef(String key, Kind kind, String reference, Origin origin, Function<String, String> env) {
        this.key = Objects.requireNonNull(key, "key");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.env = env;
    }

    /**
     * A secret in environment variable {@code variable}.
     *
     * @param key    the inventory key, e.g. {@code password_env}
     * @param lookup reads a variable ({@code System::getenv} in production); null when unset
     */
    public static SecretRef env(String key, String variable, Origin origin, Function<String, String> lookup) {
        return new SecretRef(key, Kind.ENV, variable, origin, Objects.requireNonNull(lookup, "lookup"));
    }

    /** A secret in {@code file} (an absolute path). */
    public static SecretRef file(String key, Path file, Origin origin) {
        return new SecretRef(key, Kind.FILE, file.toString(), origin, null);
    }

    /** The inventory key, e.g. {@code password_env}. */
    public String key() {
        return key;
    }

    /** What the secret is for: the key without {@code _env}/{@code _file}, e.g. {@code password}. */
    public String purpose() {
        int us = key.lastIndexOf('_');
        return key.endsWith("_env") || key.endsWith("_file") ? key.substring(0, us) : key;
    }

    public Kind kind() {
        return kind;
    }

    /** The variable name or the file path; never the secret. */
    public String reference() {
        return reference;
    }

    /** The file, for {@link Kind#FILE}. */
    public Optional<Path> file() {
        return kind == Kind.FILE ? Optional.of(Path.of(reference)) : Optional.empty();
    }

    /** Where the reference was written. */
    public Origin origin() {
        return origin;
    }

    /**
     * Reads the secret now: the variable's value, or the file's content less one trailing newline. Logs a WARN
     * (naming the file, never the value) when the file is world-readable.
     *
     * @throws ConfigException naming this reference, never a value, when the variable is unset or empty, or the
     *                         file is missing, unreadable or empty
     */
    public String resolve() throws ConfigException {
        if (kind == Kind.ENV) {
            String v = env.apply(reference);
            if (v == null || v.isEmpty()) {
                throw fail("environment variable " + reference + " set and non-empty when Postern uses it");
            }
            return v;
        }
        Path file = Path.of(reference);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw fail("a readable file (" + e.getClass().getSimpleName() + ")");
        }
        SecretFiles.worldReadableMode(file).ifPresent(mode ->
                LOG.warn("resolve(secret) {} is world-readable (mode {}); chmod 600 it", this, mode));
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw fail("a non-empty file");
        }
        return text;
    }

    /** Why {@link #resolve()} would fail now, without reading a file's content; empty when it would not. */
    Optional<String> unavailable() {
        if (kind == Kind.ENV) {
            String v = env.apply(reference);
            return v == null || v.isEmpty() ? Optional.of("environment variable " + reference + " is not set")
                    : Optional.empty();
        }
        Path file = Path.of(reference);
        return Files.isReadable(file) ? Optional.empty() : Optional.of("file " + reference + " is not readable");
    }

    private ConfigException fail(String expected) {
        return new ConfigException(origin.file(), origin.line(), key, reference, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretRef r && r.key.equals(key) && r.kind == kind && r.reference.equals(reference);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, kind, reference);
    }

    /** The reference only, e.g. {@code password_env: LAB_PASSWORD}. */
    @Override
    public String toString() {
        return key + ": " + reference;
    }
}
