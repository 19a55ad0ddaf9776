package io.postern.orchestrator.inventory;

import io.postern.spa.config.ConfigException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every error found while loading an inventory (or checking targets against it), one per line, each
 * {@code file:line: key: 'value' (expected: ...)}; at most {@link #MAX_REPORTED} are listed. {@link #file()},
 * {@link #line()} and {@link #key()} are those of the first error.
 */
public final class InventoryException extends ConfigException {

    /** Errors listed in the message; the rest are counted. */
    public static final int MAX_REPORTED = 20;

    private final transient List<ConfigException> errors;

    /** @param errors at least one */
    public InventoryException(List<ConfigException> errors) {
        super(null, 0, message(errors));
        this.errors = List.copyOf(errors);
    }

    private static String message(List<ConfigException> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors");
        }
        StringBuilder b = new StringBuilder();
        int n = Math.min(errors.size(), MAX_REPORTED);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : "\n").append(errors.get(i).getMessage());
        }
        if (errors.size() > n) {
            b.append("\n... and ").append(errors.size() - n).append(" more errors");
        }
        return b.toString();
    }

    /** Every error, in the order found. */
    public List<ConfigException> errors() {
        return errors;
    }

    @Override
    public Path file() {
        return errors.get(0).file();
    }

    @Override
    public int line() {
        return errors.get(0).line();
    }

    @Override
    public String key() {
        return errors.get(0).key();
    }
}
