package io.postern.spa.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The encoder against the deterministic vector of fwknop-protocol.md §10.2, and its refusals. */
class SpaEncoderTest {

    static final SpaKeys KEYS = SpaKeys.of(KeyMaterial.ofBase64("WoWSaFKLznmZhgcJF0BGZcnAO1A1wKNecn1d9PGDai8="),
            KeyMaterial.ofBase64("rcvKCZOzxqujDj0UCZz1Spz2qsY/ks4sgmz59VzYeKri12BrTWIzIPqOhmSke3WTeVF3vzdPq8wKRlcTt8niWA=="));

    static SpaMessage access(String msg) {
        return new SpaMessage("1234567890123456", "alice", 1700000000L, "3.0.0", MessageType.ACCESS, msg, null, null, 0);
    }

    @Test
    void reproducesTheDeterministicVectorThatFwknopdAccepted() throws Exception {
        String wire = SpaEncoder.encode(access("1.1.1.1,tcp/22"), KEYS, DigestType.SHA256,
                HexFormat.of().parseHex("0102030405060708"));
        assertThat(wire).isEqualTo("8BAgMEBQYHCItD+ckzA1SWSOHf5riiTyh9k422Zbmhi5qrOScAO5pDdslTK2OAFtmtTZOehccpfMqAQqahcwLn"
                + "SsQQn9GYlfSXrVKSs3i+EmPhqbZThW25Na3/Q1BlXVKc6TjPzCCsfx3MOz9TrLE0mIRqpTldpCoozZzIV5osHtooBeC8BB/TFpDrngdBKEgGXEvS9LWmRA");
    }

    @Test
    void setsTheTimeoutTypeAutomatically() throws Exception {
        SpaMessage m = new SpaMessage("1234567890123456", "alice", 1700000000L, "3.0.0", MessageType.ACCESS,
                "1.1.1.1,tcp/22", null, null, 45);
        String wire = new SpaEncoder().encode(m, KEYS, DigestType.SHA256);
        SpaMessage back = SpaDecoder.decode(wire, KEYS).message();
        assertThat(back.type()).isEqualTo(MessageType.CLIENT_TIMEOUT_ACCESS);
        assertThat(back.clientTimeout()).isEqualTo(45);
    }

    @Test
    void refusesPacketsFwknopdWouldTakeForGpg() {
        StringBuilder ports = new StringBuilder("1.1.1.1");
        for (int i = 0; i < 12; i++) {
            ports.append(",tcp/").append(10000 + i);
        }
        SpaKeys big = KEYS.withHmacType(HmacType.SHA512);
        assertThatThrownBy(() -> new SpaEncoder().encode(access(ports.toString()), big, DigestType.SHA512))
                .isInstanceOf(SpaEncodeException.class).hasMessageContaining("400");
    }

    @Test
    void refusesIdenticalKeysLegacyWithHmacAndLongKeys() {
        KeyMaterial k = KeyMaterial.ofPassphrase("samesame");
        assertThatThrownBy(() -> new SpaEncoder().encode(access("1.1.1.1,tcp/22"), SpaKeys.of(k, k), DigestType.SHA256))
                .hasMessageContaining("identical");
        assertThatThrownBy(() -> new SpaEncoder().encode(access("1.1.1.1,tcp/22"),
                KEYS.withMode(EncryptionMode.LEGACY), DigestType.SHA256)).hasMessageContaining("legacy");
        assertThatThrownBy(() -> new SpaEncoder().encode(access("1.1.1.1,tcp/22"),
                SpaKeys.of(KeyMaterial.ofPassphrase("x".repeat(33)), null), DigestType.SHA256))
                .hasMessageContaining("key length");
    }

    @Test
    void refusesInvalidFields() {
        for (String bad : new String[] {"1.1.1,tcp/22", "1.1.1.1,icmp/1", "1.1.1.1,tcp/0", "1.1.1.1,tcp/65536",
                "1.1.1.1,TCP/22", "1.1.1.1", "1.1.1.1,"}) {
            assertThatThrownBy(() -> new SpaEncoder().encode(access(bad), KEYS, DigestType.SHA256))
                    .as(bad).isInstanceOf(SpaEncodeException.class);
        }
        SpaMessage badUser = new SpaMessage("1234567890123456", "a:b", 1L, "3.0.0", MessageType.ACCESS,
                "1.1.1.1,tcp/22", null, null, 0);
        assertThatThrownBy(() -> new SpaEncoder().encode(badUser, KEYS, DigestType.SHA256)).hasMessageContaining("username");
    }

    @Test
    void acceptsIpv6AllowAddressesForPosternsOwnReceiver() throws Exception {
        String wire = new SpaEncoder().encode(access("2001:db8::1,tcp/22"), KEYS, DigestType.SHA256);
        SpaMessage m = SpaDecoder.decode(wire, KEYS).message();
        assertThat(m.accessRequest().allowIp().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
    }
}
