package io.postern.spa.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * fwknopd's packet-age rule: {@code |now - timestamp| <= MAX_SPA_PACKET_AGE}, in both directions (a
 * client clock ahead is as bad as one behind), the edge itself accepted, and nothing checked when
 * ENABLE_SPA_PACKET_AGING is N.
 *
 * @param enabled ENABLE_SPA_PACKET_AGING
 * @param maxAge  MAX_SPA_PACKET_AGE (default 120 s)
 */
public record TimestampWindow(boolean enabled, Duration maxAge) {

    /** fwknopd's default: on, 120 seconds. */
    public static final TimestampWindow DEFAULT = new TimestampWindow(true, Duration.ofSeconds(120));

    public TimestampWindow {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge < 0: " + maxAge);
        }
    }

    /** Seconds between {@code timestamp} and {@code now}, always >= 0. */
    public static long skewSeconds(long timestamp, Instant now) {
        return Math.abs(now.getEpochSecond() - timestamp);
    }

    /** Whether a packet stamped {@code timestamp} (Unix seconds) is fresh at {@code now}. */
    public boolean accepts(long timestamp, Instant now) {
        return !enabled || skewSeconds(timestamp, now) <= maxAge.getSeconds();
    }
}
