package io.postern.orchestrator.inventory;

import io.postern.spa.config.ConfigException;
import io.postern.spa.config.ConfigWarning;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/** Collects the errors and warnings of one load so that all of them are reported together. */
final class Problems {

    private static final int MAX_VALUE_SHOWN = 120;

    private final List<ConfigException> errors = new ArrayList<>();
    private final Set<String> messages = new HashSet<>();
    private final List<ConfigWarning> warnings = new ArrayList<>();

    void add(ConfigException e) {
        if (messages.add(e.getMessage())) {
            errors.add(e);
        }
    }

    /** An error; {@code value} is shown escaped and shortened, and must be null for anything secret. */
    void error(Origin at, String key, String value, String expected) {
        add(new ConfigException(at.file(), at.line(), key, printable(value), expected));
    }

    void warn(Origin at, String message) {
        ConfigWarning w = new ConfigWarning(at.file(), at.line(), message);
        if (messages.add("warning " + w)) {
            warnings.add(w);
        }
    }

    int errorCount() {
        return errors.size();
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigWarning> warnings() {
        return List.copyOf(warnings);
    }

    void throwIfAny() throws InventoryException {
        if (!errors.isEmpty()) {
            throw new InventoryException(errors);
        }
    }

    /** Control and invisible characters as {@code \\uXXXX}, long values cut, so an error stays on one line. */
    static String printable(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() && b.length() < MAX_VALUE_SHOWN; i++) {
            char c = value.charAt(i);
            if (io.postern.device.SafeText.isUnsafe(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() >= MAX_VALUE_SHOWN ? b + "..." : b.toString();
    }
}
