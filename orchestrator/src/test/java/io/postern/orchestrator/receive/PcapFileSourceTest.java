package io.postern.orchestrator.receive;

import static io.postern.orchestrator.receive.Frames.ascii;
import static io.postern.orchestrator.receive.Frames.ipv4;
import static io.postern.orchestrator.receive.Frames.ipv6;
import static io.postern.orchestrator.receive.Frames.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.orchestrator.receive.CaptureFiles.Rec;
import io.postern.orchestrator.receive.Frame.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapFileSourceTest {

    private static final byte[] V4 = ipv4("10.0.0.5", "10.0.0.1", 17, udp(40000, 62201, ascii("first-spa")));
    private static final byte[] V6 = ipv6("2001:db8::5", "2001:db8::1", 17, udp(40001, 62201, ascii("second-spa")));
    private static final byte[] NOISE = ipv4("10.0.0.5", "10.0.0.1", 17, udp(40000, 53, ascii("dns")));

    @TempDir
    Path dir;

    private final List<ReceivedPacket> got = new ArrayList<>();

    private PcapFileSummary read(byte[] file) throws IOException {
        return PcapFileSource.defaults().read(new ByteArrayInputStream(file), got::add);
    }

    private List<String> payloads() {
        return got.stream().map(ReceivedPacket::payload).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void classicMicrosecondsInEitherByteOrder(String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] file = CaptureFiles.classic(order, false, FrameParser.ETHERNET, List.of(
                new Rec(1_700_000_000L, 123_456, Frames.ethernet(0x0800, V4)),
                new Rec(1_700_000_001L, 0, Frames.ethernet(0x0800, NOISE)),
                new Rec(1_700_000_002L, 999_999, Frames.ethernet(0x86DD, V6, 12))));

        PcapFileSummary summary = read(file);

        assertThat(summary.records()).isEqualTo(3);
        assertThat(summary.delivered()).isEqualTo(2);
        assertThat(summary.count(Status.FILTERED)).isEqualTo(1);
        assertThat(payloads()).containsExactly("first-spa", "second-spa");
        ReceivedPacket first = got.get(0);
        assertThat(first.source()).isEqualTo(new InetSocketAddress("10.0.0.5", 40000));
        assertThat(first.destination()).isEqualTo(new InetSocketAddress("10.0.0.1", 62201));
        assertThat(first.transport()).isEqualTo(Transport.UDP);
        assertThat(first.receivedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_000L));
        assertThat(got.get(1).destination()).isEqualTo(new InetSocketAddress("2001:db8::1", 62201));
    }

    @Test
    void classicNanoseconds() throws IOException {
        byte[] file = CaptureFiles.classic(ByteOrder.BIG_ENDIAN, true, FrameParser.RAW,
                List.of(new Rec(1_700_000_000L, 123_456_789, V4)));
        read(file);
        assertThat(got).singleElement().extracting(ReceivedPacket::receivedAt)
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_789L));
    }

    @ParameterizedTest
    @ValueSource(ints = {FrameParser.LINUX_SLL, FrameParser.LINUX_SLL2, FrameParser.IPV4, FrameParser.NULL})
    void classicLinkTypes(int linkType) throws IOException {
        byte[] frame = switch (linkType) {
            case FrameParser.LINUX_SLL -> Frames.sll(0x0800, V4);
            case FrameParser.LINUX_SLL2 -> Frames.sll2(0x0800, V4);
            case FrameParser.NULL -> Frames.nullLoopback(2, V4);
            default -> V4;
        };
        read(CaptureFiles.classic(ByteOrder.LITTLE_ENDIAN, false, linkType, List.of(new Rec(1, 0, frame))));
        assertThat(payloads()).containsExactly("first-spa");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void pcapngWithSeveralInterfacesAndBlockTypes(String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] file = new CaptureFiles.Ng(order)
                .idb(FrameParser.ETHERNET, 0, -1)
                .idb(FrameParser.LINUX_SLL, 262144, 9)
                .epb(0, 1_700_000_000_123_456L, Frames.ethernet(0x0800, V4))
                .other()
                .epb(1, 1_700_000_001_000_000_007L, Frames.sll(0x86DD, V6))
                .spb(Frames.ethernet(0x0800, NOISE))
                .bytes();

        PcapFileSummary summary = read(file);

        assertThat(summary.records()).isEqualTo(3);
        assertThat(payloads()).containsExactly("first-spa", "second-spa");
        assertThat(got.get(0).receivedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_000L));
        assertThat(got.get(1).receivedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_001L, 7L));
        assertThat(summary.count(Status.FILTERED)).isEqualTo(1);
    }

    @Test
    void pcapngSimplePacketBlockIsDelivered() throws IOException {
        byte[] file = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).idb(FrameParser.RAW, 0, -1).spb(V4).bytes();
        read(file);
        assertThat(payloads()).containsExactly("first-spa");
    }

    @Test
    void pcapngSecondSectionMayChangeByteOrder() throws IOException {
        byte[] a = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).idb(FrameParser.RAW, 0, -1).epb(0, 1, V4).bytes();
        byte[] b = new CaptureFiles.Ng(ByteOrder.BIG_ENDIAN).idb(FrameParser.IPV6, 0, -1).epb(0, 2, V6).bytes();
        read(Frames.concat(a, b));
        assertThat(payloads()).containsExactly("first-spa", "second-spa");
    }

    @Test
    void fragmentsAreSkippedAndCounted() throws IOException {
        byte[] fragment = ipv4("10.0.0.5", "10.0.0.1", 17, udp(40000, 62201, ascii("frag")), 0x2000);
        PcapFileSummary summary = read(CaptureFiles.classic(ByteOrder.LITTLE_ENDIAN, false, FrameParser.RAW,
                List.of(new Rec(1, 0, fragment), new Rec(2, 0, V4))));
        assertThat(summary.count(Status.FRAGMENT)).isEqualTo(1);
        assertThat(payloads()).containsExactly("first-spa");
    }

    @Test
    void tcpAndHttpThroughTheFile() throws IOException {
        String http = "GET /abc-def_g HTTP/1.0\r\nUser-Agent: Fwknop/2.6.10\r\n\r\n";
        byte[] tcp = ipv4("10.0.0.5", "10.0.0.1", 6, Frames.tcp(40000, 62201, ascii(http)));
        byte[] file = CaptureFiles.classic(ByteOrder.LITTLE_ENDIAN, false, FrameParser.RAW, List.of(new Rec(1, 0, tcp)));
        new PcapFileSource(PortFilter.udpAndTcp(Set.of(62201)), HttpSpaMode.UNWRAP)
                .read(new ByteArrayInputStream(file), got::add);
        assertThat(got).singleElement().satisfies(p -> {
            assertThat(p.transport()).isEqualTo(Transport.HTTP);
            assertThat(p.payload()).isEqualTo("abc+def/g");
        });
    }

    @Test
    void truncatedRecordNamesItsOffset() throws IOException {
        byte[] file = CaptureFiles.classic(ByteOrder.LITTLE_ENDIAN, false, FrameParser.RAW,
                List.of(new Rec(1, 0, V4), new Rec(2, 0, V4)));
        int secondRecord = 24 + 16 + V4.length;
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(file, file.length - 5));

        assertThatThrownBy(() -> PcapFileSource.defaults().read(cut, got::add))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("cut.pcap")
                .hasMessageContaining("truncated packet record")
                .hasMessageEndingWith("at byte offset " + (secondRecord + 16))
                .satisfies(e -> assertThat(((PcapFormatException) e).offset()).isEqualTo(secondRecord + 16));
        assertThat(payloads()).as("packets before the fault were delivered").containsExactly("first-spa");
    }

    @Test
    void truncatedRecordHeaderAndFileHeader() {
        byte[] file = CaptureFiles.classic(ByteOrder.LITTLE_ENDIAN, false, FrameParser.RAW, List.of(new Rec(1, 0, V4)));
        assertThatThrownBy(() -> read(Arrays.copyOf(file, 24 + 16 + V4.length + 7)))
                .hasMessage("truncated packet record header (7 of 16 bytes) at byte offset " + (24 + 16 + V4.length));
        assertThatThrownBy(() -> read(Arrays.copyOf(file, 10)))
                .hasMessage("truncated pcap file header (6 of 20 bytes) at byte offset 4");
    }

    @Test
    void truncatedPcapngBlockNamesItsOffset() {
        byte[] file = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).idb(FrameParser.RAW, 0, -1).epb(0, 1, V4).bytes();
        int epbAt = 28 + 20;
        assertThatThrownBy(() -> read(Arrays.copyOf(file, file.length - 9)))
                .isInstanceOf(PcapFormatException.class)
                .hasMessageStartingWith("truncated pcapng block (")
                .hasMessageEndingWith("at byte offset " + (epbAt + 8));
    }

    @Test
    void badFilesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> read(new byte[0])).hasMessageContaining("shorter than 4 bytes");
        assertThatThrownBy(() -> read(ascii("GIF89a-not-a-capture")))
                .hasMessage("not a pcap or pcapng file: magic 0x47494638 at byte offset 0");
        byte[] ng = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).idb(FrameParser.RAW, 0, -1).epb(0, 1, V4).bytes();
        byte[] badTrailer = ng.clone();
        badTrailer[ng.length - 4] ^= 4;
        assertThatThrownBy(() -> read(badTrailer)).hasMessageContaining("does not match its trailer")
                .hasMessageEndingWith("at byte offset 48");
        byte[] undeclared = new CaptureFiles.Ng(ByteOrder.LITTLE_ENDIAN).epb(0, 1, V4).bytes();
        assertThatThrownBy(() -> read(undeclared)).hasMessage(
                "pcapng packet for undeclared interface 0 at byte offset 28");
        byte[] huge = CaptureFiles.classic(ByteOrder.LITTLE_ENDIAN, false, FrameParser.RAW, List.of(new Rec(1, 0, V4)));
        huge[24 + 8] = 0;
        huge[24 + 9] = 0;
        huge[24 + 10] = 0;
        huge[24 + 11] = 0x10;
        assertThatThrownBy(() -> read(huge)).hasMessageContaining("larger than the snap length")
                .hasMessageEndingWith("at byte offset 24");
    }

    @Test
    void missingFileIsOneClearLine() {
        Path missing = dir.resolve("nope.pcap");
        assertThatThrownBy(() -> PcapFileSource.defaults().read(missing, got::add))
                .isInstanceOf(ReceiverException.class).hasMessage("capture file not found: " + missing);
    }

    @Test
    void largeFileStreamsAcrossBufferBoundaries() throws IOException {
        List<Rec> recs = new ArrayList<>();
        byte[] padded = ipv4("10.0.0.5", "10.0.0.1", 17, udp(40000, 62201, new byte[1400]));
        for (int i = 0; i < 2000; i++) {
            recs.add(new Rec(i, 0, Frames.ethernet(0x0800, padded)));
        }
        Path file = dir.resolve("big.pcap");
        Files.write(file, CaptureFiles.classic(ByteOrder.LITTLE_ENDIAN, false, FrameParser.ETHERNET, recs));
        assertThat(Files.size(file)).isGreaterThan(2L << 20);
        PcapFileSummary summary = PcapFileSource.defaults().read(file, got::add);
        assertThat(summary.delivered()).isEqualTo(2000);
        assertThat(got).allSatisfy(p -> assertThat(p.length()).isEqualTo(1400));
    }
}
