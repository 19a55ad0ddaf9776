package io.postern.device.http;

import io.postern.device.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a device's API token comes from: an environment variable ({@code token_env}) or a file
 * ({@code token_file}, first line, surrounding white space removed). It is read at each use, so a rotated
 * token is picked up without a restart, and it is never kept in a field, a message or a log line.
 * Thread-safe.
 */
final class TokenSource {

    private final String envName;
    private final Path file;
    private final Function<String, String> env;

    private TokenSource(String envName, Path file, Function<String, String> env) {
        this.envName = envName;
        this.file = file;
        this.env = Objects.requireNonNull(env, "env");
    }

    static TokenSource fromEnv(String name, Function<String, String> env) {
        return new TokenSource(Objects.requireNonNull(name, "name"), null, env);
    }

    static TokenSource fromFile(Path file) {
        return new TokenSource(null, Objects.requireNonNull(file, "file"), n -> null);
    }

    /**
     * The token now.
     *
     * @throws IOException saying which source is missing, empty or unreadable (never the token)
     */
    String resolve() throws IOException {
        String token;
        String where;
        if (envName != null) {
            where = "environment variable " + envName;
            token = env.apply(envName);
        } else {
            where = "token file " + file;
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                token = nl < 0 ? text : text.substring(0, nl);
            } catch (IOException e) {
                throw new IOException(where + ": cannot read (" + e.getClass().getSimpleName() + ")");
            }
        }
        token = token == null ? "" : token.strip();
        if (token.isEmpty()) {
            throw new IOException(where + ": not set or empty");
        }
        if (SafeText.firstUnsafe(token) >= 0) {
            throw new IOException(where + ": contains a control or invisible character");
        }
        return token;
    }

    @Override
    public String toString() {
        return envName != null ? "env:" + envName : "file:" + file;
    }
}
