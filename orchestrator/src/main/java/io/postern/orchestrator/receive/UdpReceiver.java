package io.postern.orchestrator.receive;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fwknopd's UDP server mode ({@code -U}, {@code ENABLE_UDP_SERVER}), without its blind spot: every socket is bound
 * to one concrete local address, so each packet carries the real destination that {@code DESTINATION} and
 * {@code $DST} need. Wildcard binds are expanded per interface address ({@link LocalAddresses}); addresses that
 * appear after {@link #start()} are not picked up. Several blocking threads per socket (by default one per core, at
 * most four) take turns in {@code receive}: while one judges what it read (the sink's receiver-side checks, an
 * HMAC per packet) the next is already reading, so a flood is drained at the speed of all cores, not one.
 * Datagrams are read whole (up to 65535 bytes) and passed on, oversized ones included, for the precheck to
 * reject by size. One socket per address, no {@code SO_REUSEPORT}: a second server on the same port still fails
 * to bind instead of silently sharing the packets.
 *
 * <p>Needs no privilege for ports ≥ 1024. Thread-safe; {@link #start()} and {@link #close()} are idempotent.
 */
public final class UdpReceiver implements PacketReceiver {

    /** fwknop's default SPA port ({@code FKO_DEFAULT_PORT}). */
    public static final int DEFAULT_PORT = 62201;
    /** The receive buffer asked for; the kernel may grant less (net.core.rmem_max), see {@link #receiveBufferBytes()}. */
    public static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    /** The largest UDP payload; the read buffer is this big so nothing is truncated. */
    static final int MAX_DATAGRAM = 65535;

    private static final Logger LOG = LoggerFactory.getLogger(UdpReceiver.class);

    private final List<InetSocketAddress> requested;
    private final PacketSink sink;
    private final Clock clock;
    private final int threadsPerSocket;
    private final LongAdder received = new LongAdder();
    private final LongAdder sinkFailures = new LongAdder();
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private int receiveBufferBytes = -1;
    private boolean started;
    private boolean closed;

    /**
     * @param bindAddresses addresses to bind (IPv4 or IPv6; {@code 0.0.0.0} and {@code ::} are expanded; port 0
     *                      picks a free port per socket)
     * @param sink          where packets go
     * @param clock         source of {@link ReceivedPacket#receivedAt()}
     */
    public UdpReceiver(List<InetSocketAddress> bindAddresses, PacketSink sink, Clock clock) {
        this(bindAddresses, sink, clock, defaultThreadsPerSocket());
    }

    /** As above, with {@code threadsPerSocket} receiving threads on each socket (the sink must be thread-safe). */
    public UdpReceiver(List<InetSocketAddress> bindAddresses, PacketSink sink, Clock clock, int threadsPerSocket) {
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("no bind address");
        }
        if (threadsPerSocket < 1) {
            throw new IllegalArgumentException("threadsPerSocket must be at least 1");
        }
        this.requested = List.copyOf(bindAddresses);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threadsPerSocket = threadsPerSocket;
    }

    /** One receiving thread per core, at most four, per socket. */
    static int defaultThreadsPerSocket() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** fwknopd's default: every local address, port 62201. */
    public static UdpReceiver onAllAddresses(int port, PacketSink sink, Clock clock) {
        return new UdpReceiver(List.of(new InetSocketAddress("::", port)), sink, clock);
    }

    @Override
    public synchronized void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (started) {
            return;
        }
        LinkedHashSet<InetSocketAddress> targets = new LinkedHashSet<>();
        for (InetSocketAddress r : requested) {
            targets.addAll(LocalAddresses.expand(r));
        }
        if (targets.isEmpty()) {
            throw new ReceiverException("no local address to bind for " + requested);
        }
        try {
            for (InetSocketAddress target : targets) {
                bind(target);
            }
        } catch (IOException | RuntimeException e) {
            closeChannels();
            throw e;
        }
        for (int i = 0; i < channels.size(); i++) {
            DatagramChannel ch = channels.get(i);
            InetSocketAddress local = bound.get(i);
            for (int k = 0; k < threadsPerSocket; k++) {
                Thread t = new Thread(() -> receiveLoop(ch, local), "postern-udp-" + describe(local) + "-" + k);
                t.setDaemon(true);
                threads.add(t);
            }
        }
        threads.forEach(Thread::start);
        started = true;
        LOG.info("UDP receiver listening on {} (receive buffer {} bytes, {} thread(s) per socket)", describeAll(),
                receiveBufferBytes, threadsPerSocket);
    }

    private void bind(InetSocketAddress target) throws IOException {
        StandardProtocolFamily family = target.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        DatagramChannel ch = DatagramChannel.open(family);
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            ch.bind(target);
        } catch (IOException e) {
            ch.close();
            throw new ReceiverException("cannot bind UDP " + describe(target) + ": " + e.getMessage(), e);
        }
        channels.add(ch);
        InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
        bound.add(local);
        int granted = ch.getOption(StandardSocketOptions.SO_RCVBUF);
        receiveBufferBytes = receiveBufferBytes < 0 ? granted : Math.min(receiveBufferBytes, granted);
        LOG.debug("bind({}) rcvbuf={}", describe(local), granted);
    }

    private void receiveLoop(DatagramChannel ch, InetSocketAddress local) {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        while (true) {
            SocketAddress from;
            buf.clear();
            try {
                from = ch.receive(buf);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!ch.isOpen()) {
                    return;
                }
                LOG.warn("receiveLoop({}) error={}", describe(local), e.toString());
                continue;
            }
            if (from == null) {
                continue;
            }
            received.increment();
            ReceivedPacket packet = ReceivedPacket.of(buf.array(), 0, buf.position(), (InetSocketAddress) from,
                    local, Transport.UDP, clock.instant());
            try {
                sink.accept(packet);
            } catch (RuntimeException e) {
                sinkFailures.increment();
                LOG.warn("receiveLoop({}) sink failed length={} error={}", describe(local), packet.length(),
                        e.toString());
            }
        }
    }

    /** The local addresses actually bound (ports resolved), one per socket; empty before {@link #start()}. */
    public synchronized List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** The smallest receive buffer the kernel granted across the sockets (Linux reports double the usable size). */
    public synchronized int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    /** Datagrams received so far, all sockets. */
    public long received() {
        return received.sum();
    }

    /** Times the sink threw. */
    public long sinkFailures() {
        return sinkFailures.sum();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeChannels();
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        if (started) {
            LOG.info("UDP receiver closed after {} datagrams", received.sum());
        }
    }

    private void closeChannels() {
        for (DatagramChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("close() error={}", e.toString());
            }
        }
        channels.clear();
    }

    private String describeAll() {
        List<String> names = new ArrayList<>();
        bound.forEach(b -> names.add(describe(b)));
        return String.join(", ", names);
    }

    static String describe(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
