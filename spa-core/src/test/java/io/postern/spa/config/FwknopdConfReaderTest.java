package io.postern.spa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** fwknopd.conf as fwknopd 2.6.10 reads it; compared with {@code fwknopd --exit-parse-config -D}. */
class FwknopdConfReaderTest {

    static Path fixture(String name) {
        try {
            return Path.of(FwknopdConfReaderTest.class.getResource("/config/fwknopd/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void emptyFileGivesFwknopdDefaults() throws Exception {
        FwknopdConf c = FwknopdConfReader.read(fixture("empty-gives-defaults.conf"));
        assertThat(c).usingRecursiveComparison().ignoringFields("file").isEqualTo(FwknopdConf.defaults());
        assertThat(c.pcapInterface()).isEqualTo("eth0");
        assertThat(c.pcapFilter()).isEqualTo("udp port 62201");
        assertThat(c.packetAging()).isTrue();
        assertThat(c.maxPacketAge()).isEqualTo(120);
        assertThat(c.digestPersistence()).isTrue();
        assertThat(c.udpServerPort()).isEqualTo(62201);
        assertThat(c.tcpServerPort()).isEqualTo(62201);
        assertThat(c.natDns()).isTrue();
        assertThat(c.iptForwarding()).isFalse();
        assertThat(c.digestFile()).isEqualTo("/run/fwknop/digest.cache");
        assertThat(c.gpgHomeDir()).isEqualTo("/root/.gnupg");
    }

    @Test
    void substitutionUnknownKeysAndTrailingWhitespaceAsFwknopdDump() throws Exception {
        // fwknopd -D printed: PCAP_FILTER 'udp port 1234 ', DIGEST_FILE '/tmp/fk/x/$PCAP_INTF.cache' (one $ only),
        // MAX_SPA_PACKET_AGE '30x' (used as 30), ENABLE_IPT_FORWARDING 'yes', GPG_HOME_DIR default after
        // "Invalid embedded variable in: '$NOPE/abc'", and "Ignoring unknown configuration parameter" for
        // FOO and ACCESS_FOLDER: (no colon stripping in fwknopd.conf)
        FwknopdConf c = FwknopdConfReader.read(fixture("substitution-and-unknown-keys.conf"));
        assertThat(c.pcapInterface()).isEqualTo("lo");
        assertThat(c.pcapFilter()).isEqualTo("udp port 1234 ");
        assertThat(c.digestFile()).isEqualTo("/tmp/fk/x/$PCAP_INTF.cache");
        assertThat(c.packetAging()).isFalse();
        assertThat(c.maxPacketAge()).isEqualTo(30);
        assertThat(c.iptForwarding()).isTrue();
        assertThat(c.gpgHomeDir()).isEqualTo("/root/.gnupg");
        assertThat(c.accessFolder()).isNull();
        assertThat(c.unknown()).containsOnlyKeys("FOO", "ACCESS_FOLDER:");
        assertThat(c.warnings()).extracting(ConfigWarning::line).contains(5, 9, 10);
    }

    @Test
    void receiverSettings() throws Exception {
        FwknopdConf c = FwknopdConfReader.read(fixture("udp-server-no-persistence.conf"));
        assertThat(c.udpServer()).isTrue();
        assertThat(c.udpServerPort()).isEqualTo(62202);
        assertThat(c.digestPersistence()).isFalse();
        assertThat(c.iptLocalNat()).isTrue();
        assertThat(c.maxPacketAge()).isEqualTo(300);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "error-udp-port-out-of-range.conf | 1 | UDPSERV_PORT       | 1..65535",
        "error-packet-age-zero.conf       | 1 | MAX_SPA_PACKET_AGE | 1..100000",
        "error-whitespace-only-line.conf  | 2 |                    | NAME value",
    })
    void errorsNameFileLineAndExpectation(String fixture, int line, String key, String fragment) {
        Path file = fixture(fixture);
        assertThatThrownBy(() -> FwknopdConfReader.read(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.getMessage()).startsWith(file + ":" + line + ": ").contains(fragment);
        });
    }
}
