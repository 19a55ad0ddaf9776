package io.postern.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real fwknopd 2.6.10, run safely for tests. Each run gets its own folder under the test's work
 * directory with fwknopd.conf, access.conf, the digest cache, PID file and run dir, and fwknopd runs in
 * the foreground with {@code -v -v} either on a pcap file ({@code --pcap-file in.pcap -C n}) or as a
 * UDP server ({@code -U}) inside a network namespace. Every stanza is a {@code CMD_CYCLE} stanza that
 * only appends to a log file, so fwknopd never initialises its firewall; a stanza without one is
 * refused unless the run is in {@code -t} test mode. Packet aging is switched on explicitly
 * ({@code ENABLE_SPA_PACKET_AGING Y}, 120 s): fwknopd turns it off by default when reading a pcap file.
 */
public final class Fwknopd {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
    private static final String OPEN_SCRIPT = "#!/bin/sh\n# CMD_CYCLE stand-in: append the arguments after the file name\n"
            + "f=\"$1\"\nshift\nprintf '%s\\n' \"$*\" >> \"$f\"\n";

    private final Path workDir;
    private final Map<String, String> conf = new LinkedHashMap<>();
    private final List<FwknopdStanza> stanzas = new ArrayList<>();
    private boolean testMode;

    /** A server whose runs live under {@code workDir} (a {@code @TempDir}; no whitespace in the path). */
    public Fwknopd(Path workDir) {
        if (workDir.toAbsolutePath().toString().matches(".*\\s.*")) {
            throw new IllegalArgumentException("fwknopd splits commands on whitespace; bad work dir " + workDir);
        }
        this.workDir = workDir.toAbsolutePath();
        conf.put("ENABLE_SPA_PACKET_AGING", "Y");
        conf.put("MAX_SPA_PACKET_AGE", "120");
        conf.put("ENABLE_DIGEST_PERSISTENCE", "Y");
        conf.put("FLUSH_IPT_AT_INIT", "N");
        conf.put("FLUSH_IPT_AT_EXIT", "N");
        conf.put("ENABLE_IPT_FORWARDING", "Y");
        conf.put("ENABLE_IPT_LOCAL_NAT", "Y");
    }

    /** Sets a fwknopd.conf parameter. */
    public Fwknopd conf(String name, String value) {
        conf.put(name, value);
        return this;
    }

    /** Adds a stanza (tried in order). */
    public Fwknopd stanza(FwknopdStanza s) {
        stanzas.add(s);
        return this;
    }

    /** Runs with {@code -t}: no firewall and no command execution (CMD_CYCLE still runs). */
    public Fwknopd testMode(boolean on) {
        testMode = on;
        return this;
    }

    /** Writes the datagrams to a pcap file and lets fwknopd read all of them; returns its log. */
    public FwknopdLog readPcap(List<PcapWriter.Datagram> datagrams) throws IOException, InterruptedException {
        Path dir = prepareRun();
        Path pcap = dir.resolve("in.pcap");
        PcapWriter.write(pcap, datagrams);
        List<String> argv = baseArgv(dir);
        argv.addAll(List.of("--pcap-file", pcap.toString(), "-C", String.valueOf(datagrams.size())));
        ProcessRunner.Result r = ProcessRunner.run(new ProcessBuilder(argv).directory(dir.toFile()), RUN_TIMEOUT, true);
        return FwknopdLog.parse(r.stdout(), r.exitCode(), readLines(dir.resolve("cmd-cycle.log")), argv);
    }

    /**
     * A UDP server ({@code -U}, UDPSERV_PORT {@code port}) inside namespace {@code netns}, exiting after
     * {@code count} packets. Returns once its main loop runs; close the handle to kill it by PID.
     */
    public UdpServer startUdpServer(String netns, int port, int count) throws IOException, InterruptedException {
        conf.put("ENABLE_UDP_SERVER", "Y");
        conf.put("UDPSERV_PORT", String.valueOf(port));
        Path dir = prepareRun();
        List<String> argv = baseArgv(dir);
        argv.addAll(List.of("-U", "-C", String.valueOf(count)));
        ProcessRunner.Running p = ProcessRunner.start(new ProcessBuilder(NetNs.exec(netns, argv)).directory(dir.toFile()),
                dir.resolve("fwknopd.out"));
        try {
            if (!p.awaitOutput("Kicking off UDP server", Duration.ofSeconds(15)) || !awaitListening(netns, port)) {
                throw new IllegalStateException("fwknopd -U did not start listening:\n" + p.output());
            }
            return new UdpServer(p, dir, argv);
        } catch (RuntimeException | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    /** Polls {@code ss} in the namespace until a UDP socket is bound to {@code port}. */
    private static boolean awaitListening(String netns, int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            ProcessRunner.Result r = ProcessRunner.run(NetNs.exec(netns, List.of("ss", "-Hlun", "sport", "=", ":" + port)),
                    Duration.ofSeconds(5));
            if (r.exitCode() == 0 && !r.stdout().isBlank()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** A running {@code fwknopd -U}; {@link #close()} kills it (and children) by PID. */
    public static final class UdpServer implements AutoCloseable {
        private final ProcessRunner.Running process;
        private final Path dir;
        private final List<String> argv;

        UdpServer(ProcessRunner.Running process, Path dir, List<String> argv) {
            this.process = process;
            this.dir = dir;
            this.argv = argv;
        }

        /** Waits for fwknopd to exit after its packet count (or kills it at the timeout) and parses the log. */
        public FwknopdLog awaitExit(Duration timeout) throws IOException, InterruptedException {
            int rc = process.waitFor(timeout);
            if (rc < 0) {
                process.close();
            }
            return FwknopdLog.parse(process.output(), rc, readLines(dir.resolve("cmd-cycle.log")), argv);
        }

        public long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            process.close();
        }
    }

    private Path prepareRun() throws IOException {
        if (stanzas.isEmpty()) {
            throw new IllegalStateException("no stanza");
        }
        if (!testMode && stanzas.stream().anyMatch(s -> !s.hasCmdCycle())) {
            throw new IllegalStateException("a stanza without CMD_CYCLE_OPEN would make fwknopd drive the host "
                    + "firewall; only allowed in test mode");
        }
        Path dir = Files.createTempDirectory(workDir, "fwknopd-");
        Path script = dir.resolve("cmd-cycle.sh");
        Files.writeString(script, OPEN_SCRIPT, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        StringBuilder c = new StringBuilder("# postern it-tests\n");
        conf.forEach((k, v) -> c.append(k).append(' ').append(v).append(";\n"));
        writePrivate(dir.resolve("fwknopd.conf"), c.toString());
        StringBuilder a = new StringBuilder("# postern it-tests\n");
        String cycleLog = dir.resolve("cmd-cycle.log").toString();
        stanzas.forEach(s -> a.append(s.render(script.toString(), cycleLog)));
        writePrivate(dir.resolve("access.conf"), a.toString());
        return dir;
    }

    private List<String> baseArgv(Path dir) {
        List<String> argv = new ArrayList<>(List.of(Tools.FWKNOPD.toString(), "-f",
                "-c", dir.resolve("fwknopd.conf").toString(), "-a", dir.resolve("access.conf").toString(),
                "-d", dir.resolve("digest.cache").toString(), "-p", dir.resolve("fwknopd.pid").toString(),
                "-r", dir.toString(), "-v", "-v"));
        if (testMode) {
            argv.add("-t");
        }
        return argv;
    }

    private static void writePrivate(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }

    static List<String> readLines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.US_ASCII) : List.of();
    }
}
