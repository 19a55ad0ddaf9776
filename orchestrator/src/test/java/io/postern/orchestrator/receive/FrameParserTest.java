package io.postern.orchestrator.receive;

import static io.postern.orchestrator.receive.Frames.ascii;
import static io.postern.orchestrator.receive.Frames.ipv4;
import static io.postern.orchestrator.receive.Frames.ipv6;
import static io.postern.orchestrator.receive.Frames.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.postern.orchestrator.receive.Frame.Status;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameParserTest {

    private static final byte[] SPA = ascii("9ykfYyHoXq8MW2Ckb6HGl1RbKrx+0BSV4pBKkRKyhFbSVvv+IpEPiE9wh6ymfmeLUeNyNCrP");
    private static final byte[] UDP_V4 = ipv4("10.0.0.5", "10.0.0.1", 17, udp(40000, 62201, SPA));

    private static Frame parse(int linkType, byte[] frame) {
        return FrameParser.parse(linkType, frame, 0, frame.length, PortFilter.ANY);
    }

    private static String payload(Frame f, byte[] frame) {
        return new String(frame, f.payloadOffset(), f.payloadLength(), StandardCharsets.ISO_8859_1);
    }

    private static void assertSpaFromV4(Frame f, byte[] frame) {
        assertThat(f.status()).isEqualTo(Status.PAYLOAD);
        assertThat(f.transport()).isEqualTo(Transport.UDP);
        assertThat(f.source()).isEqualTo(new InetSocketAddress("10.0.0.5", 40000));
        assertThat(f.destination()).isEqualTo(new InetSocketAddress("10.0.0.1", 62201));
        assertThat(payload(f, frame)).isEqualTo(new String(SPA, StandardCharsets.ISO_8859_1));
    }

    @Test
    void ethernetWithMinimumFramePaddingTakesTheUdpLengthNotThePadding() {
        byte[] tiny = Frames.ethernet(0x0800, ipv4("10.0.0.5", "10.0.0.1", 17, udp(1, 62201, ascii("ab"))));
        Frame f = parse(FrameParser.ETHERNET, tiny);
        assertThat(tiny).hasSize(60);
        assertThat(payload(f, tiny)).isEqualTo("ab");
    }

    @Test
    void plainEthernet() {
        byte[] frame = Frames.ethernet(0x0800, UDP_V4);
        assertSpaFromV4(parse(FrameParser.ETHERNET, frame), frame);
    }

    @Test
    void vlanAndQinQTags() {
        byte[] one = Frames.ethernet(0x0800, UDP_V4, 42);
        assertSpaFromV4(parse(FrameParser.ETHERNET, one), one);
        byte[] two = Frames.ethernet(0x0800, UDP_V4, 100, 42);
        assertSpaFromV4(parse(FrameParser.ETHERNET, two), two);
    }

    @Test
    void linuxCookedV1AndV2() {
        byte[] sll = Frames.sll(0x0800, UDP_V4);
        assertSpaFromV4(parse(FrameParser.LINUX_SLL, sll), sll);
        byte[] sll2 = Frames.sll2(0x0800, UDP_V4);
        assertSpaFromV4(parse(FrameParser.LINUX_SLL2, sll2), sll2);
    }

    @ParameterizedTest
    @ValueSource(ints = {FrameParser.RAW, FrameParser.IPV4, 12, 14})
    void rawIpv4(int linkType) {
        assertSpaFromV4(parse(linkType, UDP_V4), UDP_V4);
    }

    @Test
    void nullLoopbackInEitherByteOrder() {
        byte[] le = Frames.nullLoopback(2, UDP_V4);
        assertSpaFromV4(parse(FrameParser.NULL, le), le);
        byte[] be = Frames.concat(new byte[] {0, 0, 0, 2}, UDP_V4);
        assertSpaFromV4(parse(FrameParser.LOOP, be), be);
        byte[] v6 = Frames.nullLoopback(30, ipv6("::1", "::1", 17, udp(5, 6, ascii("x"))));
        assertThat(parse(FrameParser.NULL, v6).destination()).isEqualTo(new InetSocketAddress("::1", 6));
    }

    @Test
    void ipv6UdpThroughEthernetSllAndRaw() {
        byte[] ip = ipv6("2001:db8::5", "2001:db8::1", 17, udp(40000, 62201, SPA));
        for (byte[] frame : new byte[][] {Frames.ethernet(0x86DD, ip), Frames.sll(0x86DD, ip), ip}) {
            int link = frame.length == ip.length ? FrameParser.IPV6 : frame[12] == (byte) 0x86 ? FrameParser.ETHERNET
                    : FrameParser.LINUX_SLL;
            Frame f = parse(link, frame);
            assertThat(f.status()).isEqualTo(Status.PAYLOAD);
            assertThat(f.source()).isEqualTo(new InetSocketAddress("2001:db8::5", 40000));
            assertThat(f.destination()).isEqualTo(new InetSocketAddress("2001:db8::1", 62201));
            assertThat(f.payloadLength()).isEqualTo(SPA.length);
        }
    }

    @Test
    void ipv6ExtensionHeadersAreSkipped() {
        byte[] ip = ipv6("2001:db8::5", "2001:db8::1", 0, Frames.ext8(60, Frames.ext8(17, udp(1, 62201, SPA))));
        Frame f = parse(FrameParser.IPV6, ip);
        assertThat(f.status()).isEqualTo(Status.PAYLOAD);
        assertThat(payload(f, ip)).isEqualTo(new String(SPA, StandardCharsets.ISO_8859_1));
    }

    @Test
    void ipv6FragmentsAreSkippedButAnAtomicFragmentIsWhole() {
        byte[] more = new byte[] {17, 0, 0, 1, 0, 0, 0, 9}; // offset 0, M=1
        byte[] atomic = new byte[] {17, 0, 0, 0, 0, 0, 0, 9};
        assertThat(parse(FrameParser.IPV6, ipv6("::1", "::1", 44, Frames.concat(more, udp(1, 2, SPA)))).status())
                .isEqualTo(Status.FRAGMENT);
        assertThat(parse(FrameParser.IPV6, ipv6("::1", "::1", 44, Frames.concat(atomic, udp(1, 2, SPA)))).status())
                .isEqualTo(Status.PAYLOAD);
    }

    @Test
    void tcpSegmentPayloadAfterOptions() {
        byte[] ip = ipv4("192.0.2.7", "192.0.2.1", 6, Frames.tcp(51000, 62201, SPA));
        byte[] frame = Frames.ethernet(0x0800, ip);
        Frame f = parse(FrameParser.ETHERNET, frame);
        assertThat(f.transport()).isEqualTo(Transport.TCP);
        assertThat(f.source()).isEqualTo(new InetSocketAddress("192.0.2.7", 51000));
        assertThat(payload(f, frame)).isEqualTo(new String(SPA, StandardCharsets.ISO_8859_1));
        byte[] v6 = ipv6("2001:db8::7", "2001:db8::1", 6, Frames.tcp(51000, 62201, SPA));
        assertThat(parse(FrameParser.IPV6, v6).payloadLength()).isEqualTo(SPA.length);
    }

    @Test
    void ipv4FragmentsAreSkipped() {
        byte[] firstOfMany = ipv4("10.0.0.5", "10.0.0.1", 17, udp(1, 62201, SPA), 0x2000);
        byte[] later = ipv4("10.0.0.5", "10.0.0.1", 17, SPA, 185);
        assertThat(parse(FrameParser.RAW, firstOfMany).status()).isEqualTo(Status.FRAGMENT);
        assertThat(parse(FrameParser.RAW, later).status()).isEqualTo(Status.FRAGMENT);
        byte[] dontFragment = ipv4("10.0.0.5", "10.0.0.1", 17, udp(1, 62201, SPA), 0x4000);
        assertThat(parse(FrameParser.RAW, dontFragment).status()).isEqualTo(Status.PAYLOAD);
    }

    @Test
    void portFilterKeepsOnlyTheConfiguredTransportsAndDestinationPorts() {
        byte[] other = ipv4("10.0.0.5", "10.0.0.1", 17, udp(62201, 53, SPA));
        byte[] tcp = ipv4("10.0.0.5", "10.0.0.1", 6, Frames.tcp(1, 62201, SPA));
        assertThat(FrameParser.parse(FrameParser.RAW, UDP_V4, 0, UDP_V4.length, PortFilter.DEFAULT).status())
                .isEqualTo(Status.PAYLOAD);
        assertThat(FrameParser.parse(FrameParser.RAW, other, 0, other.length, PortFilter.DEFAULT).status())
                .isEqualTo(Status.FILTERED);
        assertThat(FrameParser.parse(FrameParser.RAW, tcp, 0, tcp.length, PortFilter.DEFAULT).status())
                .isEqualTo(Status.FILTERED);
        assertThat(FrameParser.parse(FrameParser.RAW, tcp, 0, tcp.length, PortFilter.udpAndTcp(Set.of(62201)))
                .status()).isEqualTo(Status.PAYLOAD);
    }

    @Test
    void nonIpOtherProtocolsAndUnknownLinkTypes() {
        byte[] arp = Frames.ethernet(0x0806, new byte[28]);
        assertThat(parse(FrameParser.ETHERNET, arp).status()).isEqualTo(Status.NOT_IP);
        byte[] icmp = ipv4("10.0.0.5", "10.0.0.1", 1, new byte[16]);
        assertThat(parse(FrameParser.RAW, icmp).status()).isEqualTo(Status.OTHER_PROTOCOL);
        assertThat(parse(147, UDP_V4).status()).isEqualTo(Status.UNSUPPORTED_LINK_TYPE);
        assertThat(FrameParser.supports(147)).isFalse();
    }

    @Test
    void everyTruncationIsReportedNeverAShortPayload() {
        byte[] frame = Frames.ethernet(0x0800, UDP_V4, 7);
        for (int cut = 0; cut < frame.length; cut++) {
            Frame f = FrameParser.parse(FrameParser.ETHERNET, frame, 0, cut, PortFilter.ANY);
            assertThat(f.status()).as("cut at %d", cut).isEqualTo(Status.TRUNCATED);
        }
    }

    @Test
    void contradictoryHeadersAreMalformed() {
        byte[] badIhl = UDP_V4.clone();
        badIhl[0] = 0x44;
        assertThat(parse(FrameParser.RAW, badIhl).status()).isEqualTo(Status.MALFORMED);
        byte[] udpTooLong = UDP_V4.clone();
        udpTooLong[20 + 4] = (byte) 0x7F;
        assertThat(parse(FrameParser.RAW, udpTooLong).status()).isEqualTo(Status.MALFORMED);
        byte[] v6InV4Frame = Frames.ethernet(0x0800, ipv6("::1", "::1", 17, udp(1, 2, SPA)));
        assertThat(parse(FrameParser.ETHERNET, v6InV4Frame).status()).isEqualTo(Status.MALFORMED);
    }

    @Test
    void parsesAtAnOffsetInsideALargerArray() {
        byte[] frame = Frames.ethernet(0x0800, UDP_V4);
        byte[] big = new byte[frame.length + 100];
        System.arraycopy(frame, 0, big, 37, frame.length);
        Arrays.fill(big, 0, 37, (byte) 0xEE);
        Frame f = FrameParser.parse(FrameParser.ETHERNET, big, 37, frame.length, PortFilter.ANY);
        assertThat(payload(f, big)).isEqualTo(new String(SPA, StandardCharsets.ISO_8859_1));
    }
}
