package io.postern.spa.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.SpaMessage;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.KeyMaterial;
import org.junit.jupiter.api.Test;

/**
 * Packets from fwknop's own test suite (os_compatibility.pl, rijndael_backwards_compatibility.pl),
 * made by older clients (2.0 to 2.5), quoted in fwknop-protocol.md §10.1. Old clients must keep working.
 */
class UpstreamPacketTest {

    @Test
    void ubuntu1204ClientWithoutHmac() {
        SpaKeys keys = SpaKeys.of(KeyMaterial.ofPassphrase("fwknoptest"), null);
        DecodeResult r = SpaDecoder.decode("97qvmEEOJyCJk6eLpTpqG+7nx4Is+Ruh2ppeaVMkWB/hLpUEE/Znah9RF5JCbBlAZNE2O1w83mout"
                + "+oyWSj4payd0yuWckikoZYjc7tSSgHIFikOhTm9CHi8ERe9jLEYw1wvqE2B7Vvz7XyefNILZdHa+Vx5zYM0o", keys);
        SpaMessage m = r.message();
        assertThat(m.randomValue()).isEqualTo("9272464451307956");
        assertThat(m.username()).isEqualTo("root");
        assertThat(m.timestamp()).isEqualTo(1371001615L);
        assertThat(m.version()).isEqualTo("2.5.0");
        assertThat(m.message()).isEqualTo("127.0.0.2,tcp/22");
    }

    @Test
    void ubuntu1204ClientWithHmacSha256() {
        SpaKeys keys = SpaKeys.of(KeyMaterial.ofBase64("wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg="),
                KeyMaterial.ofBase64("Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg=="));
        DecodeResult r = SpaDecoder.decode("97UwsN9v6iQxs9/hrSnbRKDF8byw+niI0PDx0AvuhLP2NmAaz4qktRjl1p7lUAGBzLi+4o58wJCkHs3Q"
                + "UluHBcMAS6hqIT7qMc/aQlcJzNsQWEfPCkAE0m1zLnjGGE3C9u943F+0csrZs+ysKKca+sVBcAKhsTNsMjT9HojVMdk+r9RhJqUa2JJz7fZIZ"
                + "auvBrygBVg0yh6o", keys);
        assertThat(r.message().randomValue()).isEqualTo("6216550337595696");
        assertThat(r.message().timestamp()).isEqualTo(1371001727L);
        assertThat(r.hmacType()).isNotNull();
    }

    @Test
    void legacyIvModePacketFromFwknop20() {
        String wire = "9ptGrLs8kVGVludcXFy17opvThEYzTeaT7RVlCN66W/G9QZs9BBevEQ0xxI8eCnKPDM+Bu9g0XwmCEVxxg+4jwBwtbCxVt9t5a"
                + "SR29EVWZ6UAOwLkunK3t4FYBy1tL55krFt+1B2TtNSAH005kyDEZEOIGoY9Q/iU";
        SpaKeys legacy = SpaKeys.of(KeyMaterial.ofPassphrase("fwknoptest"), null).withMode(EncryptionMode.LEGACY);
        SpaMessage m = SpaDecoder.decode(wire, legacy).message();
        assertThat(m.username()).isEqualTo("mbr");
        assertThat(m.version()).isEqualTo("1.9.12");
        assertThat(m.message()).isEqualTo("0.0.0.0,tcp/22");
        assertThat(m.accessRequest().allowIpIsWildcard()).isTrue();
        // the same packet under CBC key handling does not decrypt
        assertThat(SpaDecoder.decode(wire, SpaKeys.of(KeyMaterial.ofPassphrase("fwknoptest"), null)).isAccepted()).isFalse();
    }
}
