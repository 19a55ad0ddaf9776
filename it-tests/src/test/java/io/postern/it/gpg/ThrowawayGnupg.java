package io.postern.it.gpg;

import io.postern.it.support.ProcessRunner;
import io.postern.it.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * GnuPG homes made for one test with the real {@code gpg --batch --quick-gen-key}: unprotected keys,
 * imports between homes, local certification. {@link #close()} stops every gpg-agent started in them
 * ({@code gpgconf --homedir H --kill all}).
 */
final class ThrowawayGnupg implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final List<Path> homes = new ArrayList<>();

    static void requireTools() {
        Tools.requireExecutables(Path.of("/usr/bin/gpg"), Path.of("/usr/bin/gpgconf"));
    }

    /** A new empty home (mode 700) under {@code parent}. */
    Path home(Path parent, String name) throws IOException {
        Path h = Files.createDirectories(parent.resolve(name));
        Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwx------"));
        homes.add(h);
        return h;
    }

    /** Generates a key with a primary of {@code algo}/{@code usage}; returns the primary fingerprint. */
    String generate(Path home, String uid, String algo, String usage) {
        gpg(home, "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", uid, algo, usage, "never");
        return fingerprints(home, uid).get(0);
    }

    /** Adds a subkey. */
    void addSubkey(Path home, String primaryFpr, String algo, String usage) {
        gpg(home, "--pinentry-mode", "loopback", "--passphrase", "", "--quick-add-key", primaryFpr, algo, usage, "never");
    }

    /** Copies a public key from one home to another. */
    void copyPublic(Path from, Path to, String fpr) throws IOException {
        Path f = Files.createTempFile(to, "pub", ".gpg");
        gpg(from, "--output", f.toString(), "--yes", "--export", fpr);
        gpg(to, "--import", f.toString());
        Files.delete(f);
    }

    /** Certifies {@code fpr} locally with the home's own key, so its validity becomes full. */
    void certify(Path home, String fpr) {
        gpg(home, "--pinentry-mode", "loopback", "--passphrase", "", "--yes", "--quick-lsign-key", fpr);
        gpg(home, "--check-trustdb");
    }

    /** Fingerprints of the primary and subkeys of {@code uid}, primary first. */
    List<String> fingerprints(Path home, String uid) {
        ProcessRunner.Result r = gpg(home, "--with-colons", "--list-keys", uid);
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("fpr:")) {
                out.add(line.split(":")[9]);
            }
        }
        return out;
    }

    ProcessRunner.Result gpg(Path home, String... args) {
        List<String> argv = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty"));
        argv.addAll(List.of(args));
        ProcessRunner.Result r = ProcessRunner.run(argv, TIMEOUT);
        if (r.exitCode() != 0) {
            throw new AssertionError("gpg failed: " + r.describe());
        }
        return r;
    }

    @Override
    public void close() {
        for (Path h : homes) {
            ProcessRunner.run(List.of("gpgconf", "--homedir", h.toString(), "--kill", "all"), Duration.ofSeconds(20));
        }
    }
}
