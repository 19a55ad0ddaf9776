package io.postern.orchestrator.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.orchestrator.receive.HttpSpaUnwrapper.HttpSpa;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpSpaUnwrapperTest {

    /** What fwknop 2.6.10's send_spa_packet_http writes, with {@code +}→{@code -} and {@code /}→{@code _}. */
    private static String request(String path, String agent, String extraHeaders) {
        return "GET /" + path + " HTTP/1.0\r\nUser-Agent: " + agent + "\r\nAccept: */*\r\nHost: 192.0.2.1\r\n"
                + extraHeaders + "Connection: close\r\n\r\n";
    }

    @Test
    void fwknopClientRequestIsUnwrappedAndMapped() {
        Optional<HttpSpa> spa = HttpSpaUnwrapper.unwrap(request("9ykf-YyHo_Xq8-MW2_", "Fwknop/2.6.10", ""));
        assertThat(spa).isPresent();
        assertThat(spa.get().spa()).isEqualTo("9ykf+YyHo/Xq8+MW2/");
        assertThat(spa.get().forwardedFor()).isNull();
    }

    @Test
    void getIsCaseInsensitiveAndThePathEndsAtAnyWhitespace() {
        assertThat(HttpSpaUnwrapper.unwrap("get /abc\tHTTP/1.0\r\nUser-Agent: Fwknop/2.6.10\r\n"))
                .map(HttpSpa::spa).contains("abc");
        assertThat(HttpSpaUnwrapper.unwrap("GeT /abc\r\nUser-Agent: Fwknop\r\n")).map(HttpSpa::spa).contains("abc");
    }

    @Test
    void otherUserAgentsAreNotSpa() {
        assertThat(HttpSpaUnwrapper.unwrap(request("abc", "curl/8.5.0", ""))).isEmpty();
        assertThat(HttpSpaUnwrapper.unwrap(request("abc", "fwknop/2.6.10", ""))).as("agent is case-sensitive")
                .isEmpty();
    }

    @Test
    void nonGetOrNonHttpPayloadsAreNotSpa() {
        assertThat(HttpSpaUnwrapper.unwrap("POST /abc HTTP/1.0\r\nUser-Agent: Fwknop/2.6.10\r\n")).isEmpty();
        assertThat(HttpSpaUnwrapper.unwrap("GET abc HTTP/1.0\r\nUser-Agent: Fwknop/2.6.10\r\n")).isEmpty();
        assertThat(HttpSpaUnwrapper.unwrap("9ykfYyHoXq8MW2Ckb6HGl1RbKrx+0BSV")).isEmpty();
        assertThat(HttpSpaUnwrapper.unwrap("")).isEmpty();
    }

    @Test
    void xForwardedForTakesTheFirstIpv4Address() throws Exception {
        HttpSpa spa = HttpSpaUnwrapper.unwrap(request("abc", "Fwknop/2.6.10",
                "X-Forwarded-For: 198.51.100.9, 10.0.0.1\r\n")).orElseThrow();
        assertThat(spa.forwardedFor()).isEqualTo(InetAddress.getByName("198.51.100.9"));
        HttpSpa lower = HttpSpaUnwrapper.unwrap(request("abc", "Fwknop/2.6.10", "x-forwarded-for:203.0.113.4\r\n"))
                .orElseThrow();
        assertThat(lower.forwardedFor()).isEqualTo(InetAddress.getByName("203.0.113.4"));
    }

    @Test
    void xForwardedForThatIsNotPlainIpv4IsIgnored() {
        for (String bad : new String[] {"2001:db8::1", "example.com", "1.2.3", "1.2.3.256", "1.2.3.4.5", "01234.1.1.1",
                "", "1.2.3.-4"}) {
            HttpSpa spa = HttpSpaUnwrapper.unwrap(request("abc", "Fwknop/2.6.10", "X-Forwarded-For: " + bad + "\r\n"))
                    .orElseThrow();
            assertThat(spa.forwardedFor()).as(bad).isNull();
        }
    }

    @Test
    void capturePathAppliesTheModeAndMarksTheTransport() throws Exception {
        String http = request("ab-c_d", "Fwknop/2.6.10", "X-Forwarded-For: 198.51.100.9\r\n");
        byte[] ip = Frames.ipv4("10.0.0.5", "10.0.0.1", 6, Frames.tcp(40000, 80, Frames.ascii(http)));
        Frame f = FrameParser.parse(FrameParser.RAW, ip, 0, ip.length, PortFilter.ANY);
        java.time.Instant now = java.time.Instant.EPOCH;

        ReceivedPacket off = CapturedPackets.toPacket(f, ip, now, HttpSpaMode.OFF);
        assertThat(off.transport()).isEqualTo(Transport.TCP);
        assertThat(off.payload()).isEqualTo(http);

        ReceivedPacket unwrapped = CapturedPackets.toPacket(f, ip, now, HttpSpaMode.UNWRAP);
        assertThat(unwrapped.transport()).isEqualTo(Transport.HTTP);
        assertThat(unwrapped.payload()).isEqualTo("ab+c/d");
        assertThat(unwrapped.forwardedFor()).isNull();

        ReceivedPacket xff = CapturedPackets.toPacket(f, ip, now, HttpSpaMode.UNWRAP_WITH_FORWARDED_FOR);
        assertThat(xff.forwardedForAddress()).contains(
                (java.net.Inet4Address) InetAddress.getByName("198.51.100.9"));
        assertThat(xff.source().getAddress().getHostAddress()).isEqualTo("10.0.0.5");
    }
}
