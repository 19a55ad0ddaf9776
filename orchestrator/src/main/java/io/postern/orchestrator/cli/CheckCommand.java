package io.postern.orchestrator.cli;

import io.postern.orchestrator.check.CheckJson;
import io.postern.orchestrator.check.CheckResult;
import io.postern.orchestrator.check.ConfigCheck;
import io.postern.orchestrator.check.EffectiveConfig;
import io.postern.orchestrator.check.Probe;
import io.postern.orchestrator.inventory.Device;
import io.postern.orchestrator.serve.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code postern check}: loads access.conf, fwknopd.conf and the inventory together, prints the effective
 * configuration with every secret as {@code <masked>}, renders every template for every target with sample values,
 * and warns about weak setups; {@code --probe} logs in to each targeted device. Errors and warnings go to standard
 * error, one {@code file:line: ...} line each. Exit 0 when clean (warnings allowed), 2 on any configuration error,
 * 1 when only a probe failed.
 */
@Command(name = "check", sortOptions = false,
        description = {"Validate access.conf, fwknopd.conf and the inventory together and print the effective "
                + "configuration (secrets <masked>).",
            "Renders every template for every target with sample values and warns about weak setups. "
                + "Exit 0 clean, 2 on configuration errors, 1 when a --probe failed."})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--access-file"}, paramLabel = "FILE", description = "access.conf (default: /etc/postern/access.conf)")
    Path accessFile;

    @Option(names = {"-c", "--config-file"}, paramLabel = "FILE",
            description = "fwknopd.conf (default: /etc/postern/fwknopd.conf if it exists, else fwknopd's defaults)")
    Path fwknopdConf;

    @Option(names = {"--inventory"}, paramLabel = "FILE",
            description = "device inventory (default: /etc/postern/inventory.yaml if it exists)")
    Path inventory;

    @Option(names = {"--template-dir"}, paramLabel = "DIR", description = "templates that override the shipped ones")
    Path templateDir;

    @Option(names = {"--probe"}, description = "log in to each targeted device and run a harmless command")
    boolean probe;

    @Option(names = {"--probe-parallel"}, paramLabel = "N", description = "devices probed at once (default: 8)")
    int probeParallel = 8;

    @Option(names = {"--json"}, description = "print one JSON object (ok, errors, warnings, stanzas, devices, probes)")
    boolean json;

    /** Environment lookup for the inventory's {@code *_env} references; tests replace it. */
    Function<String, String> env = System::getenv;

    @Override
    public Integer call() throws Exception {
        if (probeParallel < 1) {
            throw CliException.usage("--probe-parallel must be at least 1");
        }
        Path access = accessFile != null ? accessFile : ServerOptions.DEFAULT_CONFIG_DIR.resolve("access.conf");
        CheckResult r = new ConfigCheck(access, orDefault(fwknopdConf, "fwknopd.conf"),
                orDefault(inventory, "inventory.yaml"), templateDir, env).run();
        List<Probe.Result> probes = probe ? probe(r) : null;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            out.println(CheckJson.of(r, probes));
        } else {
            r.warnings().forEach(w -> err.println("warning: " + w));
            r.errors().forEach(err::println);
            err.flush();
            out.print(EffectiveConfig.describe(r));
            if (probes != null) {
                out.println("# probe");
                probes.forEach(p -> out.printf("  %-20s %s%n", p.device(), p.outcome()));
            }
            out.println(summary(r, probes));
        }
        out.flush();
        if (!r.clean()) {
            return CliException.USAGE;
        }
        return probes != null && probes.stream().anyMatch(p -> !p.ok()) ? CliException.RUNTIME : 0;
    }

    private List<Probe.Result> probe(CheckResult r) throws InterruptedException {
        List<Device> devices = r.targetedDevices();
        if (devices.isEmpty() && r.stanzas().isEmpty() && r.inventory() != null) {
            devices = r.inventory().devices();
        }
        try (Probe p = new Probe()) {
            return p.probeAll(devices, probeParallel);
        }
    }

    private static String summary(CheckResult r, List<Probe.Result> probes) {
        long failed = probes == null ? 0 : probes.stream().filter(p -> !p.ok()).count();
        String counts = r.errors().size() + " errors, " + r.warnings().size() + " warnings"
                + (probes == null ? "" : ", " + (probes.size() - failed) + "/" + probes.size() + " devices answered");
        return (r.clean() && failed == 0 ? "check: ok (" : "check: FAILED (") + counts + ")";
    }

    private static Path orDefault(Path given, String name) {
        if (given != null) {
            return given;
        }
        Path d = ServerOptions.DEFAULT_CONFIG_DIR.resolve(name);
        return Files.isRegularFile(d) ? d : null;
    }
}
