package io.postern.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.CycleOpen;
import io.postern.it.support.Fwknopd;
import io.postern.it.support.FwknopdLog;
import io.postern.it.support.FwknopdStanza;
import io.postern.it.support.KeySpec;
import io.postern.it.support.NetNs;
import io.postern.it.support.PacketVerdict;
import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import io.postern.it.support.SpaRequest;
import io.postern.it.support.Tools;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fwknopd 2.6.10 in UDP-server mode ({@code -U}) inside a fresh network namespace, receiving a real
 * datagram over a veth link (198.18.0.0/15) from the peer namespace: a Postern-encoded packet sent by a
 * one-line sender, and a packet sent by {@code postern knock} itself. Both ask for the packet's source
 * ({@code -s}), so the accept proves fwknopd saw the datagram from the peer address. The namespaces and
 * fwknopd are removed by name and PID even when an assertion fails.
 */
class FwknopdUdpServerIT {

    private static final KeySpec KEYS = KeySpec.randomBase64(new SecureRandom());
    private static final int PORT = 62201;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTools() {
        Tools.requireFwknopd();
        Tools.requireNetns();
    }

    @Test
    void acceptsEncoderPacketSentOverVeth() throws Exception {
        Path bash = Tools.requireOnPath("bash");
        SpaKeys keys = KEYS.spaKeys(HmacType.SHA256, EncryptionMode.CBC);
        SpaRequest req = SpaRequest.access("tcp/22").withSourceIp();
        String wire = FwknopdInteropIT.encode(req, keys, DigestType.SHA256);
        try (NetNs ns = NetNs.create();
             Fwknopd.UdpServer server = new Fwknopd(dir).stanza(FwknopdStanza.any(KEYS, "sha256", "cbc"))
                     .startUdpServer(ns.serverNs(), PORT, 1)) {
            String target = "/dev/udp/" + ns.serverAddress().getHostAddress() + "/" + PORT;
            ProcessRunner.Result sent = ProcessRunner.run(NetNs.exec(ns.clientNs(),
                    List.of(bash.toString(), "-c", "printf '%s' \"$1\" > " + target, "send", wire)), Duration.ofSeconds(10));
            assertThat(sent.exitCode()).as(sent.describe()).isZero();
            assertAccepted(server.awaitExit(Duration.ofSeconds(15)), wire, req, ns);
        }
    }

    @Test
    void acceptsPosternKnockOverVeth() throws Exception {
        PosternJar postern = PosternJar.require(dir);
        SpaRequest req = SpaRequest.access("udp/1194", "tcp/22").withSourceIp().withTimeout(60);
        Path saved = dir.resolve("knock.txt");
        try (NetNs ns = NetNs.create();
             Fwknopd.UdpServer server = new Fwknopd(dir).stanza(FwknopdStanza.any(KEYS, "sha512", "ofb"))
                     .startUdpServer(ns.serverNs(), PORT, 1)) {
            List<String> args = new ArrayList<>(List.of("knock", "--no-rc-file", "-B", saved.toString(),
                    "-D", ns.serverAddress().getHostAddress(), "-p", String.valueOf(PORT),
                    "-M", "ofb", "--hmac-digest-type", "sha512", "-m", "sha384"));
            args.addAll(req.clientArgs());
            args.addAll(KEYS.clientArgs());
            ProcessRunner.Result sent = ProcessRunner.run(postern.builder(NetNs.exec(ns.clientNs(), postern.argv(args))),
                    Duration.ofSeconds(60), false);
            assertThat(sent.exitCode()).as(sent.describe()).isZero();
            String wire = Files.readString(saved, StandardCharsets.US_ASCII).strip();
            assertAccepted(server.awaitExit(Duration.ofSeconds(15)), wire, req, ns);
        }
    }

    private static void assertAccepted(FwknopdLog log, String wire, SpaRequest req, NetNs ns) {
        assertThat(log.exitCode()).as("%s", log).isZero();
        PacketVerdict v = log.verdict(wire);
        CycleOpen open = req.expectedOpen(ns.clientAddress().getHostAddress(), FwknopdStanza.CYCLE_TIMER);
        assertThat(v.accepted()).as("%s\n%s", v, log).isTrue();
        assertThat(v.open()).isEqualTo(open);
        assertThat(v.fields().get("Message String")).isEqualTo(req.message());
        assertThat(log.text()).contains("SPA Packet from IP: " + ns.clientAddress().getHostAddress());
        assertThat(log.cycleLines()).containsExactly(open.line());
    }
}
