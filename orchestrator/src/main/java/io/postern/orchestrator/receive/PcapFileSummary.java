package io.postern.orchestrator.receive;

import java.time.Duration;
import java.util.Map;

/**
 * What {@link PcapFileSource#read} did with a capture file, for {@code serve --pcap-file}'s summary.
 *
 * @param records   records in the file
 * @param delivered packets handed to the sink
 * @param byStatus  records by {@link Frame.Status} (non-zero only; {@code PAYLOAD} equals {@code delivered})
 * @param elapsed   wall time spent reading and delivering
 */
public record PcapFileSummary(long records, long delivered, Map<Frame.Status, Long> byStatus, Duration elapsed) {

    public PcapFileSummary {
        byStatus = Map.copyOf(byStatus);
    }

    /** Records of one status. */
    public long count(Frame.Status status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Records per second, or 0 for an instant read. */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : records / seconds;
    }
}
