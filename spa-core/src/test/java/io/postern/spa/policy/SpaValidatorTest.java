package io.postern.spa.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.MessageType;
import io.postern.spa.Rejection;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.FwknopdConf;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.KeyMaterial;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The validator's stanza loop with fresh packets from {@link SpaEncoder} and a fixed clock. */
class SpaValidatorTest {

    private static final String KEY = "l4+CkJAQrnfpQ9IqtwIpmmJeNdnnqy+sQgOdhuj68eA=";
    private static final String HMAC = "ssHH57et35IjvOMcouvFRPENGfD7E+6FGP9GumaIu1CIOz8ZOTglX3QE1Iz8LsuQCYbdHUYYRkHluyEDzMQMVw==";
    private static final String OTHER_HMAC = "rcvKCZOzxqujDj0UCZz1Spz2qsY/ks4sgmz59VzYeKri12BrTWIzIPqOhmSke3WTeVF3vzdPq8wKRlcTt8niWA==";
    private static final String KEYS = "KEY_BASE64 " + KEY + ";\nHMAC_KEY_BASE64 " + HMAC + ";\n";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final SpaKeys CLIENT_KEYS = SpaKeys.of(KeyMaterial.ofBase64(KEY), KeyMaterial.ofBase64(HMAC));

    @TempDir
    Path tmp;

    private final InetAddress src = addr("10.1.2.3");
    private final InetAddress dst = addr("192.0.2.1");
    private final InMemoryDigestStore store = new InMemoryDigestStore();

    // ---- timestamp window ----------------------------------------------------------------------------

    @ParameterizedTest(name = "timestamp now{0}s -> {1}")
    @CsvSource({"0, true", "-120, true", "120, true", "-121, false", "121, false", "-600, false", "300, false"})
    void packetAgeIsCheckedBothWaysWithTheEdgeAccepted(long offset, boolean accepted) throws Exception {
        Verdict v = validator().validate(packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond() + offset), src, dst,
                stanzas("SOURCE ANY;\n" + KEYS));
        assertThat(v.isAccepted()).as("%s", v).isEqualTo(accepted);
        if (!accepted) {
            assertThat(v.rejection()).isEqualTo(Rejection.AGE);
        }
    }

    @Test
    void agingOffAcceptsAnOldPacket() throws Exception {
        SpaValidator noAging = new SpaValidator(clock(), store,
                ValidatorSettings.DEFAULTS.withWindow(new TimestampWindow(false, Duration.ofSeconds(120))));
        assertThat(noAging.validate(packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond() - 100_000), src, dst,
                stanzas("SOURCE ANY;\n" + KEYS)).isAccepted()).isTrue();
    }

    // ---- replay ----------------------------------------------------------------------------------------

    @Test
    void replayRaceHasExactlyOneWinner() throws Exception {
        String p = packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond());
        List<AccessStanza> stanzas = stanzas("SOURCE ANY;\n" + KEYS);
        SpaValidator validator = validator();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String packet = round == 0 ? p : packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Verdict>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return validator.validate(packet, src, dst, stanzas);
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Verdict> f : results) {
                    Verdict v = f.get();
                    if (v.isAccepted()) {
                        accepted++;
                    } else {
                        assertThat(v.rejection()).isEqualTo(Rejection.REPLAY);
                    }
                }
                assertThat(accepted).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void digestIsBurnedEvenWhenALaterCheckRejects() throws Exception {
        // fwknopd adds the digest right after decryption, before the age check
        String old = packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond() - 500);
        List<AccessStanza> s = stanzas("SOURCE ANY;\n" + KEYS);
        assertThat(validator().validate(old, src, dst, s).rejection()).isEqualTo(Rejection.AGE);
        assertThat(validator().validate(old, src, dst, s).rejection()).isEqualTo(Rejection.REPLAY);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void testModeNeverStoresTheDigest() throws Exception {
        SpaValidator test = new SpaValidator(clock(), store, ValidatorSettings.DEFAULTS.withTestMode(true));
        String p = packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond());
        List<AccessStanza> s = stanzas("SOURCE ANY;\n" + KEYS);
        assertThat(test.validate(p, src, dst, s).isAccepted()).isTrue();
        assertThat(test.validate(p, src, dst, s).isAccepted()).isTrue();
        assertThat(store.size()).isZero();
    }

    // ---- ports -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "OPEN_PORTS tcp/22,udp/53 request {0} -> {1}")
    @CsvSource(delimiter = '|', value = {"1.1.1.1,tcp/22 | true", "1.1.1.1,tcp/22,udp/53 | true",
        "1.1.1.1,tcp/22,tcp/80 | false", "1.1.1.1,udp/22 | false", "1.1.1.1,tcp/53 | false"})
    void openPortsAllMustMatch(String message, boolean accepted) throws Exception {
        Verdict v = validator().validate(packet(access(message), NOW.getEpochSecond()), src, dst,
                stanzas("SOURCE ANY;\n" + KEYS + "OPEN_PORTS tcp/22, udp/53;\n"));
        assertThat(v.isAccepted()).as("%s", v).isEqualTo(accepted);
        if (!accepted) {
            assertThat(v.rejection()).isEqualTo(Rejection.PORTS_DENIED);
        }
    }

    @ParameterizedTest(name = "RESTRICT_PORTS udp/53 request {0} -> {1}")
    @CsvSource(delimiter = '|', value = {"1.1.1.1,tcp/22 | true", "1.1.1.1,tcp/22,udp/53 | false",
        "1.1.1.1,udp/53 | false", "1.1.1.1,tcp/53 | true"})
    void restrictPortsAnyOverlapDenies(String message, boolean accepted) throws Exception {
        Verdict v = validator().validate(packet(access(message), NOW.getEpochSecond()), src, dst,
                stanzas("SOURCE ANY;\n" + KEYS + "RESTRICT_PORTS udp/53;\n"));
        assertThat(v.isAccepted()).as("%s", v).isEqualTo(accepted);
    }

    @Test
    void commandCycleStanzaSkipsThePortChecksAsFwknopd() throws Exception {
        Verdict v = validator().validate(packet(access("1.1.1.1,tcp/80"), NOW.getEpochSecond()), src, dst,
                stanzas("SOURCE ANY;\n" + KEYS + "OPEN_PORTS tcp/22;\nCMD_CYCLE_OPEN /bin/true;\n"
                        + "CMD_CYCLE_CLOSE /bin/true;\nCMD_CYCLE_TIMER 45;\n"));
        assertThat(v.isAccepted()).isTrue();
        assertThat(((Verdict.Accepted) v).timeoutSeconds()).isEqualTo(45);
    }

    // ---- stanza loop -----------------------------------------------------------------------------------

    @Test
    void wrongHmacKeyInFirstStanzaFallsThroughToTheSecond() throws Exception {
        String conf = "SOURCE ANY;\nKEY_BASE64 " + KEY + ";\nHMAC_KEY_BASE64 " + OTHER_HMAC + ";\n"
                + "SOURCE 10.0.0.0/8;\n" + KEYS + "FW_ACCESS_TIMEOUT 60;\n";
        Verdict v = validator().validate(packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond()), src, dst, stanzas(conf));
        assertThat(v.isAccepted()).as("%s", v).isTrue();
        Verdict.Accepted a = (Verdict.Accepted) v;
        assertThat(a.stanzaNumber()).isEqualTo(2);
        assertThat(a.timeoutSeconds()).isEqualTo(60);
        assertThat(a.allowAddress()).isEqualTo(addr("1.1.1.1"));
    }

    @Test
    void wrongHmacInEveryStanzaIsReportedAsHmac() throws Exception {
        String conf = "SOURCE ANY;\nKEY_BASE64 " + KEY + ";\nHMAC_KEY_BASE64 " + OTHER_HMAC + ";\n";
        Verdict v = validator().validate(packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond()), src, dst, stanzas(conf));
        assertThat(v.rejection()).isEqualTo(Rejection.HMAC);
        assertThat(((Verdict.Rejected) v).stanzaNumber()).isEqualTo(1);
        assertThat(store.size()).isZero();
    }

    @Test
    void expiredStanzaIsSkipped() throws Exception {
        String expired = "SOURCE ANY;\n" + KEYS + "ACCESS_EXPIRE_EPOCH " + (NOW.getEpochSecond() - 1) + ";\n";
        String p = packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond());
        assertThat(validator().validate(p, src, dst, stanzas(expired)).rejection()).isEqualTo(Rejection.STANZA_EXPIRED);
        Verdict v = validator().validate(p, src, dst, stanzas(expired + "SOURCE ANY;\n" + KEYS));
        assertThat(((Verdict.Accepted) v).stanzaNumber()).isEqualTo(2);
    }

    @Test
    void sourceAndDestinationMatching() throws Exception {
        String p = packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond());
        assertThat(validator().validate(p, src, dst, stanzas("SOURCE 192.168.0.0/16;\n" + KEYS)).rejection())
                .isEqualTo(Rejection.NO_SOURCE_MATCH);
        assertThat(validator().validate(p, src, dst, stanzas("SOURCE ANY;\n" + KEYS + "DESTINATION 10.0.0.0/8;\n"))
                .rejection()).isEqualTo(Rejection.NO_SOURCE_MATCH);
        assertThat(validator().validate(p, src, dst, stanzas("SOURCE ANY;\n" + KEYS + "DESTINATION 192.0.2.0/24;\n"))
                .isAccepted()).isTrue();
    }

    @Test
    void wildcardAllowAddressBecomesThePacketSourceUnlessASourceAddressIsRequired() throws Exception {
        Verdict v = validator().validate(packet(access("0.0.0.0,tcp/22"), NOW.getEpochSecond()), src, dst,
                stanzas("SOURCE ANY;\n" + KEYS));
        assertThat(((Verdict.Accepted) v).allowAddress()).isEqualTo(src);
        Verdict required = validator().validate(packet(access("0.0.0.0,tcp/22"), NOW.getEpochSecond()), src, dst,
                stanzas("SOURCE ANY;\n" + KEYS + "REQUIRE_SOURCE_ADDRESS Y;\n"));
        assertThat(required.rejection()).isEqualTo(Rejection.SOURCE_ADDRESS_REQUIRED);
    }

    @Test
    void requiredUsernameIsExact() throws Exception {
        List<AccessStanza> s = stanzas("SOURCE ANY;\n" + KEYS + "REQUIRE_USERNAME Alice;\n");
        assertThat(validator().validate(packet(access("1.1.1.1,tcp/22"), NOW.getEpochSecond()), src, dst, s).rejection())
                .isEqualTo(Rejection.USERNAME);
    }

    @Test
    void commandsNeedEnableCmdExecAndNatNeedsTheFwknopdConfFlag() throws Exception {
        SpaMessage cmd = new SpaMessage("1234567890123456", "alice", NOW.getEpochSecond(), "3.0.0",
                MessageType.COMMAND, "1.1.1.1,uname", null, null, 0);
        assertThat(validator().validate(encode(cmd), src, dst, stanzas("SOURCE ANY;\n" + KEYS)).rejection())
                .isEqualTo(Rejection.COMMAND_NOT_ALLOWED);
        assertThat(validator().validate(encode(cmd), src, dst, stanzas("SOURCE ANY;\n" + KEYS + "ENABLE_CMD_EXEC Y;\n"))
                .isAccepted()).isTrue();
        SpaMessage nat = new SpaMessage("1234567890123457", "alice", NOW.getEpochSecond(), "3.0.0",
                MessageType.NAT_ACCESS, "1.1.1.1,tcp/22", "192.168.10.2,22", null, 0);
        assertThat(validator().validate(encode(nat), src, dst, stanzas("SOURCE ANY;\n" + KEYS)).rejection())
                .isEqualTo(Rejection.NAT_NOT_ENABLED);
        SpaValidator natOn = new SpaValidator(clock(), new InMemoryDigestStore(), ValidatorSettings.DEFAULTS.withNat(true, false));
        assertThat(natOn.validate(encode(nat), src, dst, stanzas("SOURCE ANY;\n" + KEYS)).isAccepted()).isTrue();
    }

    @Test
    void clientTimeoutIsCappedByMaxFwTimeout() throws Exception {
        SpaMessage m = new SpaMessage("1234567890123456", "alice", NOW.getEpochSecond(), "3.0.0",
                MessageType.CLIENT_TIMEOUT_ACCESS, "1.1.1.1,tcp/22", null, null, 1000);
        Verdict v = validator().validate(encode(m), src, dst, stanzas("SOURCE ANY;\n" + KEYS + "MAX_FW_TIMEOUT 600;\n"));
        assertThat(((Verdict.Accepted) v).timeoutSeconds()).isEqualTo(600);
    }

    @Test
    void prechecksComeFirst() {
        assertThat(validator().validate("short", src, dst, List.of()).rejection()).isEqualTo(Rejection.SIZE);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private SpaValidator validator() {
        return new SpaValidator(clock(), store, ValidatorSettings.DEFAULTS);
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private static SpaMessage access(String message) {
        return new SpaMessage("1234567890123456", "alice", 0, "3.0.0", MessageType.ACCESS, message, null, null, 0);
    }

    private static String packet(SpaMessage m, long timestamp) throws Exception {
        return encode(new SpaMessage(m.randomValue(), m.username(), timestamp, m.version(), m.type(), m.message(),
                m.natAccess(), m.serverAuth(), m.clientTimeout()));
    }

    private static String encode(SpaMessage m) throws Exception {
        return new SpaEncoder().encode(m, CLIENT_KEYS, DigestType.SHA256);
    }

    private List<AccessStanza> stanzas(String conf) throws Exception {
        Path f = Files.createTempFile(tmp, "access", ".conf");
        Files.writeString(f, conf);
        return new AccessConfReader(FwknopdConf.defaults(), ZoneOffset.UTC, u -> true).read(f).stanzas();
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
