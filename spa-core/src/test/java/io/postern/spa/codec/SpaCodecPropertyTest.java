package io.postern.spa.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over seeded random inputs (the seed is in the test name, so a failure replays):
 * encode-then-decode returns the same message for every type, digest, HMAC and mode; every
 * single-character change of a valid packet is rejected.
 */
class SpaCodecPropertyTest {

    private static final char[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 0x5eed0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void encodeThenDecodeRoundTrips(long seed) throws Exception {
        Random r = new Random(seed);
        SpaKeys keys = randomKeys(r);
        DigestType digest = DigestType.values()[r.nextInt(DigestType.values().length)];
        SpaMessage m = randomMessage(r);
        String wire;
        try {
            wire = SpaEncoder.encode(m, keys, digest, bytes(r, 8));
        } catch (SpaEncodeException tooBig) {
            assertThat(tooBig.getMessage()).contains("400");
            return;
        }
        assertThat(wire.length()).isBetween(SpaPrecheck.MIN_PACKET, SpaPrecheck.MIN_GPG_PACKET - 1);
        DecodeResult d = SpaDecoder.decode(wire, keys);
        assertThat(d.isAccepted()).as("%s", d).isTrue();
        assertThat(d.message()).isEqualTo(m);
        assertThat(d.digestType()).isEqualTo(digest);
        assertThat(d.mode()).isEqualTo(keys.mode());
    }

    @Test
    void everySingleCharacterMutationIsRejected() throws Exception {
        Random r = new Random(42);
        int mutations = 0;
        for (int n = 0; n < 6; n++) {
            SpaKeys keys = n % 2 == 0 ? randomKeysWithoutHmac(r) : randomKeysWithHmac(r);
            String wire = SpaEncoder.encode(access(r), keys, DigestType.SHA256, bytes(r, 8));
            for (int i = 0; i < wire.length(); i++) {
                for (char c : B64) {
                    if (c == wire.charAt(i)) {
                        continue;
                    }
                    String mutated = wire.substring(0, i) + c + wire.substring(i + 1);
                    DecodeResult d = SpaDecoder.decode(mutated, keys);
                    mutations++;
                    assertThat(d.isAccepted()).as("change at %d to '%c' (hmac=%s)", i, c, keys.hasHmac()).isFalse();
                }
            }
        }
        assertThat(mutations).isGreaterThan(50_000);
    }

    @Test
    void truncationsAndExtensionsAreRejected() throws Exception {
        Random r = new Random(7);
        SpaKeys keys = randomKeysWithHmac(r);
        String wire = SpaEncoder.encode(access(r), keys, DigestType.SHA256, bytes(r, 8));
        for (int len = 0; len < wire.length(); len++) {
            assertThat(SpaDecoder.decode(wire.substring(0, len), keys).isAccepted()).isFalse();
        }
        for (char c : B64) {
            assertThat(SpaDecoder.decode(wire + c, keys).isAccepted()).isFalse();
            assertThat(SpaDecoder.decode(c + wire, keys).isAccepted()).isFalse();
        }
    }

    private static SpaKeys randomKeys(Random r) {
        return r.nextInt(4) == 0 ? randomKeysWithoutHmac(r) : randomKeysWithHmac(r);
    }

    private static SpaKeys randomKeysWithHmac(Random r) {
        EncryptionMode[] modes = {EncryptionMode.CBC, EncryptionMode.ECB, EncryptionMode.CFB, EncryptionMode.OFB,
            EncryptionMode.CTR};
        KeyMaterial key = r.nextBoolean() ? KeyMaterial.ofBytes(bytes(r, 32)) : KeyMaterial.ofPassphrase(word(r, 1 + r.nextInt(32)));
        KeyMaterial hmac = r.nextBoolean() ? KeyMaterial.ofBytes(bytes(r, 1 + r.nextInt(128)))
                : KeyMaterial.ofPassphrase(word(r, 1 + r.nextInt(60)));
        return new SpaKeys(key, hmac, HmacType.values()[r.nextInt(HmacType.values().length)],
                modes[r.nextInt(modes.length)], false);
    }

    private static SpaKeys randomKeysWithoutHmac(Random r) {
        EncryptionMode mode = r.nextBoolean() ? EncryptionMode.LEGACY : EncryptionMode.CBC;
        return new SpaKeys(KeyMaterial.ofPassphrase(word(r, 1 + r.nextInt(32))), null, HmacType.SHA256, mode, false);
    }

    private static SpaMessage access(Random r) {
        return new SpaMessage(digits(r), word(r, 8), 1_700_000_000L + r.nextInt(100_000_000), "3.0.0",
                MessageType.ACCESS, ip(r) + ",tcp/" + (1 + r.nextInt(65535)), null, null, 0);
    }

    private static SpaMessage randomMessage(Random r) {
        MessageType type = MessageType.values()[r.nextInt(MessageType.values().length)];
        String msg;
        if (type == MessageType.COMMAND) {
            msg = ip(r) + "," + "echo " + word(r, 1 + r.nextInt(30));
        } else {
            List<String> pp = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                pp.add((r.nextBoolean() ? "tcp/" : "udp/") + (1 + r.nextInt(65535)));
            }
            msg = (r.nextInt(5) == 0 ? "0.0.0.0" : ip(r)) + "," + String.join(",", pp);
        }
        String nat = type.hasNat() ? ip(r) + "," + (1 + r.nextInt(65535)) : null;
        int timeout = type.hasClientTimeout() ? 1 + r.nextInt(65536) : 0;
        String serverAuth = r.nextInt(6) == 0 ? word(r, 1 + r.nextInt(20)) : null;
        String version = r.nextInt(8) == 0 ? "2.0.1" : "3.0.0";
        return new SpaMessage(digits(r), word(r, 1 + r.nextInt(29)), r.nextInt(Integer.MAX_VALUE), version, type,
                msg, nat, serverAuth, timeout);
    }

    private static String ip(Random r) {
        return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    private static String digits(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    private static String word(Random r, int len) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@ ";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length() - (i == 0 || i == len - 1 ? 1 : 0))));
        }
        return b.toString();
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

}
