package io.postern.orchestrator.event;

import io.postern.orchestrator.ledger.Grant;
import io.postern.spa.Rejection;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts packets by outcome and grants by transition: the pcap-file summary and the status figures. */
public final class PacketCounters implements PosternEventListener {

    private final LongAdder received = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong openFailed = new AtomicLong();
    private final AtomicLong extended = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong closeFailed = new AtomicLong();

    public PacketCounters() {
        for (Rejection r : Rejection.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    @Override
    public void packetReceived(InetSocketAddress source, int length) {
        received.increment();
    }

    @Override
    public void packetRejected(InetSocketAddress source, String stanza, Rejection reason, String detail) {
        rejected.get(reason).increment();
    }

    @Override
    public void packetAccepted(InetSocketAddress source, String stanza, String username, String request) {
        accepted.increment();
    }

    @Override
    public void grantOpened(Grant grant, long openMillis) {
        opened.incrementAndGet();
    }

    @Override
    public void grantExtended(Grant grant, Instant newExpiry) {
        extended.incrementAndGet();
    }

    @Override
    public void grantOpenFailed(Grant grant, String deviceOutput) {
        openFailed.incrementAndGet();
    }

    @Override
    public void grantClosed(Grant grant) {
        closed.incrementAndGet();
    }

    @Override
    public void grantCloseFailed(Grant grant, String deviceOutput, Instant nextAttempt) {
        closeFailed.incrementAndGet();
    }

    public long received() {
        return received.sum();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long rejected() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Rejections with a non-zero count, in enum order. */
    public Map<Rejection, Long> rejectedByReason() {
        Map<Rejection, Long> out = new EnumMap<>(Rejection.class);
        rejected.forEach((r, n) -> {
            if (n.sum() > 0) {
                out.put(r, n.sum());
            }
        });
        return out;
    }

    public long opened() {
        return opened.get();
    }

    public long openFailed() {
        return openFailed.get();
    }

    public long extended() {
        return extended.get();
    }

    public long closed() {
        return closed.get();
    }

    public long closeFailed() {
        return closeFailed.get();
    }
}
