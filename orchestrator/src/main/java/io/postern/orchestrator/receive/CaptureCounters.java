package io.postern.orchestrator.receive;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Frames seen by a capture receiver, by {@link Frame.Status}; cheap to update from the capture thread. */
public final class CaptureCounters {

    private final LongAdder[] counts = new LongAdder[Frame.Status.values().length];

    public CaptureCounters() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void count(Frame.Status status) {
        counts[status.ordinal()].increment();
    }

    /** Frames with this status so far. */
    public long get(Frame.Status status) {
        return counts[status.ordinal()].sum();
    }

    /** Frames seen in total. */
    public long total() {
        long sum = 0;
        for (LongAdder c : counts) {
            sum += c.sum();
        }
        return sum;
    }

    /** A snapshot of the non-zero counts. */
    public Map<Frame.Status, Long> snapshot() {
        Map<Frame.Status, Long> out = new EnumMap<>(Frame.Status.class);
        for (Frame.Status s : Frame.Status.values()) {
            long v = get(s);
            if (v != 0) {
                out.put(s, v);
            }
        }
        return out;
    }
}
