package io.postern.orchestrator.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receive-rate figures, not a timed test: runs only with {@code -Dpostern.bench=true} and prints what it measured.
 * {@code mvn -o test -pl orchestrator -Dtest=ReceiveRateBench -Dpostern.bench=true}
 */
class ReceiveRateBench {

    private static final int PAYLOAD = 200;

    @TempDir
    Path dir;

    @Test
    void udpLoopback() throws Exception {
        assumeTrue(Boolean.getBoolean("postern.bench"), "benchmark: run with -Dpostern.bench=true");
        for (int rate : new int[] {50_000, 100_000, 0}) {
            udp(400_000, rate);
        }
    }

    private void udp(int count, int perSecond) throws Exception {
        LongAdder got = new LongAdder();
        UdpReceiver r = new UdpReceiver(List.of(new InetSocketAddress("127.0.0.1", 0)), p -> got.increment(),
                Clock.systemUTC());
        r.start();
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.connect(r.boundAddresses().get(0));
            ByteBuffer b = ByteBuffer.allocateDirect(PAYLOAD);
            long start = System.nanoTime();
            long gapNanos = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
            for (int i = 0; i < count; i++) {
                if (gapNanos > 0) {
                    long due = start + i * gapNanos;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                }
                b.clear();
                ch.write(b);
            }
            long sent = System.nanoTime() - start;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (got.sum() < count && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            System.out.printf("UDP loopback: offered %,d at %s: sent in %.2f s (%,.0f/s), received %,d (%.2f%%),"
                    + " rcvbuf %,d%n", count, perSecond == 0 ? "max rate" : String.format("%,d/s", perSecond),
                    sent / 1e9, count / (sent / 1e9), got.sum(), 100.0 * got.sum() / count, r.receiveBufferBytes());
        } finally {
            r.close();
        }
    }

    @Test
    void pcapFile() throws Exception {
        assumeTrue(Boolean.getBoolean("postern.bench"), "benchmark: run with -Dpostern.bench=true");
        int count = 2_000_000;
        Path file = dir.resolve("bench.pcap");
        byte[] frame = Frames.ethernet(0x0800, Frames.ipv4("10.0.0.5", "10.0.0.1", 17,
                Frames.udp(40000, 62201, new byte[PAYLOAD])));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            out.write(h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(65535).putInt(1).array());
            ByteBuffer rh = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                rh.clear();
                out.write(rh.putInt(i).putInt(0).putInt(frame.length).putInt(frame.length).array());
                out.write(frame);
            }
        }
        for (int round = 0; round < 3; round++) {
            LongAdder got = new LongAdder();
            PcapFileSummary s = PcapFileSource.defaults().read(file, p -> got.increment());
            assertThat(got.sum()).isEqualTo(count);
            System.out.printf("pcap file: %,d records (%,d MB) in %.2f s: %,.0f records/s, %,.0f MB/s%n", s.records(),
                    Files.size(file) >> 20, s.elapsed().toNanos() / 1e9, s.recordsPerSecond(),
                    (Files.size(file) / 1e6) / (s.elapsed().toNanos() / 1e9));
        }
    }

    @Test
    void liveCaptureLoopback() throws Exception {
        assumeTrue(Boolean.getBoolean("postern.bench"), "benchmark: run with -Dpostern.bench=true");
        assumeTrue(PcapLiveReceiver.unavailableReason() == null && ToolAssumptions.isRoot(), "needs root + libpcap");
        int port = UdpReceiverTest.freePort();
        LongAdder got = new LongAdder();
        int count = 200_000;
        try (PcapLiveReceiver r = new PcapLiveReceiver(new PcapLiveOptions("lo", "udp port " + port, false, false,
                1500, HttpSpaMode.OFF), p -> got.increment(), Clock.systemUTC());
                DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            r.start();
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
            ByteBuffer b = ByteBuffer.allocateDirect(PAYLOAD);
            long start = System.nanoTime();
            long gap = 1_000_000_000L / 50_000;
            for (int i = 0; i < count; i++) {
                while (System.nanoTime() < start + i * gap) {
                    Thread.onSpinWait();
                }
                b.clear();
                ch.send(b, to); // unconnected: the ICMP port-unreachable replies are not reported
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (got.sum() < count && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            System.out.printf("pcap live on lo: offered %,d at 50,000/s, captured %,d (%.2f%%)%n", count, got.sum(),
                    100.0 * got.sum() / count);
        }
    }
}
