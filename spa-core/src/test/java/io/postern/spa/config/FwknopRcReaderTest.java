package io.postern.spa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fixture under {@code fwknoprc/} is named for the fwknop 2.6.10 client behaviour it pins down. */
class FwknopRcReaderTest {

    private static Path fixture(String name) {
        try {
            return Paths.get(FwknopRcReaderTest.class.getResource("/fwknoprc/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void defaultAloneIsReadAndOtherStanzasAreIgnored() throws Exception {
        FwknopRc rc = FwknopRcReader.read(fixture("default-and-named-override.fwknoprc"), null);
        assertThat(rc.stanza()).isNull();
        assertThat(rc.value(RcVariable.ACCESS)).contains("tcp/22");
        assertThat(rc.value(RcVariable.SPA_SERVER)).isEmpty();
        assertThat(rc.value(RcVariable.DIGEST_TYPE)).contains("sha512");
        assertThat(rc.intValue(RcVariable.FW_TIMEOUT)).contains(30);
        assertThat(rc.settings()).allMatch(s -> s.stanza().equals("default"));
    }

    @Test
    void namedStanzaOverridesDefault() throws Exception {
        FwknopRc rc = FwknopRcReader.read(fixture("default-and-named-override.fwknoprc"), "myserver");
        assertThat(rc.stanza()).isEqualTo("myserver");
        assertThat(rc.value(RcVariable.ACCESS)).contains("tcp/2222,udp/53");
        assertThat(rc.intValue(RcVariable.FW_TIMEOUT)).contains(45);
        assertThat(rc.value(RcVariable.SPA_SERVER)).contains("127.0.0.1");
        assertThat(rc.value(RcVariable.SPOOF_USER)).contains("alice");
        assertThat(rc.setting(RcVariable.ACCESS).orElseThrow().line()).isEqualTo(15);
        // fwknop only ever sets flags: [default] USE_HMAC Y stays on despite the stanza's N
        assertThat(rc.isYes(RcVariable.USE_HMAC)).isTrue();
        assertThat(rc.settings().get(0).variable()).isEqualTo(RcVariable.DIGEST_TYPE);
    }

    @Test
    void secretsAreMaskedInToString() throws Exception {
        FwknopRc rc = FwknopRcReader.read(fixture("default-and-named-override.fwknoprc"), "myserver");
        assertThat(rc.toString()).doesNotContain("l4+CkJAQ").doesNotContain("ssHH57").contains("<masked>");
    }

    @Test
    void sectionNamesMatchCaseInsensitivelyAndDefaultMayRepeat() throws Exception {
        FwknopRc rc = FwknopRcReader.read(fixture("section-names-case-insensitive.fwknoprc"), "mixed-CASE");
        assertThat(rc.value(RcVariable.ACCESS)).contains("tcp/2");
        assertThat(rc.value(RcVariable.ALLOW_IP)).contains("10.0.0.1");
    }

    @Test
    void valueStopsAtHashSemicolonSpaceAndNameMayEndWithColon() throws Exception {
        FwknopRc rc = FwknopRcReader.read(fixture("value-cut-and-colon-name.fwknoprc"), null);
        assertThat(rc.value(RcVariable.ACCESS)).contains("tcp/22");
        assertThat(rc.value(RcVariable.SPOOF_USER)).contains("bob");
        assertThat(rc.value(RcVariable.SPA_SERVER)).contains("192.0.2.1");
        assertThat(rc.isYes(RcVariable.NAT_LOCAL)).as("'yes' is not Y").isFalse();
        assertThat(rc.isYes(RcVariable.USE_HMAC)).as("'Yes' is not Y").isFalse();
        assertThat(rc.isYes(RcVariable.RAND_PORT)).isTrue();
    }

    @Test
    void numbersAreReadLikeStrtolAndTimeOffsetTakesUnits() throws Exception {
        FwknopRc rc = FwknopRcReader.read(fixture("strtol-numbers-and-time-offset.fwknoprc"), null);
        assertThat(rc.intValue(RcVariable.SPA_SERVER_PORT)).contains(12);
        assertThat(rc.intValue(RcVariable.NAT_PORT)).contains(0);
        assertThat(rc.timeOffsetSeconds()).isEqualTo(-120);
        assertThat(rc.value(RcVariable.VERBOSE)).contains("4");
    }

    @Test
    void linesInOtherStanzasAreNotParsed() throws Exception {
        FwknopRc rc = FwknopRcReader.read(fixture("unknown-names-in-other-stanza-skipped.fwknoprc"), null);
        assertThat(rc.value(RcVariable.ACCESS)).contains("tcp/22");
    }

    @Test
    void badLinesInTheNamedStanzaAreFatal() {
        assertThatThrownBy(() -> FwknopRcReader.read(fixture("unknown-names-in-other-stanza-skipped.fwknoprc"),
                "BROKEN"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown-names-in-other-stanza-skipped.fwknoprc:4: unknown variable 'garbage'")
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(4));
    }

    @ParameterizedTest
    @CsvSource({
        "indented-hash-is-fatal.fwknoprc, 3, unknown variable '#'",
        "lowercase-name-is-fatal.fwknoprc, 2, unknown variable 'access'",
        "whitespace-only-line-is-fatal.fwknoprc, 3, invalid entry",
        "name-without-value-is-fatal.fwknoprc, 2, invalid entry",
        "fw-timeout-over-65536.fwknoprc, 2, FW_TIMEOUT: '65537' (expected: seconds 0..65536)",
        "pcbc-mode-rejected.fwknoprc, 2, ENCRYPTION_MODE: 'pcbc'",
        "bad-base64-key-masked.fwknoprc, 2, KEY_BASE64: (expected: base64)",
    })
    void fatalLinesNameFileAndLine(String name, int line, String message) {
        assertThatThrownBy(() -> FwknopRcReader.read(fixture(name), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(name + ":" + line + ": " + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void unknownNamedStanzaIsAnError() {
        assertThatThrownBy(() -> FwknopRcReader.read(fixture("default-and-named-override.fwknoprc"), "nope"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("named stanza [nope] was not found");
    }

    @Test
    void missingFileIsAnError() {
        assertThatThrownBy(() -> FwknopRcReader.read(Paths.get("/nonexistent/.fwknoprc"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no such file");
    }

    @Test
    void everyClientVariableNameIsKnown() {
        String[] fwknop = {"DIGEST_TYPE", "SPA_SERVER_PROTO", "SPA_SERVER_PORT", "SPA_SOURCE_PORT", "FW_TIMEOUT",
            "ALLOW_IP", "TIME_OFFSET", "ENCRYPTION_MODE", "USE_GPG", "USE_GPG_AGENT", "GPG_RECIPIENT", "GPG_SIGNER",
            "GPG_HOMEDIR", "GPG_EXE", "GPG_SIGNING_PW", "GPG_SIGNING_PW_BASE64", "GPG_NO_SIGNING_PW", "SPOOF_USER",
            "SPOOF_SOURCE_IP", "ACCESS", "SPA_SERVER", "RAND_PORT", "KEY", "KEY_BASE64", "HMAC_DIGEST_TYPE",
            "HMAC_KEY_BASE64", "HMAC_KEY", "USE_HMAC", "USE_WGET_USER_AGENT", "KEY_FILE", "HMAC_KEY_FILE",
            "NAT_ACCESS", "HTTP_USER_AGENT", "RESOLVE_URL", "SERVER_RESOLVE_IPV4", "NAT_LOCAL", "NAT_RAND_PORT",
            "NAT_PORT", "VERBOSE", "RESOLVE_IP_HTTP", "RESOLVE_IP_HTTPS", "RESOLVE_HTTP_ONLY", "WGET_CMD",
            "NO_SAVE_ARGS"};
        assertThat(Arrays.stream(fwknop).map(RcVariable::forName)).doesNotContainNull();
        assertThat(RcVariable.values()).hasSize(fwknop.length);
    }

    @ParameterizedTest
    @CsvSource({"ALLOW_IP, source", "ALLOW_IP, RESOLVE", "ALLOW_IP, 2001:db8::1", "SPA_SERVER_PROTO, HTTP",
        "HMAC_DIGEST_TYPE, SHA3_512", "VERBOSE, Y", "TIME_OFFSET, 3h", "ENCRYPTION_MODE, Legacy"})
    void acceptedValues(String name, String value) throws Exception {
        FwknopRc rc = FwknopRcReader.parse(Paths.get("t"), "[default]\n" + name + " " + value + "\n", null);
        assertThat(rc.value(RcVariable.forName(name))).contains(value);
    }

    @ParameterizedTest
    @CsvSource({"ALLOW_IP, 1.1.1.300", "SPA_SERVER_PORT, 70000", "SPA_SERVER_PORT, -1", "VERBOSE, 5",
        "TIME_OFFSET, m", "DIGEST_TYPE, foo", "SPA_SERVER_PROTO, sctp"})
    void refusedValues(String name, String value) {
        assertThatThrownBy(() -> FwknopRcReader.parse(Paths.get("t"), "[default]\n" + name + " " + value + "\n",
                null)).isInstanceOf(ConfigException.class).hasMessageStartingWith("t:2: " + name);
    }
}
