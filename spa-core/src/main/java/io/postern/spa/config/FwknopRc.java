package io.postern.spa.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings the fwknop client would take from a {@code .fwknoprc}: those of {@code [default]},
 * then those of the named stanza, in that order, so a later setting overrides an earlier one. The
 * command line overrides both; that last step belongs to the caller. Immutable.
 *
 * <p>Booleans follow fwknop: a {@code Y} anywhere turns the option on and a later {@code N} does not
 * turn it off again ({@code parse_rc_param} only ever sets flags).
 */
public final class FwknopRc {

    private static final FwknopRc EMPTY = new FwknopRc(null, null, List.of());

    private final Path file;
    private final String stanza;
    private final List<RcSetting> settings;

    FwknopRc(Path file, String stanza, List<RcSetting> settings) {
        this.file = file;
        this.stanza = stanza;
        this.settings = List.copyOf(settings);
    }

    /** No rc file ({@code --no-rc-file}, or none present). */
    public static FwknopRc empty() {
        return EMPTY;
    }

    /** The file read, or null for {@link #empty()}. */
    public Path file() {
        return file;
    }

    /** The named stanza applied over {@code [default]}, or null. */
    public String stanza() {
        return stanza;
    }

    /** Every setting in the order fwknop applies them ({@code [default]} first). */
    public List<RcSetting> settings() {
        return settings;
    }

    /** The setting that wins for {@code v} (the last one), if any. */
    public Optional<RcSetting> setting(RcVariable v) {
        for (int i = settings.size() - 1; i >= 0; i--) {
            if (settings.get(i).variable() == v) {
                return Optional.of(settings.get(i));
            }
        }
        return Optional.empty();
    }

    /** The winning value for {@code v}, if any. */
    public Optional<String> value(RcVariable v) {
        return setting(v).map(RcSetting::value);
    }

    /** Whether any setting of the boolean {@code v} is {@code Y}/{@code y}. */
    public boolean isYes(RcVariable v) {
        Objects.requireNonNull(v, "v");
        return settings.stream().anyMatch(s -> s.variable() == v && s.isYes());
    }

    /** A numeric value read the way fwknop's {@code strtol_wrapper} reads it (already range-checked). */
    public Optional<Integer> intValue(RcVariable v) {
        return value(v).map(s -> strtol(s).intValue());
    }

    /** {@code TIME_OFFSET} in signed seconds, 0 when unset. */
    public long timeOffsetSeconds() {
        return value(RcVariable.TIME_OFFSET).map(FwknopRc::timeOffsetSeconds).orElse(0L);
    }

    /**
     * fwknop's {@code parse_time_offset} with the sign convention of {@code TIME_OFFSET}: digits up to the
     * first m/h/d (any other character is skipped), at least one digit, at most 65536 units.
     *
     * @return signed seconds, or null if invalid
     */
    public static Long timeOffsetSeconds(String text) {
        boolean minus = text.startsWith("-");
        String s = minus ? text.substring(1) : text;
        StringBuilder digits = new StringBuilder();
        long unit = 1;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == 'm' || c == 'h' || c == 'd') {
                unit = c == 'm' ? 60 : c == 'h' ? 3600 : 86400;
                break;
            }
        }
        if (digits.length() == 0 || digits.length() > 9) {
            return null;
        }
        long n = Long.parseLong(digits.toString());
        if (n > RcVariable.MAX_TIMEOUT) {
            return null;
        }
        return (minus ? -1 : 1) * n * unit;
    }

    /**
     * C {@code strtol(s, NULL, 10)} as fwknop uses it: leading white space, a sign, then the longest run
     * of digits; no digits gives 0 and trailing characters are ignored ({@code 12abc} is 12).
     *
     * @return the value, or null on overflow
     */
    static Long strtol(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > Integer.MAX_VALUE) {
                return null;
            }
        }
        return neg ? -v : v;
    }

    @Override
    public String toString() {
        return "FwknopRc[" + file + (stanza == null ? "" : " -n " + stanza) + ", " + settings + "]";
    }
}
