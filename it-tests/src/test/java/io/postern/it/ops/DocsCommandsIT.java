package io.postern.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command line in docs/ is run, or marked as needing real hardware. The convention (docs/README.md):
 * <ul>
 *   <li>a fence tagged {@code sh} is run: the page's {@code sh} blocks run in order, each by
 *       {@code bash -euo pipefail}, in one fresh folder per page, with {@code postern} on the PATH (the
 *       built jar), HOME in that folder, {@code PORT} and {@code METRICS} set to free loopback ports; each
 *       must exit 0;</li>
 *   <li>a fence tagged {@code sh hardware} needs a real device, root or a real network and is not run;</li>
 *   <li>a fence with {@code file=NAME} in its tag (any language) is written to NAME first, so the files
 *       the page shows are the files the commands use;</li>
 *   <li>{@code bash}, {@code shell}, {@code console} and untagged fences holding commands are refused:
 *       each command block must say which of the two it is.</li>
 * </ul>
 * A page that starts {@code postern serve} in the background writes its PID to a {@code *.pid} file; the
 * test kills those PIDs when the page is done, whatever happened.
 */
class DocsCommandsIT {

    static final Path DOCS = Path.of("../docs");

    record Block(Path page, int line, String lang, String tag, String body) {

        boolean runs() {
            return lang.equals("sh") && !tag.contains("hardware") && fileName() == null;
        }

        boolean hardware() {
            return lang.equals("sh") && tag.contains("hardware");
        }

        String fileName() {
            for (String word : tag.split("\\s+")) {
                if (word.startsWith("file=")) {
                    return word.substring(5);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return DOCS.relativize(page) + ":" + line + " (```" + tag + ")";
        }
    }

    static List<Path> pages() throws IOException {
        try (Stream<Path> s = Files.walk(DOCS)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    static List<Block> blocks(Path page) throws IOException {
        List<Block> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(page);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("```")) {
                continue;
            }
            String tag = l.substring(3).trim();
            int start = i + 1;
            StringBuilder body = new StringBuilder();
            for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                body.append(lines.get(i)).append('\n');
            }
            String lang = tag.isEmpty() ? "" : tag.split("\\s+")[0];
            out.add(new Block(page, start, lang, tag, body.toString()));
        }
        return out;
    }

    @Test
    void everyCommandBlockSaysWhetherItRuns() throws IOException {
        List<String> untagged = new ArrayList<>();
        int run = 0;
        int hardware = 0;
        for (Path page : pages()) {
            for (Block b : blocks(page)) {
                if (List.of("bash", "shell", "console", "zsh").contains(b.lang())
                        || (b.lang().isEmpty() && b.body().lines().anyMatch(l -> l.matches("\\s*(\\$ |sudo |postern |fwknop ).*")))) {
                    untagged.add(b.toString());
                }
                run += b.runs() ? 1 : 0;
                hardware += b.hardware() ? 1 : 0;
            }
        }
        assertThat(untagged).as("command blocks must be tagged sh (run by this test) or sh hardware").isEmpty();
        assertThat(run).as("command blocks run").isGreaterThan(10);
        assertThat(hardware).as("command blocks needing real hardware").isPositive();
    }

    @TestFactory
    Stream<DynamicTest> eachPageRunsItsCommands() throws IOException {
        return pages().stream().filter(p -> {
            try {
                return blocks(p).stream().anyMatch(Block::runs);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(p -> DynamicTest.dynamicTest(DOCS.relativize(p).toString(), () -> runPage(p)));
    }

    private static void runPage(Path page) throws Exception {
        Path work = Files.createTempDirectory("postern-docs-");
        Path bin = Files.createDirectories(work.resolve(".bin"));
        Path home = Files.createDirectories(work.resolve(".home"));
        PosternJar postern = PosternJar.require(home);
        Path wrapper = bin.resolve("postern");
        Files.writeString(wrapper, "#!/bin/sh\nexec " + String.join(" ", postern.argv(List.of())) + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        String port = String.valueOf(freeUdpPort());
        String metrics = "127.0.0.1:" + freeTcpPort();
        try {
            for (Block b : blocks(page)) {
                if (b.fileName() != null) {
                    Path f = work.resolve(b.fileName());
                    Files.createDirectories(f.toAbsolutePath().getParent());
                    Files.writeString(f, b.body());
                } else if (b.runs()) {
                    ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", b.body())
                            .directory(work.toFile());
                    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
                    pb.environment().put("HOME", home.toString());
                    pb.environment().put("PORT", port);
                    pb.environment().put("METRICS", metrics);
                    ProcessRunner.Result r = ProcessRunner.run(pb, Duration.ofSeconds(90), true);
                    assertThat(r.exitCode()).as("%s failed:%n%s%n--- output:%n%s", b, b.body(), r.stdout()).isZero();
                }
            }
        } finally {
            killPidFiles(work);
        }
    }

    /** Kills, by PID, what the page started in the background and recorded in *.pid files. */
    private static void killPidFiles(Path work) throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String text = Files.readString(p).trim();
                if (text.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(text)).ifPresent(ProcessRunner::destroyTree);
                }
            }
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
