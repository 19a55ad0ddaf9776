package io.postern.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Time-boxed coverage-guided fuzzing in CI: each fuzz target runs under the standalone Jazzer driver in its
 * own JVM for {@code postern.fuzz.seconds} seconds (default 5; 0 skips), starting from the committed seeds
 * and a corpus kept in {@code target/fuzz-corpus/<target>}. Proves: no crash, no exception other than the
 * allowed ones, and no hang (libFuzzer's per-input timeout, 10 s) within the budget. The @FuzzTest methods
 * of the same classes run their seeds as regression tests in every {@code mvn verify}.
 */
class FuzzCampaignIT {

    static final String FUZZ = "io/postern/it/fuzz/";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "io.postern.it.fuzz.SpaDecoderFuzzIT, SpaDecoderFuzzITInputs/decode",
        "io.postern.it.fuzz.ConfigFuzzIT$AccessConf, ConfigFuzzITInputs/accessConfFuzz",
        "io.postern.it.fuzz.ConfigFuzzIT$FwknopdConfTarget, ConfigFuzzITInputs/fwknopdConfFuzz",
        "io.postern.it.fuzz.ConfigFuzzIT$FwknopRc, ConfigFuzzITInputs/fwknopRcFuzz",
        "io.postern.it.fuzz.ConfigFuzzIT$Inventory, ConfigFuzzITInputs/inventoryFuzz",
        "io.postern.it.fuzz.TemplateValuesFuzzIT, TemplateValuesFuzzITInputs/values"})
    void runsWithoutFindings(String target, String seeds) throws Exception {
        long seconds = Long.getLong("postern.fuzz.seconds", 5);
        org.junit.jupiter.api.Assumptions.assumeTrue(seconds > 0, "postern.fuzz.seconds=0");
        String name = target.substring(target.lastIndexOf('.') + 1).replace('$', '-');
        Path corpus = Path.of("target", "fuzz-corpus", name).toAbsolutePath();
        Path findings = Path.of("target", "fuzz-findings", name).toAbsolutePath();
        Files.createDirectories(corpus);
        Files.createDirectories(findings);
        Path seedDir = Path.of("src", "test", "resources", FUZZ + seeds).toAbsolutePath();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", cp, "-Dpostern.sharedDir=" + System.getProperty("postern.sharedDir", ""),
                "com.code_intelligence.jazzer.Jazzer", "--target_class=" + target,
                "--instrumentation_includes=io.postern.**", "--keep_going=1",
                "-max_total_time=" + seconds, "-timeout=10", "-rss_limit_mb=2048",
                "--reproducer_path=" + findings, "-artifact_prefix=" + findings + "/", corpus.toString(), seedDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(argv);
        Path log = Path.of("target", "fuzz-logs").toAbsolutePath();
        Files.createDirectories(log);
        ProcessRunner.Result r = ProcessRunner.run(pb, Duration.ofSeconds(seconds + 120), true);
        Files.writeString(log.resolve(name + ".log"), r.stdout());
        String out = r.stdout();
        Matcher m = Pattern.compile("#(\\d+)\\s+DONE\\s+cov: (\\d+)").matcher(out);
        String stats = m.find() ? m.group(1) + " execs, cov " + m.group(2) : "no DONE line";
        long corpusFiles;
        try (var s = Files.list(corpus)) {
            corpusFiles = s.count();
        }
        io.postern.it.adversarial.Figures.add(String.format("fuzz %s: %d s, %s, corpus %d files, exit %d", name, seconds,
                stats, corpusFiles, r.exitCode()));
        assertThat(r.exitCode()).as("Jazzer exit for %s (log target/fuzz-logs/%s.log):\n%s", target, name,
                tail(out)).isZero();
    }

    static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
