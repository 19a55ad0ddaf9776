package io.postern.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged {@code postern} command ({@code orchestrator/target/postern.jar}, path from the
 * {@code postern.jar} system property the build sets), run as a separate JVM the way users run it,
 * with HOME pointing at a private folder and a fixed LOGNAME.
 */
public final class PosternJar {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path jar;
    private final Path home;

    private PosternJar(Path jar, Path home) {
        this.jar = jar;
        this.home = home.toAbsolutePath();
    }

    /** The jar, or a skip (a failure in CI) if it has not been built. */
    public static PosternJar require(Path home) {
        String prop = System.getProperty("postern.jar");
        Path jar = prop == null ? Path.of("../orchestrator/target/postern.jar") : Path.of(prop);
        Tools.assume(Files.isRegularFile(jar), "postern.jar not built at " + jar.toAbsolutePath()
                + " (run mvn package, or set -Dpostern.jar)");
        return new PosternJar(jar.toAbsolutePath(), home);
    }

    /** {@code java -jar postern.jar <args>}, for running elsewhere (e.g. inside a namespace). */
    public List<String> argv(List<String> args) {
        List<String> a = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        a.addAll(args);
        return a;
    }

    /** Runs {@code postern <args>} and returns the result whatever the exit code. */
    public ProcessRunner.Result run(List<String> args) {
        return ProcessRunner.run(builder(argv(args)), TIMEOUT, false);
    }

    /** A process builder with this jar's private HOME and LOGNAME in its environment. */
    public ProcessBuilder builder(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("FWKNOP") || k.equals("SPOOF_USER"));
        env.put("HOME", home.toString());
        env.put("LOGNAME", FwknopClient.USER);
        env.put("USER", FwknopClient.USER);
        return pb;
    }

    public Path home() {
        return home;
    }
}
