package io.postern.spa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.spa.ProtoPort;
import io.postern.spa.Protocol;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * access.conf read as fwknopd 2.6.10 reads it. Every scenario was first run through the real
 * {@code fwknopd --exit-parse-config -D -a FILE} (2.6.10, Debian); the comments quote what it printed.
 */
class AccessConfReaderTest {

    private static final String K64 = "l4+CkJAQrnfpQ9IqtwIpmmJeNdnnqy+sQgOdhuj68eA=";

    @TempDir
    Path tmp;

    static AccessConfReader reader() {
        return new AccessConfReader(FwknopdConf.defaults(), ZoneOffset.UTC, Set.of("root", "nobody")::contains);
    }

    static Path fixture(String name) {
        try {
            return Path.of(AccessConfReaderTest.class.getResource("/config/access/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static AccessStanza only(String fixture) throws ConfigException {
        AccessConf conf = reader().read(fixture(fixture));
        assertThat(conf.stanzas()).hasSize(1);
        return conf.stanzas().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // fwknopd: "Invalid access file entry in ws.conf at line 3."
        "error-whitespace-only-line.conf            | 3 |                  | NAME value",
        "error-name-without-value.conf              | 3 |                  | NAME value",
        // 'SOURCE:ANY' is one token without a value: same fatal error
        "error-no-space-after-colon.conf            | 1 |                  | NAME value",
        // fwknopd: "Invalid IP mask str '0'." / "Fatal invalid SOURCE in access stanza"
        "error-source-slash-zero.conf               | 1 | SOURCE           | use ANY for /0",
        "error-source-mask-33.conf                  | 1 | SOURCE           | invalid mask '33'",
        // fwknopd: "Fatal error parsing IP to int for: ANY "
        "error-source-any-trailing-space.conf       | 1 | SOURCE           | 'ANY ' is not an IPv4 address",
        // fwknopd: "KEY value is not properly set in stanza source 'ANY'"
        "error-key-changeme.conf                    | 2 | KEY              | __CHANGEME__",
        "error-hmac-key-changeme.conf               | 3 | HMAC_KEY_BASE64  | __CHANGEME__",
        // fwknopd: "The encryption passphrase and HMAC key should not be identical"
        "error-same-key-and-hmac-key.conf           | 1 | HMAC_KEY         | different from the encryption key",
        // fwknopd: "No keys found for access stanza source: 'ANY'"
        "error-no-keys.conf                         | 1 | SOURCE           | a key in the stanza",
        "error-hmac-key-only.conf                   | 1 | SOURCE           | a key in the stanza",
        "error-second-stanza-no-keys.conf           | 3 | SOURCE           | a key in the stanza",
        // fwknopd: "Cannot set CMD_CYCLE_OPEN without also setting CMD_CYCLE_CLOSE"
        "error-cmd-cycle-open-without-close.conf    | 1 | CMD_CYCLE_OPEN   | CMD_CYCLE_CLOSE",
        // fwknopd: "Must set the CMD_CYCLE_TIMER for command cycle functionality"
        "error-cmd-cycle-without-timer.conf         | 1 | CMD_CYCLE_TIMER  | CMD_CYCLE_TIMER",
        // fwknopd: "CMD_CYCLE_TIMER value not in range [1,8388608]."
        "error-cmd-cycle-timer-zero.conf            | 3 | CMD_CYCLE_TIMER  | 1..8388608",
        // fwknopd: "FW_ACCESS_TIMEOUT value not in range."
        "error-fw-timeout-negative.conf             | 3 | FW_ACCESS_TIMEOUT | 0..8388608",
        "error-fw-timeout-too-big.conf              | 3 | FW_ACCESS_TIMEOUT | 0..8388608",
        // fwknopd: "HMAC_DIGEST_TYPE argument 'sha999' must be one of {md5,...}"
        "error-hmac-type-unknown.conf               | 3 | HMAC_DIGEST_TYPE | sha3_512",
        // fwknopd: "HMAC_DIGEST_TYPE argument 'SHA256 ' must be one of" (no trimming)
        "error-hmac-type-trailing-space.conf        | 3 | HMAC_DIGEST_TYPE | 'SHA256 '",
        // fwknopd: "Unrecognized ENCRYPTION_MODE 'pcbc'" and "'CTR '"
        "error-mode-pcbc.conf                       | 3 | ENCRYPTION_MODE  | legacy",
        "error-mode-trailing-space.conf             | 3 | ENCRYPTION_MODE  | 'CTR '",
        // fwknopd: "Invalid protocol in access port entry: icmp/1" / "Invalid port 'tcp/70000'"
        "error-open-ports-icmp.conf                 | 3 | OPEN_PORTS       | invalid protocol",
        "error-open-ports-port-too-big.conf         | 3 | OPEN_PORTS       | invalid port",
        // fwknopd: "KEY_BASE64 argument 'abc*def' doesn't look like base64-encoded data."
        "error-key-base64-bad-char.conf             | 2 | KEY_BASE64       | character 4",
        // fwknopd: "FORCE_NAT requires either ENABLE_IPT_FORWARDING or ENABLE_IPT_LOCAL_NAT in fwknopd.conf"
        "error-force-nat-without-nat-enabled.conf   | 3 | FORCE_NAT        | ENABLE_IPT_FORWARDING",
        // fwknopd: "Must have either sig ID's or fingerprints to check via GPG_REMOTE_ID or GPG_FINGERPRINT_ID"
        "error-gpg-without-sig-ids.conf             | 1 | GPG_REMOTE_ID    | GPG_FINGERPRINT_ID",
        // fwknopd: "Unable to determine UID for CMD_EXEC_USER: Not a user on this system."
        "error-cmd-exec-user-unknown.conf           | 3 | CMD_EXEC_USER    | exists on this system",
        // fwknopd: "Could not find valid SOURCE stanza in access file"
        "error-no-source.conf                       | 0 |                  | SOURCE",
        // fwknopd: "Fatal: invalid date value '2025-12-31' (need MM/DD/YYYY)"
        "error-access-expire-format.conf            | 3 | ACCESS_EXPIRE    | MM/DD/YYYY",
        // fwknopd: "GPG_HOME_DIR directory '/nonexistent' stat()/existence problem"
        "error-gpg-home-missing.conf                | 3 | GPG_HOME_DIR     | existing directory",
        "error-targets-empty-entry.conf             | 3 | TARGETS          | inventory group",
    })
    void fatalErrorsNameFileLineAndExpectation(String fixture, int line, String key, String fragment) {
        Path file = fixture(fixture);
        assertThatThrownBy(() -> reader().read(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.getMessage()).startsWith(file + (line > 0 ? ":" + line : "") + ": ")
                            .contains(fragment);
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"error-key-changeme.conf", "error-same-key-and-hmac-key.conf", "error-key-base64-bad-char.conf",
        "error-hmac-key-changeme.conf"})
    void secretsNeverReachTheMessage(String fixture) {
        assertThatThrownBy(() -> reader().read(fixture(fixture)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abcdef").doesNotContain("abc*def")
                        .doesNotContain("ChangeMe").doesNotContain(K64));
    }

    @Test
    void minimalStanzaGetsFwknopDefaults() throws Exception {
        AccessStanza s = only("valid-minimal.conf");
        assertThat(s.source().entries()).containsExactly(AddressMask.any());
        assertThat(s.destination()).isNull();
        assertThat(s.key()).isEqualTo(KeyMaterial.ofBase64(K64));
        assertThat(s.keyFromBase64()).isTrue();
        assertThat(s.hmacKey()).isNull();
        assertThat(s.hmacType()).isEqualTo(HmacType.SHA256);
        assertThat(s.encryptionMode()).isEqualTo(EncryptionMode.CBC);
        assertThat(s.fwAccessTimeout()).isEqualTo(30);
        assertThat(s.maxFwTimeout()).isEqualTo(300);
        assertThat(s.line()).isEqualTo(1);
        assertThat(s.spaKeys().rijndaelAtAnyLength()).isFalse();
    }

    @Test
    void trailingWhitespaceIsKeptAndHashIsPartOfTheValue() throws Exception {
        // fwknopd -D: KEY_LEN 8 for "abc#def ", REQUIRE_USERNAME 'bob  '
        AccessStanza s = only("valid-trailing-whitespace-kept.conf");
        assertThat(s.key().bytes()).isEqualTo("abc#def ".getBytes(StandardCharsets.US_ASCII));
        assertThat(s.hmacKey().bytes()).isEqualTo("hmackey".getBytes(StandardCharsets.US_ASCII));
        assertThat(s.requireUsername()).isEqualTo("bob  ");
    }

    @Test
    void oneColonAfterTheNameIsDropped() throws Exception {
        AccessStanza s = only("valid-colon-after-name.conf");
        assertThat(s.source().matches(InetAddress.getByName("10.9.8.7"))).isTrue();
        assertThat(s.source().matches(InetAddress.getByName("11.0.0.1"))).isFalse();
    }

    @Test
    void tabsAndIndentationSeparateNameAndValue() throws Exception {
        assertThat(only("valid-tabs-and-indent.conf").key()).isEqualTo(KeyMaterial.ofBase64(K64));
    }

    @Test
    void linesBeforeTheFirstSourceAreIgnored() throws Exception {
        AccessConf conf = reader().read(fixture("valid-lines-before-source-ignored.conf"));
        assertThat(conf.stanzas()).hasSize(1);
        assertThat(conf.stanzas().get(0).requireUsername()).isNull();
        assertThat(conf.warnings()).noneMatch(w -> w.message().contains("unknown"));
    }

    @Test
    void unknownNamesAreWarningsIncludingSudoExeAndIndentedComments() throws Exception {
        // fwknopd: "Ignoring unknown access parameter: 'FOO'"; SUDO_EXE belongs in fwknopd.conf
        AccessConf conf = reader().read(fixture("valid-unknown-names-warned.conf"));
        assertThat(conf.warnings()).filteredOn(w -> w.message().startsWith("ignoring unknown"))
                .extracting(ConfigWarning::line).containsExactly(3, 4, 5);
    }

    @Test
    void sourceListFormsAsInetAtonAndPosternIpv6() throws Exception {
        AccessStanza s = only("valid-source-list-forms.conf");
        assertThat(s.source().entries()).hasSize(6);
        assertThat(s.source().entries().get(0).toString()).isEqualTo("10.1.0.0/255.255.0.0");
        assertThat(s.source().entries().get(4).toString()).isEqualTo("1.2.0.3/255.255.255.255"); // inet_aton
        assertThat(s.source().entries().get(5).matches(InetAddress.getByName("2001:db8::1"))).isTrue();
        assertThat(s.destination().matches(InetAddress.getByName("127.5.5.5"))).isTrue();
        assertThat(s.destination().matches(InetAddress.getByName("10.0.0.1"))).isFalse();
    }

    @Test
    void portListsAsFwknopdExpandsThem() throws Exception {
        // fwknopd loads "udp/abc" (strtol gives 0) and "tcp/0"
        AccessStanza s = only("valid-ports.conf");
        assertThat(s.openPorts()).containsExactly(new ProtoPort(Protocol.TCP, 22), new ProtoPort(Protocol.UDP, 53),
                new ProtoPort(Protocol.UDP, 0));
        assertThat(s.restrictPorts()).containsExactly(new ProtoPort(Protocol.TCP, 0));
    }

    @Test
    void timeoutsAreReadWithStrtol() throws Exception {
        // fwknopd -D: FW_ACCESS_TIMEOUT 45 for "45s", MAX_FW_TIMEOUT 300 for "abc"
        AccessStanza s = only("valid-timeouts-c-numbers.conf");
        assertThat(s.fwAccessTimeout()).isEqualTo(45);
        assertThat(s.maxFwTimeout()).isEqualTo(300);
        assertThat(only("valid-timeout-zero-defaults.conf").fwAccessTimeout()).isEqualTo(30);
    }

    @Test
    void legacyModeKeyIsCutTo16Bytes() throws Exception {
        // fwknopd: "truncating encryption key in legacy mode to 16 bytes", KEY_LEN 16
        AccessConf conf = reader().read(fixture("valid-legacy-key-truncated.conf"));
        assertThat(conf.stanzas().get(0).key().bytes()).isEqualTo("1234567890123456".getBytes(StandardCharsets.US_ASCII));
        assertThat(conf.warnings()).anyMatch(w -> w.message().contains("truncating"));
    }

    @Test
    void modesAndHmacTypesAreCaseInsensitive() throws Exception {
        AccessStanza s = only("valid-modes-hmac-types.conf");
        assertThat(s.hmacType()).isEqualTo(HmacType.SHA3_256);
        assertThat(s.encryptionMode()).isEqualTo(EncryptionMode.OFB);
        assertThat(s.spaKeys().hasHmac()).isTrue();
        assertThat(s.spaKeys().mode()).isEqualTo(EncryptionMode.OFB);
    }

    @Test
    void booleansLookAtTheFirstCharacterOnly() throws Exception {
        AccessStanza s = only("valid-booleans-first-char.conf");
        assertThat(s.commandExec().enabled()).isTrue();
        assertThat(s.commandExec().sudo()).isTrue();
        assertThat(s.requireSourceAddress()).isFalse();
        assertThat(s.spaKeys().rijndaelAtAnyLength()).isTrue();
        assertThat(only("valid-require-source-synonym.conf").requireSourceAddress()).isTrue();
    }

    @Test
    void commandCycleStanzas() throws Exception {
        AccessStanza none = only("valid-cmd-cycle-close-none.conf");
        assertThat(none.commandCycle().closes()).isFalse();
        assertThat(none.commandCycle().timerSeconds()).isZero();
        AccessStanza full = only("valid-cmd-cycle.conf");
        assertThat(full.commandCycle()).isEqualTo(new CommandCycle("ipset add x $IP", "ipset del x $IP", 60));
        assertThat(full.isCommandCycle()).isTrue();
    }

    @Test
    void accessExpireDateAndEpoch() throws Exception {
        List<AccessStanza> s = reader().read(fixture("valid-access-expire.conf")).stanzas();
        // "12/31/25": two-digit year is 20YY, local midnight (UTC here); fwknopd -D "Wed Dec 31 00:00:00 2025"
        assertThat(s.get(0).accessExpire()).isEqualTo(Instant.parse("2025-12-31T00:00:00Z"));
        assertThat(s.get(1).accessExpire()).isEqualTo(Instant.ofEpochSecond(1700000000L));
        assertThat(s.get(2).accessExpire()).isNull(); // strtoul("abc") = 0 = not set, as fwknopd -D shows
        assertThat(s.get(0).isExpiredAt(Instant.parse("2026-01-01T00:00:00Z"))).isTrue();
        assertThat(s.get(0).isExpiredAt(Instant.parse("2025-12-30T00:00:00Z"))).isFalse();
    }

    @Test
    void forwardAllWithMasqueradeImpliesForceNatZero() throws Exception {
        // fwknopd -D: FORCE_NAT (ip) 0.0.0.0, FORCE_MASQUERADE Yes, FORWARD_ALL Yes
        AccessStanza s = only("valid-forward-all-masquerade.conf");
        assertThat(s.nat().natIp()).isEqualTo("0.0.0.0");
        assertThat(s.nat().masquerade()).isTrue();
        assertThat(s.nat().forwardAll()).isTrue();
    }

    @Test
    void forceNatAcceptedWhenFwknopdConfEnablesForwarding() throws Exception {
        Path f = write("fn.conf", "SOURCE ANY;\nKEY_BASE64 " + K64 + ";\nFORCE_NAT 192.168.1.2 22;\n");
        AccessStanza s = new AccessConfReader(FwknopdConf.defaults().withNat(true, false), ZoneOffset.UTC, u -> true)
                .read(f).stanzas().get(0);
        assertThat(s.nat().natIp()).isEqualTo("192.168.1.2");
        assertThat(s.nat().natPort()).isEqualTo(22);
    }

    @Test
    void gpgStanzaRequiresSignaturesByDefault() throws Exception {
        AccessStanza s = only("valid-gpg-with-remote-id.conf");
        assertThat(s.gpg().requireSig()).isTrue();
        assertThat(s.gpg().remoteIds()).containsExactly("11111111", "22222222");
        assertThat(s.gpg().homeDir()).isEqualTo("/root/.gnupg");
        assertThat(s.hasRijndaelKey()).isFalse();
        assertThat(s.toString()).doesNotContain("secretpw");
    }

    @Test
    void targetsArePosternsOwnDirective() throws Exception {
        assertThat(only("valid-targets.conf").targets()).containsExactly("edge-routers", "fw-1");
    }

    @Test
    void stanzasKeepFileOrderAndToStringMasksKeys() throws Exception {
        List<AccessStanza> s = reader().read(fixture("valid-two-stanzas.conf")).stanzas();
        assertThat(s).extracting(AccessStanza::line).containsExactly(1, 3);
        assertThat(s.get(1).key().bytes()).isEqualTo("other".getBytes(StandardCharsets.US_ASCII));
        assertThat(s.get(0).toString()).contains("<masked>").doesNotContain(K64);
    }

    // ---- %include, %include_folder, %include_keys (paths are absolute, as fwknopd resolves them from its cwd)

    @Test
    void includeDepthIsTheMainFilePlusTwoLevels() throws Exception {
        // fwknopd: "Refusing to go deeper than 3 levels. Lost in Limbo: '.../l2.conf'"
        write("l3.conf", "SOURCE 3.3.3.3;\nKEY_BASE64 " + K64 + ";\n");
        write("l2.conf", "SOURCE 2.2.2.2;\nKEY_BASE64 " + K64 + ";\n%include " + tmp.resolve("l3.conf") + "\n");
        write("l1.conf", "SOURCE 1.1.1.1;\nKEY_BASE64 " + K64 + ";\n%include " + tmp.resolve("l2.conf") + "\n");
        Path main = write("main.conf", "SOURCE ANY;\nKEY_BASE64 " + K64 + ";\n%include " + tmp.resolve("l1.conf") + "\n");
        assertThatThrownBy(() -> reader().read(main)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.file()).isEqualTo(Path.of(tmp.resolve("l2.conf").toString()));
            assertThat(e.line()).isEqualTo(3);
        });
        Path two = write("two.conf", "SOURCE ANY;\nKEY_BASE64 " + K64 + ";\n%include " + tmp.resolve("l2b.conf") + "\n");
        write("l2b.conf", "SOURCE 2.2.2.2;\nKEY_BASE64 " + K64 + ";\n");
        assertThat(reader().read(two).stanzas()).hasSize(2);
    }

    @Test
    void stanzaOfTheIncludingFileContinuesAfterTheInclude() throws Exception {
        // fwknopd -D: stanza 9.9.9.9 gets REQUIRE_USERNAME parent; the child's line before its SOURCE is ignored
        write("child.conf", "REQUIRE_USERNAME child;\nSOURCE 8.8.8.8;\nKEY_BASE64 " + K64 + ";\n");
        Path main = write("cont.conf", "SOURCE 9.9.9.9;\nKEY_BASE64 " + K64 + ";\n%include "
                + tmp.resolve("child.conf") + "\nREQUIRE_USERNAME parent;\n");
        List<AccessStanza> s = reader().read(main).stanzas();
        assertThat(s).extracting(x -> x.source().text()).containsExactly("9.9.9.9", "8.8.8.8");
        assertThat(s.get(0).requireUsername()).isEqualTo("parent");
        assertThat(s.get(1).requireUsername()).isNull();
    }

    @Test
    void includeFolderReadsConfExtensionsSortedByName() throws Exception {
        // fwknopd reads "f.conf~" too (last extension starts with .conf) but not c.conf.bak or e.txt
        Path dir = Files.createDirectory(tmp.resolve("folder"));
        Files.writeString(dir.resolve("b.conf"), "SOURCE 2.0.0.2;\nKEY_BASE64 " + K64 + ";\n");
        Files.writeString(dir.resolve("a.conf"), "SOURCE 1.0.0.1;\nKEY_BASE64 " + K64 + ";\n");
        Files.writeString(dir.resolve("c.conf.bak"), "SOURCE 3.0.0.3;\nKEY_BASE64 " + K64 + ";\n");
        Files.writeString(dir.resolve("d.confx"), "SOURCE 4.0.0.4;\nKEY_BASE64 " + K64 + ";\n");
        Files.writeString(dir.resolve("e.txt"), "SOURCE 5.0.0.5;\nKEY_BASE64 " + K64 + ";\n");
        Path main = write("fold.conf", "%include_folder " + dir + "/\n");
        assertThat(reader().read(main).stanzas()).extracting(x -> x.source().text())
                .containsExactly("1.0.0.1", "2.0.0.2", "4.0.0.4");
        assertThat(reader().readFolder(dir).stanzas()).hasSize(3);
    }

    @Test
    void includeKeysReadsOnlyKeysAndDropsAnInvalidStanza() throws Exception {
        // fwknopd -D: stanza 1 gets the keys and keeps REQUIRE_USERNAME u1; stanza 2 ("KEY __CHANGEME__")
        // is dropped with its REQUIRE_USERNAME u2; a missing keys file drops its stanza too
        write("keys_good", "KEY_BASE64 " + K64 + ";\nHMAC_KEY hk;\nREQUIRE_USERNAME ignored;\n");
        write("keys_bad", "KEY __CHANGEME__;\n");
        Path main = write("ik.conf", "SOURCE 1.1.1.1;\n%include_keys " + tmp.resolve("keys_good")
                + "\nREQUIRE_USERNAME u1;\nSOURCE 2.2.2.2;\n%include_keys " + tmp.resolve("keys_bad")
                + "\nREQUIRE_USERNAME u2;\nSOURCE 4.4.4.4;\n%include_keys " + tmp.resolve("missing")
                + "\nSOURCE 3.3.3.3;\nKEY_BASE64 " + K64 + ";\n");
        AccessConf conf = reader().read(main);
        assertThat(conf.stanzas()).extracting(x -> x.source().text()).containsExactly("1.1.1.1", "3.3.3.3");
        AccessStanza first = conf.stanzas().get(0);
        assertThat(first.requireUsername()).isEqualTo("u1");
        assertThat(first.hmacKey().bytes()).isEqualTo("hk".getBytes(StandardCharsets.US_ASCII));
        assertThat(conf.warnings()).anyMatch(w -> w.message().contains("dropped after %include_keys"));
        assertThat(conf.warnings()).anyMatch(w -> w.message().contains("ignoring 'REQUIRE_USERNAME'"));
    }

    @Test
    void missingIncludedFileIsFatal() throws Exception {
        Path main = write("m.conf", "SOURCE ANY;\nKEY_BASE64 " + K64 + ";\n%include " + tmp.resolve("nope.conf") + "\n");
        assertThatThrownBy(() -> reader().read(main)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.conf");
    }

    @Test
    void longLinesAreSplitLikeFgets() throws Exception {
        // fwknopd reads 1023 characters per fgets; the rest of a long line is read as line 4, a name
        // without value: "Invalid access file entry in long.conf at line 4."
        Path f = write("long.conf", "SOURCE ANY;\nKEY_BASE64 " + K64 + ";\nREQUIRE_USERNAME " + "x".repeat(1100) + ";\n");
        assertThatThrownBy(() -> reader().read(f)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.line()).isEqualTo(4));
        Path ok = write("long2.conf", "SOURCE ANY;\nKEY_BASE64 " + K64 + ";\nREQUIRE_USERNAME " + "x".repeat(1100)
                + " y;\n");
        assertThat(reader().read(ok).stanzas().get(0).requireUsername()).hasSize(1023 - "REQUIRE_USERNAME ".length());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }
}
