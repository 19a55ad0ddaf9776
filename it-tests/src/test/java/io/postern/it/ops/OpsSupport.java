package io.postern.it.ops;

import io.postern.it.support.KeySpec;
import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.KeyMaterial;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared pieces of the operations tests: a CMD_CYCLE stanza that logs, serve as a JVM, knocks, scrapes. */
final class OpsSupport {

    private OpsSupport() {
    }

    /**
     * Writes a script that appends {@code <OPEN|CLOSE> <src> <epoch seconds.nanos>} to {@code log} and
     * returns the access.conf stanza that runs it for open and close.
     */
    static String loggingStanza(Path dir, KeySpec keys, Path log, int timer) throws IOException {
        Path script = dir.resolve("cycle.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $2 $(date +%s.%N)\" >> \"" + log + "\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return String.join("\n",
                "SOURCE           ANY",
                "KEY_BASE64       " + keys.key(),
                "HMAC_KEY_BASE64  " + keys.hmacKey(),
                "CMD_CYCLE_OPEN   " + script + " OPEN $SRC",
                "CMD_CYCLE_CLOSE  " + script + " CLOSE $SRC",
                "CMD_CYCLE_TIMER  " + timer,
                "");
    }

    /** Starts {@code postern serve <args>} and waits for its receiver; close the handle to kill it by PID. */
    static ProcessRunner.Running startServe(PosternJar postern, List<String> args, Path log) throws InterruptedException {
        List<String> argv = new ArrayList<>(List.of("serve"));
        argv.addAll(args);
        ProcessRunner.Running p = ProcessRunner.start(postern.builder(postern.argv(argv)), log);
        await(Duration.ofSeconds(30), "serve to listen", () -> p.output().contains("listening for SPA packets")
                || !p.isAlive());
        if (!p.isAlive()) {
            throw new AssertionError("postern serve exited:\n" + p.output());
        }
        return p;
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /** An SPA access request for {@code allow},tcp/22 as UDP payload bytes. */
    static byte[] packet(KeySpec keys, String allow) throws Exception {
        return packet(keys.keyMaterial(), keys.hmacMaterial(), allow);
    }

    static byte[] packet(KeyMaterial key, KeyMaterial hmac, String allow) throws Exception {
        SpaEncoder enc = new SpaEncoder();
        SpaMessage m = new SpaMessage(enc.newRandomValue(), "alice", System.currentTimeMillis() / 1000,
                SpaMessage.PROTOCOL_VERSION, MessageType.ACCESS, allow + ",tcp/22", null, null, 0);
        return enc.encode(m, SpaKeys.of(key, hmac), DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
    }

    static void send(DatagramSocket socket, byte[] wire, int port) throws IOException {
        socket.send(new DatagramPacket(wire, wire.length, InetAddress.getLoopbackAddress(), port));
    }

    /** The metrics URL serve logged ({@code metrics on http://HOST:PORT/metrics}). */
    static URI metricsUri(ProcessRunner.Running serve) throws InterruptedException {
        Pattern p = Pattern.compile("metrics on (http://\\S+/metrics)");
        await(Duration.ofSeconds(10), "the metrics line", () -> p.matcher(serve.output()).find());
        Matcher m = p.matcher(serve.output());
        m.find();
        return URI.create(m.group(1));
    }

    static String scrape(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + uri + ": " + r.statusCode());
        }
        return r.body();
    }

    /** The value of one sample line ({@code name{labels}} exactly as exposed), or 0 when absent. */
    static double sample(String exposition, String nameAndLabels) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
            }
        }
        return 0;
    }

    static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
