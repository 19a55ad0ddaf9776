package io.postern.orchestrator.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live capture on {@code lo}; needs root (or CAP_NET_RAW) and libpcap, else skipped (failed under CI). */
class PcapLiveReceiverTest {

    private final BlockingQueue<ReceivedPacket> got = new LinkedBlockingQueue<>();
    private PcapLiveReceiver receiver;

    @AfterEach
    void tearDown() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private static void requireCapture() {
        String problem = PcapLiveReceiver.unavailableReason();
        ToolAssumptions.require(problem == null, String.valueOf(problem));
        ToolAssumptions.require(ToolAssumptions.isRoot(), "live capture needs root or CAP_NET_RAW");
    }

    private PcapLiveReceiver start(PcapLiveOptions options) throws Exception {
        receiver = new PcapLiveReceiver(options, got::add, Clock.systemUTC());
        receiver.start();
        return receiver;
    }

    private ReceivedPacket next() throws InterruptedException {
        ReceivedPacket p = got.poll(5, TimeUnit.SECONDS);
        assertThat(p).as("packet captured within 5 s").isNotNull();
        return p;
    }

    @Test
    void capturesUdpSentToLoopbackOnceEach() throws Exception {
        requireCapture();
        int port = UdpReceiverTest.freePort();
        start(new PcapLiveOptions("lo", "udp port " + port, false, false, 1500, HttpSpaMode.OFF));
        receiver.start(); // idempotent

        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 3; i++) {
                byte[] b = ("spa-" + i).getBytes(StandardCharsets.ISO_8859_1);
                s.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", port)));
            }
            for (int i = 0; i < 3; i++) {
                ReceivedPacket p = next();
                assertThat(p.payload()).isEqualTo("spa-" + i);
                assertThat(p.transport()).isEqualTo(Transport.UDP);
                assertThat(p.source()).isEqualTo(s.getLocalSocketAddress());
                assertThat(p.destination()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
            }
        }
        assertThat(got.poll(300, TimeUnit.MILLISECONDS)).as("inbound only: no duplicate").isNull();
        assertThat(receiver.counters().get(Frame.Status.PAYLOAD)).isEqualTo(3);
    }

    @Test
    void capturesIpv6AndOversizedPayloadsUpToMaxSniffBytes() throws Exception {
        requireCapture();
        ToolAssumptions.require(UdpReceiverTest.hasIpv6Loopback(), "no ::1 on this machine");
        int port = UdpReceiverTest.freePort();
        start(new PcapLiveOptions("lo", "udp port " + port, false, false, 1500, HttpSpaMode.OFF));

        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            byte[] full = new byte[1500];
            byte[] tooBig = new byte[1800]; // cut by the snap length: counted TRUNCATED, never passed short
            s.send(new DatagramPacket(tooBig, tooBig.length, new InetSocketAddress("::1", port)));
            s.send(new DatagramPacket(full, full.length, new InetSocketAddress("::1", port)));
            ReceivedPacket p = next();
            assertThat(p.length()).isEqualTo(1500);
            assertThat(p.destination()).isEqualTo(new InetSocketAddress("::1", port));
        }
        assertThat(receiver.counters().get(Frame.Status.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void unwrapsHttpSpaCarriedOverTcp() throws Exception {
        requireCapture();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            start(new PcapLiveOptions("lo", "tcp dst port " + port, false, false, 1500,
                    HttpSpaMode.UNWRAP_WITH_FORWARDED_FOR));
            try (Socket client = new Socket("127.0.0.1", port); Socket accepted = server.accept()) {
                OutputStream out = client.getOutputStream();
                out.write(("GET /abc-def_ghi HTTP/1.0\r\nUser-Agent: Fwknop/2.6.10\r\nX-Forwarded-For: 198.51.100.7\r\n"
                        + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                ReceivedPacket p = next();
                assertThat(p.transport()).isEqualTo(Transport.HTTP);
                assertThat(p.payload()).isEqualTo("abc+def/ghi");
                assertThat(p.forwardedForAddress()).map(InetAddress::getHostAddress).contains("198.51.100.7");
                assertThat(p.destination()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
            }
        }
        assertThat(receiver.counters().get(Frame.Status.EMPTY)).as("handshake segments").isPositive();
    }

    @Test
    void unknownInterfaceAndBadFilterAreOneLineErrors() throws Exception {
        requireCapture();
        receiver = new PcapLiveReceiver(PcapLiveOptions.defaults("nosuch0"), got::add, Clock.systemUTC());
        assertThatThrownBy(receiver::start).isInstanceOf(ReceiverException.class)
                .hasMessage("cannot capture on interface 'nosuch0': no such interface");
        PcapLiveReceiver bad = new PcapLiveReceiver(
                new PcapLiveOptions("lo", "udp prot 1", false, false, 1500, HttpSpaMode.OFF), got::add,
                Clock.systemUTC());
        assertThatThrownBy(bad::start).isInstanceOf(ReceiverException.class)
                .hasMessageStartingWith("cannot capture on interface 'lo': invalid PCAP_FILTER 'udp prot 1': ");
        bad.close();
    }

    @Test
    void permissionFailureNamesTheInterfaceAndTheCapability() {
        assertThat(PcapLiveReceiver.openFailure("eth0",
                "eth0: You don't have permission to perform this capture on that device (socket: Operation not permitted)"))
                .isEqualTo("cannot capture on interface 'eth0': permission denied; run as root or grant CAP_NET_RAW"
                        + " (e.g. setcap cap_net_raw,cap_net_admin+eip on the java binary)");
    }

    @Test
    void closeWithoutStartAndTwiceIsHarmless() {
        PcapLiveReceiver r = new PcapLiveReceiver(PcapLiveOptions.defaults("lo"), got::add, Clock.systemUTC());
        r.close();
        r.close();
        assertThatThrownBy(r::start).isInstanceOf(IllegalStateException.class);
    }
}
