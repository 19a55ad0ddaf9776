package io.postern.it.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.postern.it.support.KeySpec;
import io.postern.it.support.PcapWriter;
import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import io.postern.orchestrator.event.PacketCounters;
import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.receive.PcapFileSummary;
import io.postern.orchestrator.serve.PosternServer;
import io.postern.orchestrator.serve.ServerOptions;
import io.postern.spa.Rejection;
import io.postern.spa.Rejection.Stage;
import io.postern.spa.testing.SharedVectors;
import io.postern.spa.testing.SharedVectors.PacketVector;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every packet vector of {@code shared/vectors/fwknop-2.6.10/} run through serve's capture-file path gets
 * fwknopd 2.6.10's verdict: the vector's packets are written to a pcap (UDP 127.0.0.1 to
 * 127.0.0.1:62201) and replayed by an in-process {@link PosternServer} whose clock is pinned to 3 s after
 * the capture, with the vector's own access.conf (its CMD_CYCLE logging script swapped for a local one),
 * a fwknopd.conf enabling NAT for NAT messages, and test mode where fwknopd ran with {@code -t}. Accepted
 * and rejected counts must match, each rejection must come from the stage fwknopd rejected at, and an
 * accepted packet's CMD_CYCLE_OPEN must run with the values fwknopd substituted. One more test runs the
 * packaged {@code postern serve --pcap-file -t} on fresh {@code postern knock -B} packets and checks the
 * printed summary.
 */
class ServePcapVectorsIT {

    private static final Inet4Address LOOPBACK = (Inet4Address) InetAddress.getLoopbackAddress();
    /** fwknopd's message types that carry a NAT request (NAT, NAT with timeout, local NAT, with timeout). */
    private static final Set<Integer> NAT_TYPES = Set.of(2, 4, 5, 6);

    @TempDir
    Path dir;

    static Stream<PacketVector> vectors() {
        List<PacketVector> all = SharedVectors.packetVectors();
        assertThat(all).as("shared vectors").hasSizeGreaterThanOrEqualTo(50);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorGetsFwknopdVerdict(PacketVector v) throws Exception {
        JsonNode pcapRun = v.json().path("fwknopd_result").path("pcap");
        Path cycleLog = dir.resolve("cmd-cycle.log");
        Path access = dir.resolve("access.conf");
        Files.writeString(access, localAccessConf(v.accessConf(), cycleScript(), cycleLog));

        int messageType = v.json().path("expected").path("decoded").path("message_type").asInt(-1);
        Path fwknopdConf = null;
        if (NAT_TYPES.contains(messageType)) {
            fwknopdConf = dir.resolve("fwknopd.conf");
            Files.writeString(fwknopdConf, "ENABLE_IPT_FORWARDING Y;\nENABLE_IPT_LOCAL_NAT Y;\n");
        }
        boolean testMode = pcapRun.path("test_mode").asBoolean(false);

        List<PcapWriter.Datagram> datagrams = new ArrayList<>();
        int srcPort = 40000;
        for (String p : v.packets()) {
            datagrams.add(new PcapWriter.Datagram(LOOPBACK, srcPort++, LOOPBACK, PcapWriter.SPA_PORT,
                    p.getBytes(StandardCharsets.ISO_8859_1)));
        }
        Path pcap = dir.resolve("in.pcap");
        PcapWriter.write(pcap, datagrams);

        Clock clock = Clock.fixed(Instant.ofEpochSecond(v.capturedAt() + 3), ZoneOffset.UTC);
        ServerOptions options = new ServerOptions(access, null, fwknopdConf, List.of(), 0, null, testMode,
                dir.resolve("state"), "nftables", null, 1, Duration.ofSeconds(10), clock);
        List<Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
        PosternEventListener recorder = new PosternEventListener() {
            @Override
            public void packetRejected(InetSocketAddress source, String stanza, Rejection reason, String detail) {
                rejections.add(reason);
            }
        };
        PcapFileSummary summary;
        PacketCounters counters;
        try (PosternServer server = PosternServer.create(options, recorder)) {
            server.recoverAndStartTimers();
            summary = server.replay(pcap);
            counters = server.counters();
        }

        int packets = datagrams.size();
        assertThat(summary.records()).as("pcap records").isEqualTo(packets);
        String why = v.name() + ": expected " + v.outcome() + " at " + v.layer() + ", got rejections " + rejections
                + " (fwknopd: " + pcapRun.path("log") + ")";
        switch (v.outcome()) {
            case "accept" -> {
                assertThat(counters.accepted()).as(why).isEqualTo(packets);
                assertThat(counters.rejected()).as(why).isZero();
                assertCycleOpens(pcapRun, cycleLog, testMode);
            }
            case "reject" -> {
                assertThat(counters.accepted()).as(why).isZero();
                assertThat(counters.rejected()).as(why).isEqualTo(packets);
                Set<Stage> allowed = stages(v.layer());
                assertThat(rejections).as(why).allSatisfy(r -> assertThat(allowed).as(why).contains(r.stage()));
                assertThat(cycleLines(cycleLog)).as("a rejected packet runs nothing").isEmpty();
            }
            case "accept-then-reject" -> {
                assertThat(packets).isEqualTo(2);
                assertThat(counters.accepted()).as(why).isEqualTo(1);
                assertThat(counters.rejected()).as(why).isEqualTo(1);
                assertThat(rejections).as(why).singleElement().extracting(Rejection::stage)
                        .isEqualTo(stages(v.layer()).iterator().next());
                assertCycleOpens(pcapRun, cycleLog, testMode);
            }
            default -> throw new AssertionError("unknown outcome " + v.outcome() + " in " + v.name());
        }
        assertThat(counters.accepted()).as("fwknopd accepted %s", pcapRun.path("accepted"))
                .isEqualTo(pcapRun.path("accepted").asLong());
    }

    @Test
    void packagedServeSummarisesFreshKnocksInTestMode() throws Exception {
        PosternJar postern = PosternJar.require(Files.createDirectories(dir.resolve("home")));
        KeySpec keys = KeySpec.randomBase64(new SecureRandom());
        KeySpec wrongHmac = new KeySpec(keys.key(), true, KeySpec.randomBase64(new SecureRandom()).hmacKey(), true);
        Path access = dir.resolve("access.conf");
        Files.writeString(access, String.join("\n",
                "SOURCE           ANY",
                "KEY_BASE64       " + keys.key(),
                "HMAC_KEY_BASE64  " + keys.hmacKey(),
                "CMD_CYCLE_OPEN   /bin/true $SRC $PROTO $PORT",
                "CMD_CYCLE_CLOSE  /bin/true $SRC $PROTO $PORT",
                "CMD_CYCLE_TIMER  30",
                ""));
        List<byte[]> payloads = new ArrayList<>();
        String[][] requests = {{"tcp/22"}, {"tcp/22,udp/53"}, {"tcp/443"}};
        for (String[] req : requests) {
            payloads.add(knock(postern, keys, req[0]));
        }
        payloads.add(knock(postern, wrongHmac, "tcp/22"));
        payloads.add("too short to be SPA".getBytes(StandardCharsets.US_ASCII));
        List<PcapWriter.Datagram> datagrams = new ArrayList<>();
        for (byte[] p : payloads) {
            datagrams.add(new PcapWriter.Datagram(LOOPBACK, 40000 + datagrams.size(), LOOPBACK, PcapWriter.SPA_PORT, p));
        }
        Path pcap = dir.resolve("fresh.pcap");
        PcapWriter.write(pcap, datagrams);

        ProcessRunner.Result r = postern.run(List.of("serve", "-a", access.toString(), "--pcap-file", pcap.toString(),
                "-t", "--state-dir", dir.resolve("state").toString()));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        List<String> lines = r.stdout().lines().filter(l -> l.matches(
                "(packets|accepted|rejected|seconds|packets/s|  [A-Z_]+ ).*")).toList();
        assertThat(lines).as(r.describe()).hasSize(7);
        assertThat(lines.get(0)).matches("packets: 5 \\(SPA candidates: 5\\)");
        assertThat(lines.get(1)).isEqualTo("accepted: 3");
        assertThat(lines.get(2)).isEqualTo("rejected: 2");
        assertThat(lines.subList(3, 5)).as(r.describe()).satisfiesExactly(
                l -> assertThat(l).matches("  SIZE +1"),
                l -> assertThat(l).matches("  HMAC +1"));
        assertThat(lines.get(5)).matches("seconds: \\d+\\.\\d{3}");
        assertThat(lines.get(6)).matches("packets/s: \\d+");
        assertThat(r.stdout()).contains("pcap file: " + pcap);
    }

    /** One fresh packet from {@code postern knock -T -B}, as the datagram it would send. */
    private byte[] knock(PosternJar postern, KeySpec keys, String access) throws IOException {
        Path saved = Files.createTempFile(dir, "knock-", ".txt");
        List<String> args = new ArrayList<>(List.of("knock", "--no-rc-file", "-T", "-B", saved.toString(),
                "-A", access, "-a", "127.0.0.2", "-D", "127.0.0.1"));
        args.addAll(keys.clientArgs());
        ProcessRunner.Result r = postern.run(args);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return Files.readString(saved, StandardCharsets.ISO_8859_1).strip().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The stages that count as fwknopd's rejection layer. */
    static Set<Stage> stages(String layer) {
        return switch (layer) {
            case "size" -> EnumSet.of(Stage.SIZE);
            case "precheck" -> EnumSet.of(Stage.PRECHECK, Stage.SIZE);
            case "hmac" -> EnumSet.of(Stage.HMAC);
            case "decrypt" -> EnumSet.of(Stage.DECRYPT, Stage.DECODE, Stage.DIGEST);
            case "age" -> EnumSet.of(Stage.AGE);
            case "replay" -> EnumSet.of(Stage.REPLAY);
            case "policy" -> EnumSet.of(Stage.POLICY);
            default -> throw new AssertionError("unknown layer " + layer);
        };
    }

    /**
     * Every CMD_CYCLE_OPEN fwknopd ran (its log lines less their time stamps) ran here too, with the same
     * values. Postern runs the cycle for every proto/port of a request, fwknopd 2.6.10 only for the first,
     * so Postern may have more lines.
     */
    private static void assertCycleOpens(JsonNode pcapRun, Path cycleLog, boolean testMode) {
        List<String> expected = new ArrayList<>();
        pcapRun.path("cmd_cycle_log").forEach(n -> expected.add(n.asText().replaceFirst("^\\S+ ", "")));
        List<String> got = cycleLines(cycleLog);
        if (testMode) {
            assertThat(got).as("test mode runs no command").isEmpty();
        }
        assertThat(got).as("CMD_CYCLE_OPEN lines, fwknopd's: %s", expected).containsAll(expected);
        assertThat(got).allSatisfy(l -> assertThat(l).startsWith("OPEN "));
    }

    /**
     * The vector's access.conf with fwknopd's lab paths ({@code <lab>/lib/cmd-cycle-log.sh} writing to
     * {@code <lab>/run/.../cmd-cycle.log}) replaced by a local script and log.
     */
    static String localAccessConf(String conf, Path script, Path log) {
        String out = conf.replace("<lab>/lib/cmd-cycle-log.sh", script.toString())
                .replaceAll("<lab>/\\S*cmd-cycle\\.log", java.util.regex.Matcher.quoteReplacement(log.toString()));
        assertThat(out).as("every lab path replaced").doesNotContain("<lab>");
        return out;
    }

    private Path cycleScript() throws IOException {
        Path script = dir.resolve("cmd-cycle-log.sh");
        Files.writeString(script, "#!/bin/sh\nlog=$1\nshift\necho \"$*\" >> \"$log\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static List<String> cycleLines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
