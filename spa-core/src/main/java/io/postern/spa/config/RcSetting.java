package io.postern.spa.config;

import java.util.Objects;

/**
 * One {@code NAME value} line read from a {@code .fwknoprc} stanza, with where it came from so the
 * command line can say which file and line a setting was taken from. Secret values are masked in
 * {@link #toString()}.
 *
 * @param variable the variable
 * @param value    the value as fwknop cuts it (up to the first space, tab, ';' or '#')
 * @param stanza   the section name as written in the file
 * @param line     1-based line number
 */
public record RcSetting(RcVariable variable, String value, String stanza, int line) {

    public RcSetting {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(stanza, "stanza");
    }

    /** Whether the value counts as "yes": only exactly {@code Y} or {@code y}, as fwknop's {@code is_yes_str}. */
    public boolean isYes() {
        return value.equals("Y") || value.equals("y");
    }

    @Override
    public String toString() {
        return variable + " " + (variable.isSecret() ? "<masked>" : value) + " ([" + stanza + "] line " + line + ")";
    }
}
