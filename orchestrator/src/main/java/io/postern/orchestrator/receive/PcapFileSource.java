package io.postern.orchestrator.receive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --pcap-file}: replays a capture file (classic pcap or pcapng) through the same {@link FrameParser}
 * as live capture, delivering every kept payload to the sink as fast as it can, then returns. Pure Java: no
 * libpcap, no privilege. Filtering is the simple destination-port form of {@link PortFilter}, not BPF. Each
 * packet's {@link ReceivedPacket#receivedAt()} is its capture timestamp (pcapng simple packet blocks carry none:
 * the epoch). IPv4 and IPv6 fragments are skipped and counted.
 */
public final class PcapFileSource {

    private static final Logger LOG = LoggerFactory.getLogger(PcapFileSource.class);

    private final PortFilter filter;
    private final HttpSpaMode http;

    public PcapFileSource(PortFilter filter, HttpSpaMode http) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** fwknopd's defaults: UDP to port 62201, no HTTP. */
    public static PcapFileSource defaults() {
        return new PcapFileSource(PortFilter.DEFAULT, HttpSpaMode.OFF);
    }

    /**
     * Reads {@code file} to the end on the calling thread.
     *
     * @throws PcapFormatException when the file is not a capture or is cut short; the message names the file and
     *                             the byte offset. Packets before the fault have been delivered.
     * @throws IOException         when the file cannot be read
     */
    public PcapFileSummary read(Path file, PacketSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, sink);
        } catch (PcapFormatException e) {
            throw new PcapFormatException(e.offset(), file + ": " + e.getMessage().replaceFirst(" at byte offset \\d+$", ""));
        } catch (NoSuchFileException e) {
            throw new ReceiverException("capture file not found: " + file, e);
        }
    }

    /** Reads a capture from a stream (not closed here). */
    public PcapFileSummary read(InputStream in, PacketSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        CaptureCounters counters = new CaptureCounters();
        long[] delivered = {0};
        long start = System.nanoTime();
        long records = CaptureFileReader.read(in, (linkType, data, offset, length, timestamp) -> {
            Frame frame = FrameParser.parse(linkType, data, offset, length, filter);
            counters.count(frame.status());
            if (frame.hasPayload()) {
                delivered[0]++;
                sink.accept(CapturedPackets.toPacket(frame, data, timestamp, http));
            }
        });
        PcapFileSummary summary = new PcapFileSummary(records, delivered[0], counters.snapshot(),
                Duration.ofNanos(System.nanoTime() - start));
        LOG.debug("read() records={} delivered={} byStatus={}", records, delivered[0], summary.byStatus());
        return summary;
    }
}
