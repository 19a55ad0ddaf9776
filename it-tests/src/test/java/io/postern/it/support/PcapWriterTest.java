package io.postern.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pcap writer's framing and checksums, checked by re-reading the bytes it wrote. */
class PcapWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesEthernetAndRawFramesWithValidChecksums() throws Exception {
        Inet4Address src = (Inet4Address) InetAddress.getByName("198.18.0.2");
        Inet4Address dst = (Inet4Address) InetAddress.getByName("198.18.0.1");
        byte[] payload = "odd-length payload".concat("!").getBytes(StandardCharsets.US_ASCII);
        for (PcapWriter.LinkType type : PcapWriter.LinkType.values()) {
            Path f = dir.resolve(type + ".pcap");
            try (PcapWriter w = PcapWriter.create(f, type, true)) {
                w.write(new PcapWriter.Datagram(src, 40000, dst, PcapWriter.SPA_PORT, payload));
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getInt(0)).isEqualTo(0xa1b2c3d4);
            assertThat(b.getInt(20)).isEqualTo(type.number);
            int caplen = b.getInt(24 + 8);
            int ipOff = 24 + 16 + (type == PcapWriter.LinkType.ETHERNET ? 14 : 0);
            byte[] all = b.array();
            assertThat(caplen).isEqualTo(ipOff - 40 + 20 + 8 + payload.length);
            assertThat(PcapWriter.checksum(all, ipOff, 20, 0)).as("IPv4 header checksum").isZero();
            int udpLen = 8 + payload.length;
            long pseudo = 0xc612 + 0x0002 + 0xc612 + 0x0001 + 17 + udpLen;
            assertThat(PcapWriter.checksum(all, ipOff + 20, udpLen, pseudo)).as("UDP checksum").isZero();
            assertThat(new String(all, ipOff + 28, payload.length, StandardCharsets.US_ASCII)).endsWith("payload!");
        }
    }
}
