package io.postern.orchestrator.cli;

import static io.postern.orchestrator.cli.CliRunner.HMAC_B64;
import static io.postern.orchestrator.cli.CliRunner.KEY_B64;
import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.KeyMaterial;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code knock} sends to listeners on 127.0.0.1 (port 0) and what arrives is exactly a decodable packet. */
class KnockSendTest {

    private static final SpaKeys KEYS = SpaKeys.of(KeyMaterial.ofBase64(KEY_B64), KeyMaterial.ofBase64(HMAC_B64));

    private final CliRunner cli = new CliRunner();

    private CliRunner.Result knock(String proto, int port) {
        return cli.run("knock", "--no-rc-file", "-A", "tcp/22", "-a", "192.0.2.7", "-D", "127.0.0.1", "-P", proto,
                "-p", Integer.toString(port), "--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64);
    }

    @Test
    void udpDatagramIsThePacket() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            server.setSoTimeout(5_000);
            CliRunner.Result res = knock("udp", server.getLocalPort());
            assertThat(res.exit()).as(res.err()).isZero();
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            server.receive(p);
            assertDecodes(new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void tcpStreamIsThePacket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> got = accept(server);
            CliRunner.Result res = knock("tcp", server.getLocalPort());
            assertThat(res.exit()).as(res.err()).isZero();
            assertDecodes(got.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void httpRequestIsFwknops() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> got = accept(server);
            CliRunner.Result res = knock("http", server.getLocalPort());
            assertThat(res.exit()).as(res.err()).isZero();
            String request = got.get(5, TimeUnit.SECONDS);
            String[] lines = request.split("\r\n", -1);
            assertThat(lines[0]).startsWith("GET /").endsWith(" HTTP/1.0");
            assertThat(lines).containsSubsequence("User-Agent: Fwknop/2.6.10", "Accept: */*", "Host: 127.0.0.1",
                    "Connection: close", "", "");
            String path = lines[0].substring("GET /".length(), lines[0].length() - " HTTP/1.0".length());
            assertThat(path).matches("[A-Za-z0-9_-]+");
            assertDecodes(path.replace('-', '+').replace('_', '/'));
        }
    }

    @Test
    void refusedTcpIsARuntimeFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRunner.Result res = knock("tcp", port);
        assertThat(res.exit()).isEqualTo(1);
        assertThat(res.err()).startsWith("postern: cannot send to 127.0.0.1 port " + port + " over tcp")
                .doesNotContain(KEY_B64);
        assertThat(res.err().strip().lines()).hasSize(1);
    }

    @Test
    void verboseSendShowsFieldsButNoKeys() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            server.setSoTimeout(5_000);
            CliRunner.Result res = cli.run("knock", "--no-rc-file", "-v", "-A", "tcp/22", "-a", "192.0.2.7", "-D",
                    "127.0.0.1", "-p", Integer.toString(server.getLocalPort()), "--key-rijndael", "s3cr3t-passphrase",
                    "--key-hmac", "an0ther-s3cr3t");
            assertThat(res.exit()).as(res.err()).isZero();
            assertThat(res.out()).contains("Message String: 192.0.2.7,tcp/22", "protocol udp");
            assertThat(res.all()).doesNotContain("s3cr3t");
            server.receive(new DatagramPacket(new byte[2048], 2048));
        }
    }

    private static CompletableFuture<String> accept(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void assertDecodes(String received) {
        assertThat(received).doesNotEndWith("\n");
        DecodeResult r = SpaDecoder.decode(received, KEYS);
        assertThat(r.isAccepted()).as(String.valueOf(r)).isTrue();
        assertThat(r.message().message()).isEqualTo("192.0.2.7,tcp/22");
    }
}
