package io.postern.orchestrator.inventory;

import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks access.conf's {@code TARGETS} against an inventory: every name must be a group or a host. Errors point
 * at the stanza ({@code file:line} of its SOURCE) and list close matches. A stanza without TARGETS is local-only
 * and always passes.
 */
public final class TargetsValidator {

    private TargetsValidator() {
    }

    /** Every unknown target of every stanza; empty when all resolve. */
    public static List<ConfigException> check(Inventory inventory, List<AccessStanza> stanzas) {
        List<ConfigException> errors = new ArrayList<>();
        for (AccessStanza s : stanzas) {
            errors.addAll(check(inventory, s.targets(), s.file(), s.line()));
        }
        return errors;
    }

    /** Every unknown name of one TARGETS list written at {@code file:line}. */
    public static List<ConfigException> check(Inventory inventory, List<String> targets, Path file, int line) {
        List<ConfigException> errors = new ArrayList<>();
        for (String t : targets) {
            if (!inventory.contains(t)) {
                errors.add(inventory.unknownTarget(t, file, line));
            }
        }
        return errors;
    }

    /**
     * Like {@link #check(Inventory, List)}, throwing.
     *
     * @throws InventoryException listing every unknown target
     */
    public static void validate(Inventory inventory, List<AccessStanza> stanzas) throws InventoryException {
        List<ConfigException> errors = check(inventory, stanzas);
        if (!errors.isEmpty()) {
            throw new InventoryException(errors);
        }
    }
}
