package io.postern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What every scenario needs: mode, folders, binaries, keys and the results being collected. */
final class Ctx {
    static final String FWKNOPD = "/usr/sbin/fwknopd";

    final boolean quick;
    final int runs;
    final Path work;
    final Path posternJar;
    final BenchKeys keys;
    final Results results;
    final int cores = Runtime.getRuntime().availableProcessors();
    final List<String> javaOpts;
    /** Allow-address index handed out to each batch of packets so that no two packets in a run repeat. */
    private long nextIndex = 1;

    Ctx(boolean quick, Path work, Path posternJar, Results results) {
        this.quick = quick;
        this.runs = quick ? 3 : 5;
        this.work = work;
        this.posternJar = posternJar;
        this.keys = BenchKeys.generate();
        this.results = results;
        // the shipped JVM options (packaging/jvm.options, copied beside the jar by bench/run), then the caller's
        List<String> opts = new java.util.ArrayList<>();
        Path shipped = posternJar.resolveSibling("jvm.options");
        if (Files.isRegularFile(shipped)) {
            opts.add("@" + shipped);
        }
        String extra = System.getenv().getOrDefault("POSTERN_JAVA_OPTS", "");
        if (!extra.isBlank()) {
            opts.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        this.javaOpts = List.copyOf(opts);
    }

    synchronized long indices(int n) {
        long first = nextIndex;
        nextIndex += n;
        return first;
    }

    /** A fresh folder for one server instance. */
    Path dir(String name) throws IOException {
        Path d = work.resolve(name);
        Files.createDirectories(d);
        return d;
    }

    static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    List<String> fwknopd(Path dir, String... extra) {
        List<String> c = new ArrayList<>(List.of(FWKNOPD, "-f", "-c", dir.resolve("fwknopd.conf").toString(),
                "-a", dir.resolve("access.conf").toString(), "-d", dir.resolve("digest.cache").toString(),
                "-p", dir.resolve("fwknopd.pid").toString(), "-r", dir.toString()));
        c.addAll(List.of(extra));
        return c;
    }

    List<String> postern(Path dir, String... extra) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(javaOpts);
        c.addAll(List.of("-jar", posternJar.toString(), "serve", "-a", dir.resolve("access.conf").toString(),
                "-c", dir.resolve("fwknopd.conf").toString(), "--state-dir", dir.resolve("state").toString()));
        c.addAll(List.of(extra));
        return c;
    }
}
