package io.postern.orchestrator.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses a capture that the real tcpdump wrote from loopback traffic; needs tcpdump and root. */
class TcpdumpCaptureTest {

    @TempDir
    Path dir;

    private static boolean hasTcpdump() {
        for (String d : new String[] {"/usr/bin", "/usr/sbin", "/bin", "/sbin"}) {
            if (new File(d, "tcpdump").canExecute()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void parsesWhatTcpdumpWroteFromLoopback() throws Exception {
        ToolAssumptions.require(hasTcpdump(), "tcpdump not installed (apt-get install tcpdump)");
        ToolAssumptions.require(ToolAssumptions.isRoot(), "tcpdump needs root to capture on lo");
        int port = UdpReceiverTest.freePort();
        Path file = dir.resolve("lo.pcap");
        Process tcpdump = new ProcessBuilder("timeout", "20", "tcpdump", "-i", "lo", "-U", "-n", "-c", "3", "-s", "0",
                "-w", file.toString(), "udp dst port " + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.log").toFile()).start();
        try {
            waitForListening(dir.resolve("tcpdump.log"));
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                for (int i = 0; i < 3 && tcpdump.isAlive(); i++) {
                    byte[] b = ("tcpdump-spa-" + i).getBytes(StandardCharsets.ISO_8859_1);
                    s.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", port)));
                }
            }
            assertThat(tcpdump.waitFor(10, TimeUnit.SECONDS)).as("tcpdump exits after -c 3").isTrue();
        } finally {
            if (tcpdump.isAlive()) {
                tcpdump.destroyForcibly();
            }
        }

        List<ReceivedPacket> got = new ArrayList<>();
        PcapFileSummary summary = new PcapFileSource(new PortFilter(true, false, java.util.Set.of(port)), HttpSpaMode.OFF)
                .read(file, got::add);

        assertThat(summary.records()).isEqualTo(3);
        assertThat(got).extracting(ReceivedPacket::payload)
                .containsExactly("tcpdump-spa-0", "tcpdump-spa-1", "tcpdump-spa-2");
        assertThat(got).allSatisfy(p -> assertThat(p.destination()).isEqualTo(new InetSocketAddress("127.0.0.1", port)));
        assertThat(got.get(0).receivedAt()).isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
    }

    /** tcpdump prints "listening on lo" once its capture is open. */
    private static void waitForListening(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("listening on")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("tcpdump did not start: " + (Files.exists(log) ? Files.readString(log) : "no log"));
    }
}
