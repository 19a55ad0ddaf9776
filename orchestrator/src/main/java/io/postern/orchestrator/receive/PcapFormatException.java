package io.postern.orchestrator.receive;

import java.io.IOException;

/** A capture file that is not pcap/pcapng, is cut short or contradicts itself; names the byte offset of the problem. */
public final class PcapFormatException extends IOException {

    private static final long serialVersionUID = 1L;
    private final long offset;

    public PcapFormatException(long offset, String problem) {
        super(problem + " at byte offset " + offset);
        this.offset = offset;
    }

    /** Where in the file the problem was found. */
    public long offset() {
        return offset;
    }
}
