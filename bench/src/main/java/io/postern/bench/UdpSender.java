package io.postern.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/** Paced UDP sending to 127.0.0.1 (inside the harness's namespace), bounded in count and time. */
final class UdpSender implements AutoCloseable {

    private final DatagramChannel ch;

    UdpSender(int port) throws IOException {
        ch = DatagramChannel.open();
        ch.connect(new InetSocketAddress("127.0.0.1", port));
    }

    /**
     * Sends every packet at {@code rate} per second (evenly spaced) and returns the rate actually achieved.
     * Gives up after {@code maxSeconds}.
     */
    double paced(List<byte[]> packets, double rate, double maxSeconds) throws IOException {
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        int sent = 0;
        for (byte[] p : packets) {
            long due = start + sent * interval;
            long now;
            while ((now = System.nanoTime()) < due) {
                if (due - now > 200_000) {
                    LockSupport.parkNanos(due - now - 100_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            if (now > deadline) {
                break;
            }
            ch.write(ByteBuffer.wrap(p));
            sent++;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return sent / Math.max(secs, 1e-9) * (sent == packets.size() ? 1 : -1);
    }

    /**
     * Closed loop: keeps at most {@code window} packets sent but not yet completed (as {@code completed} reports),
     * so the receive buffer never overflows; returns seconds from the first send until all are completed, or
     * NaN on time-out.
     */
    double windowed(List<byte[]> packets, int window, LongSupplier completed, long base, double timeoutSeconds)
            throws IOException {
        long start = System.nanoTime();
        long deadline = start + (long) (timeoutSeconds * 1e9);
        int sent = 0;
        while (true) {
            long done = completed.getAsLong() - base;
            if (done >= packets.size()) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                return Double.NaN;
            }
            if (sent < packets.size() && sent - done < window) {
                ch.write(ByteBuffer.wrap(packets.get(sent++)));
            } else {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    /** The kernel's UDP RcvbufErrors counter of this network namespace (/proc/net/snmp). */
    static long rcvbufErrors() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            String[] head = null;
            for (String l : lines) {
                if (l.startsWith("Udp:")) {
                    if (head == null) {
                        head = l.split("\\s+");
                    } else {
                        String[] v = l.split("\\s+");
                        for (int i = 0; i < head.length; i++) {
                            if (head[i].equals("RcvbufErrors")) {
                                return Long.parseLong(v[i]);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
