package io.postern.orchestrator.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpReceiverTest {

    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    private final BlockingQueue<ReceivedPacket> got = new LinkedBlockingQueue<>();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private UdpReceiver receiver;

    @AfterEach
    void tearDown() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private UdpReceiver start(String... binds) throws Exception {
        List<InetSocketAddress> addresses = Arrays.stream(binds).map(UdpReceiverTest::parse).toList();
        receiver = new UdpReceiver(addresses, got::add, clock);
        receiver.start();
        return receiver;
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static InetSocketAddress send(InetSocketAddress to, byte[] payload) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(to.getAddress() instanceof java.net.Inet6Address
                ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1"), 0))) {
            s.send(new DatagramPacket(payload, payload.length, to));
            return (InetSocketAddress) s.getLocalSocketAddress();
        }
    }

    private ReceivedPacket next() throws InterruptedException {
        ReceivedPacket p = got.poll(5, TimeUnit.SECONDS);
        assertThat(p).as("datagram received within 5 s").isNotNull();
        return p;
    }

    @Test
    void ipv4LoopbackCarriesPayloadSourceAndRealDestination() throws Exception {
        start("127.0.0.1:0");
        InetSocketAddress local = receiver.boundAddresses().get(0);
        assertThat(local.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(local.getPort()).isPositive();

        InetSocketAddress from = send(local, Frames.ascii("hello-spa"));
        ReceivedPacket p = next();

        assertThat(p.payload()).isEqualTo("hello-spa");
        assertThat(p.source()).isEqualTo(from);
        assertThat(p.destination()).isEqualTo(local);
        assertThat(p.transport()).isEqualTo(Transport.UDP);
        assertThat(p.receivedAt()).isEqualTo(T0);
        assertThat(p.forwardedForAddress()).isEmpty();
        assertThat(p.toString()).doesNotContain("hello-spa").contains("length=9");
    }

    @Test
    void ipv6Loopback() throws Exception {
        assumeTrue(hasIpv6Loopback(), "no ::1 on this machine");
        start("[::1]:0");
        InetSocketAddress local = receiver.boundAddresses().get(0);

        InetSocketAddress from = send(local, Frames.ascii("six"));
        ReceivedPacket p = next();

        assertThat(p.payload()).isEqualTo("six");
        assertThat(p.source()).isEqualTo(from);
        assertThat(p.destination().getAddress()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(p.destination().getPort()).isEqualTo(local.getPort());
    }

    @Test
    void bothFamiliesAtOnce() throws Exception {
        assumeTrue(hasIpv6Loopback(), "no ::1 on this machine");
        int port = freePort();
        start("127.0.0.1:" + port, "[::1]:" + port);
        assertThat(receiver.boundAddresses()).hasSize(2);

        send(new InetSocketAddress("::1", port), Frames.ascii("v6"));
        assertThat(next().destination().getAddress()).isEqualTo(InetAddress.getByName("::1"));
        send(new InetSocketAddress("127.0.0.1", port), Frames.ascii("v4"));
        assertThat(next().destination().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void wildcardBindReportsTheAddressTheDatagramWasSentTo() throws Exception {
        int port = freePort();
        start("0.0.0.0:" + port);
        assertThat(receiver.boundAddresses()).contains(new InetSocketAddress("127.0.0.1", port));
        assertThat(receiver.boundAddresses()).noneMatch(a -> a.getAddress().isAnyLocalAddress());

        send(new InetSocketAddress("127.0.0.1", port), Frames.ascii("to-loopback"));
        ReceivedPacket p = next();

        assertThat(p.destination()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
        assertThat(p.payload()).isEqualTo("to-loopback");
    }

    @Test
    void ipv6WildcardCoversBothFamiliesWithoutLinkLocal() throws Exception {
        assumeTrue(hasIpv6Loopback(), "no ::1 on this machine");
        int port = freePort();
        start("[::]:" + port);
        assertThat(receiver.boundAddresses())
                .contains(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress("::1", port))
                .noneMatch(a -> a.getAddress().isLinkLocalAddress());

        send(new InetSocketAddress("::1", port), Frames.ascii("x"));
        assertThat(next().destination()).isEqualTo(new InetSocketAddress("::1", port));
    }

    @Test
    void oversizedDatagramIsPassedWhole() throws Exception {
        start("127.0.0.1:0");
        InetSocketAddress local = receiver.boundAddresses().get(0);
        byte[] big = new byte[65507]; // the largest IPv4 UDP payload
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        send(local, big);
        send(local, Arrays.copyOf(big, 1501));

        // several receive threads: the two may be handed on in either order
        ReceivedPacket a = next();
        ReceivedPacket b = next();
        ReceivedPacket first = a.length() > b.length() ? a : b;
        assertThat(first.length()).isEqualTo(65507);
        assertThat(first.payload().charAt(255)).isEqualTo((char) 255);
        assertThat(first.payload().charAt(256)).isEqualTo((char) 0);
        assertThat(Math.min(a.length(), b.length())).isEqualTo(1501);
    }

    @Test
    void everyByteMapsToOneChar() throws Exception {
        start("127.0.0.1:0");
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        send(receiver.boundAddresses().get(0), all);
        String payload = next().payload();
        assertThat(payload).hasSize(256);
        for (int i = 0; i < 256; i++) {
            assertThat((int) payload.charAt(i)).isEqualTo(i);
        }
    }

    @Test
    void aThrowingSinkDoesNotStopTheReceiver() throws Exception {
        receiver = new UdpReceiver(List.of(new InetSocketAddress("127.0.0.1", 0)), p -> {
            if (p.payload().equals("boom")) {
                throw new IllegalStateException("sink failure");
            }
            got.add(p);
        }, clock);
        receiver.start();
        InetSocketAddress local = receiver.boundAddresses().get(0);
        send(local, Frames.ascii("boom"));
        send(local, Frames.ascii("after"));
        assertThat(next().payload()).isEqualTo("after");
        // "boom" may be on another receive thread that has not counted its failure yet
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (receiver.sinkFailures() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(receiver.sinkFailures()).isEqualTo(1);
        assertThat(receiver.received()).isEqualTo(2);
    }

    @Test
    void severalThreadsShareOneSocketAndEachDatagramIsHandedOnOnce() throws Exception {
        java.util.Set<String> threadNames = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch slowFirst = new java.util.concurrent.CountDownLatch(1);
        receiver = new UdpReceiver(List.of(new InetSocketAddress("127.0.0.1", 0)), p -> {
            threadNames.add(Thread.currentThread().getName());
            if (p.payload().equals("0")) {
                try {
                    // the thread holding datagram 0 is busy: the others must go on reading meanwhile
                    slowFirst.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            got.add(p);
        }, clock, 3);
        receiver.start();
        InetSocketAddress local = receiver.boundAddresses().get(0);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 200; i++) {
                byte[] b = Frames.ascii(Integer.toString(i));
                s.send(new DatagramPacket(b, b.length, local));
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 199; i++) {
            seen.add(next().payload());
        }
        assertThat(seen).as("199 datagrams read while the thread with datagram 0 was held").hasSize(199)
                .doesNotContain("0");
        slowFirst.countDown();
        seen.add(next().payload());
        assertThat(seen).hasSize(200);
        assertThat(got.poll(200, TimeUnit.MILLISECONDS)).as("no datagram handed on twice").isNull();
        assertThat(threadNames).hasSizeGreaterThan(1);
    }

    @Test
    void closeFreesThePortAndStartAndCloseAreIdempotent() throws Exception {
        int port = freePort();
        start("127.0.0.1:" + port);
        receiver.start();
        assertThat(receiver.receiveBufferBytes()).isPositive();
        assertThat(threadsNamed("postern-udp-127.0.0.1:" + port)).isEqualTo(UdpReceiver.defaultThreadsPerSocket());

        receiver.close();
        receiver.close();

        assertThat(threadsNamed("postern-udp-127.0.0.1:" + port)).isZero();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        UdpReceiver second = new UdpReceiver(List.of(new InetSocketAddress("127.0.0.1", port)), got::add, clock);
        second.start();
        second.close();
        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPortInUseFailsWithOneLineAndLeavesNothingBound() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = taken.getLocalPort();
            int other = freePort();
            receiver = new UdpReceiver(List.of(new InetSocketAddress("127.0.0.1", other),
                    new InetSocketAddress("127.0.0.1", port)), got::add, clock);
            assertThatThrownBy(receiver::start).isInstanceOf(ReceiverException.class)
                    .hasMessageStartingWith("cannot bind UDP 127.0.0.1:" + port + ":");
            try (DatagramSocket free = new DatagramSocket(new InetSocketAddress("127.0.0.1", other))) {
                assertThat(free.getLocalPort()).isEqualTo(other);
            }
        }
    }

    static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    static boolean hasIpv6Loopback() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(name + "-") && t.isAlive()).count();
    }
}
