package io.postern.orchestrator.timer;

import java.time.Duration;

/**
 * Delay before the next close attempt: doubling from {@code initial} up to {@code max}. A failing close
 * is never abandoned; it is retried at most every {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

    /** 1 s, 2 s, 4 s ... up to 5 minutes. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    /** Delay after the given number of failed attempts (1 = first failure). */
    public Duration after(int failures) {
        long ms = initial.toMillis();
        for (int i = 1; i < failures && ms < max.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
