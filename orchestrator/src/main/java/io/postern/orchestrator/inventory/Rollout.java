package io.postern.orchestrator.inventory;

import java.util.Locale;
import java.util.Objects;

/**
 * How a grant rolls out over several devices, from a group's {@code rollout} and {@code concurrency} keys
 * (inherited by child groups unless they set their own).
 *
 * @param mode        all-or-nothing (a failed open rolls back the others) or best-effort
 * @param concurrency devices opened at once, 1 to {@value #MAX_CONCURRENCY}
 */
public record Rollout(Mode mode, int concurrency) {

    /** The largest {@code concurrency}. */
    public static final int MAX_CONCURRENCY = 1000;

    /** When nothing is set: best-effort, 10 at once. */
    public static final Rollout DEFAULT = new Rollout(Mode.BEST_EFFORT, 10);

    /** Rollout modes, by their inventory names. */
    public enum Mode {
        ALL_OR_NOTHING, BEST_EFFORT;

        /** The inventory name, e.g. {@code all-or-nothing}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The mode named exactly {@code label}, or null. */
        public static Mode fromLabel(String label) {
            for (Mode m : values()) {
                if (m.label().equals(label)) {
                    return m;
                }
            }
            return null;
        }
    }

    public Rollout {
        Objects.requireNonNull(mode, "mode");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency: " + concurrency);
        }
    }

    /** The stricter of two: all-or-nothing if either is, the smaller concurrency. */
    public Rollout strictest(Rollout other) {
        Mode m = mode == Mode.ALL_OR_NOTHING || other.mode == Mode.ALL_OR_NOTHING ? Mode.ALL_OR_NOTHING
                : Mode.BEST_EFFORT;
        return new Rollout(m, Math.min(concurrency, other.concurrency));
    }

    @Override
    public String toString() {
        return mode.label() + ", concurrency " + concurrency;
    }
}
