package io.postern.bench;

import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaEncodeException;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Distinct SPA packets for the benchmarks. Every valid packet asks for a different allow address in
 * 198.18.0.0/15 (RFC 2544 benchmarking space; it is only text inside the encrypted message, no traffic goes
 * there) with its own random value and salt, so no two packets share a replay digest.
 */
final class Packets {

    /** What a packet is made to exercise. */
    enum Kind {
        /** decrypts and is accepted. */
        VALID,
        /** well-formed, but signed with another HMAC key: rejected at the HMAC check, before decryption. */
        BAD_HMAC,
        /** random bytes of SPA length, not base64: rejected by the cheap precheck. */
        GARBAGE
    }

    private static final int ALLOW_SPACE = 1 << 17; // 198.18.0.0/15

    private final SpaEncoder encoder = new SpaEncoder(new SecureRandom());
    private final BenchKeys keys;

    Packets(BenchKeys keys) {
        this.keys = keys;
    }

    /** The allow address of packet number {@code index} (198.18.0.1, 198.18.0.2, ...). */
    static String allowIp(long index) {
        int i = (int) ((index % (ALLOW_SPACE - 2)) + 1);
        int base = (198 << 24) | (18 << 16);
        int a = base + i;
        return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    /** {@code count} packets of {@code kind}, the allow addresses starting at index {@code first}. */
    List<byte[]> make(Kind kind, int count, long first) {
        List<byte[]> out = new ArrayList<>(count);
        Random rnd = new Random(first * 31 + kind.ordinal());
        for (int i = 0; i < count; i++) {
            out.add(switch (kind) {
                case VALID -> encode(keys.spaKeys(), first + i);
                case BAD_HMAC -> encode(keys.wrongHmacKeys(), first + i);
                case GARBAGE -> garbage(rnd);
            });
        }
        return out;
    }

    byte[] valid(long index) {
        return encode(keys.spaKeys(), index);
    }

    private byte[] encode(SpaKeys k, long index) {
        SpaMessage m = new SpaMessage(encoder.newRandomValue(), "bench", System.currentTimeMillis() / 1000,
                SpaMessage.PROTOCOL_VERSION, MessageType.ACCESS, allowIp(index) + ",tcp/22", null, null, 0);
        try {
            return encoder.encode(m, k, DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
        } catch (SpaEncodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 150..250 random bytes with at least one byte outside the base64 alphabet. */
    private static byte[] garbage(Random rnd) {
        byte[] b = new byte[150 + rnd.nextInt(101)];
        rnd.nextBytes(b);
        b[rnd.nextInt(b.length)] = (byte) 0xff;
        return b;
    }
}
