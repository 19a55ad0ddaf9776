package io.postern.orchestrator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.receive.PcapFileSummary;
import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.KeyMaterial;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture file larger than the pipeline's queue is judged completely: the file reader waits for room
 * instead of dropping (regression: 5000 packets on one thread used to lose 903).
 */
class PcapReplayTest {

    static final String KEY = "l4+CkJAQrnfpQ9IqtwIpmmJeNdnnqy+sQgOdhuj68eA=";
    static final String HMAC = "ssHH57et35IjvOMcouvFRPENGfD7E+6FGP9GumaIu1CIOz8ZOTglX3QE1Iz8LsuQCYbdHUYYRkHluyEDzMQMVw==";

    @TempDir
    Path dir;

    @Test
    void everyPacketOfALargeCaptureIsJudgedOnOneThread() throws Exception {
        int n = 6000;
        writeCapture(dir.resolve("in.pcap"), n);
        Files.writeString(dir.resolve("access.conf"), "SOURCE ANY\nKEY_BASE64 " + KEY + "\nHMAC_KEY_BASE64 " + HMAC + "\n");
        ServerOptions o = new ServerOptions(dir.resolve("access.conf"), null, null, List.of(), 0, null, true,
                dir.resolve("state"), "nftables", null, 1, Duration.ofSeconds(5), Clock.systemUTC());
        try (PosternServer server = PosternServer.create(o, PosternEventListener.NONE)) {
            PcapFileSummary s = server.replay(dir.resolve("in.pcap"));
            assertThat(s.records()).isEqualTo(n);
            assertThat(server.pipeline().dropped()).isZero();
            assertThat(server.counters().received()).isEqualTo(n);
            assertThat(server.counters().accepted()).isEqualTo(n);
        }
    }

    @Test
    void copiesOfAReplayedPacketAreRefusedBeforeTheQueueOnceTheLedgerHasSaidReplay() throws Exception {
        byte[] once = validPacket();
        writeCapture(dir.resolve("in.pcap"), List.of(once, once, once, once, once));
        Files.writeString(dir.resolve("access.conf"), "SOURCE ANY\nKEY_BASE64 " + KEY + "\nHMAC_KEY_BASE64 " + HMAC
                + "\nCMD_CYCLE_OPEN /bin/true $SRC\nCMD_CYCLE_CLOSE /bin/true $SRC\nCMD_CYCLE_TIMER 3600\n");
        ServerOptions o = new ServerOptions(dir.resolve("access.conf"), null, null, List.of(), 0, null, false,
                dir.resolve("state"), "nftables", null, 1, Duration.ofSeconds(5), Clock.systemUTC());
        try (PosternServer server = PosternServer.create(o, PosternEventListener.NONE)) {
            server.replay(dir.resolve("in.pcap"));
            assertThat(server.counters().accepted()).isEqualTo(1);
            assertThat(server.counters().rejectedByReason()).containsEntry(io.postern.spa.Rejection.REPLAY, 4L);
            // the first copy and the first replay went through the validator (and the ledger); the other three
            // were refused on the reading thread
            assertThat(server.pipeline().processed()).isEqualTo(2);
        }
    }

    private static byte[] validPacket() throws Exception {
        SpaKeys keys = SpaKeys.of(KeyMaterial.ofBase64(KEY), KeyMaterial.ofBase64(HMAC));
        SpaEncoder enc = new SpaEncoder();
        long now = Clock.systemUTC().instant().getEpochSecond();
        return enc.encode(new SpaMessage(enc.newRandomValue(), "root", now, "3.0.0", MessageType.ACCESS,
                "198.18.0.2,tcp/22", null, null, 0), keys, DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
    }

    /** Classic pcap, raw IPv4 link type, UDP to 62201, distinct valid packets. */
    static void writeCapture(Path file, int n) throws Exception {
        List<byte[]> packets = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            packets.add(validPacket());
        }
        writeCapture(file, packets);
    }

    /** Classic pcap, raw IPv4 link type, UDP to 62201, the given payloads. */
    static void writeCapture(Path file, List<byte[]> packets) throws Exception {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
            out.write(h.array());
            for (byte[] p : packets) {
                int len = 28 + p.length;
                ByteBuffer ip = ByteBuffer.allocate(len).order(ByteOrder.BIG_ENDIAN);
                ip.put((byte) 0x45).put((byte) 0).putShort((short) len).putInt(0).put((byte) 64).put((byte) 17)
                        .putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
                ip.putShort((short) 40000).putShort((short) 62201).putShort((short) (8 + p.length)).putShort((short) 0).put(p);
                ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                rec.putInt(0).putInt(0).putInt(len).putInt(len);
                out.write(rec.array());
                out.write(ip.array());
            }
        }
    }
}
