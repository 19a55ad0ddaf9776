package io.postern.device.template;

import java.util.Locale;

/** The parts of a template family, one file each: {@code <family>/open.ftl}, {@code close.ftl}, {@code provision.ftl}. */
public enum Section {
    /** Adds the access for one grant. */
    OPEN,
    /** Removes exactly what {@link #OPEN} added; must be idempotent. */
    CLOSE,
    /** Optional: the device's base policy (tables, sets, chains, default drop). */
    PROVISION;

    /** The file name within the family folder, e.g. {@code open.ftl}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT) + ".ftl";
    }
}
