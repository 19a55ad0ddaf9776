package io.postern.it.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scans every log and audit file the adversarial suite wrote ({@code target/adversarial-logs}: in-process
 * server logs at DEBUG, audit JSON lines, the output of every killed {@code postern serve}), the fuzzing logs,
 * and every surefire/failsafe report of the reactor ({@code *}{@code /target/*-reports}) for each key, HMAC
 * key, passphrase, password and token the suite configures (as configured, without padding, hex and
 * URL-safe base64). Proves: 0 hits. Failsafe does not order classes, so it scans whatever exists when it runs:
 * the files of the classes that ran before it in this build and those left by earlier builds.
 */
class SecretScanIT {

    @Test
    void noConfiguredSecretAppearsInAnyLogOrReport() throws Exception {
        List<Path> roots = new ArrayList<>(List.of(Adv.logDir(), Path.of("target", "fuzz-logs")));
        Path reactor = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> modules = Files.list(reactor)) {
            for (Path m : modules.filter(Files::isDirectory).toList()) {
                for (String reports : List.of("surefire-reports", "failsafe-reports")) {
                    Path p = m.resolve("target").resolve(reports);
                    if (Files.isDirectory(p)) {
                        roots.add(p);
                    }
                }
            }
        }
        List<String> hits = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    files++;
                    bytes += Files.size(f);
                }
            }
            hits.addAll(Adv.secretHits(root));
        }
        Adv.figure(String.format("secrets: %d secret forms searched in %d files (%d KiB) of logs, audit logs, serve "
                + "output and test reports; hits %d", Adv.secrets().size(), files, bytes / 1024, hits.size()));
        assertThat(hits).isEmpty();
    }
}
