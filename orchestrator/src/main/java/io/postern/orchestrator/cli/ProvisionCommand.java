package io.postern.orchestrator.cli;

import io.postern.device.CommandSequence;
import io.postern.device.template.RenderException;
import io.postern.device.template.Section;
import io.postern.device.template.TemplateRenderer;
import io.postern.orchestrator.check.ProvisionRunner;
import io.postern.orchestrator.check.ProvisionRunner.Outcome;
import io.postern.orchestrator.check.ProvisionRunner.Status;
import io.postern.orchestrator.inventory.Device;
import io.postern.orchestrator.inventory.Group;
import io.postern.orchestrator.inventory.Inventory;
import io.postern.orchestrator.inventory.InventoryException;
import io.postern.orchestrator.inventory.InventoryLoader;
import io.postern.orchestrator.serve.ServerOptions;
import io.postern.spa.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code postern provision}: renders each selected device's {@code provision} section (its base policy: the ACL,
 * set or chain and the default drop) and pushes it through the device's driver, several devices at once, with a
 * progress line per device and a summary table. Devices whose template has no provision section are listed as
 * skipped. {@code --dry-run} prints the commands and connects nowhere. Exit 0 when every device succeeded, 1 when
 * any failed, 2 on a configuration error (nothing is pushed then).
 */
@Command(name = "provision", sortOptions = false,
        description = {"Push each device's base policy (its template's provision section) to the inventory.",
            "Devices run in parallel up to the group's concurrency; a failed device does not stop the others. "
                + "Exit 0 all ok, 1 any failed, 2 configuration error."})
public final class ProvisionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"--inventory"}, paramLabel = "FILE", description = "device inventory (default: /etc/postern/inventory.yaml)")
    Path inventory;

    @Option(names = {"--template-dir"}, paramLabel = "DIR", description = "templates that override the shipped ones")
    Path templateDir;

    @Option(names = {"--group"}, paramLabel = "G", description = "only the devices of group G (repeatable)")
    List<String> groups = new ArrayList<>();

    @Option(names = {"--host"}, paramLabel = "H", description = "only device H (repeatable)")
    List<String> hosts = new ArrayList<>();

    @Option(names = {"--dry-run"}, description = "print the rendered commands per device; connect nowhere")
    boolean dryRun;

    @Option(names = {"--concurrency"}, paramLabel = "N",
            description = "devices at once (default: the selected groups' concurrency, strictest first)")
    Integer concurrency;

    /** Creates drivers; tests may replace it. */
    ProvisionRunner.DriverSource drivers = ProvisionRunner.DriverSource.BUILTIN;

    @Override
    public Integer call() throws Exception {
        if (concurrency != null && (concurrency < 1 || concurrency > 1000)) {
            throw CliException.usage("--concurrency must be 1..1000");
        }
        Inventory inv = load();
        List<String> names = selection(inv);
        List<Device> devices = names.isEmpty() ? inv.devices() : resolve(inv, names);
        List<ProvisionRunner.Job> jobs = render(devices, renderer());
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            dryRun(out, jobs);
            return 0;
        }
        int parallel = concurrency != null ? concurrency
                : inv.rollout(names.isEmpty() ? List.of(Group.ALL) : names).concurrency();
        out.printf("provisioning %d devices, %d at once%n", devices.size(), parallel);
        out.flush();
        List<Outcome> outcomes = new ProvisionRunner(drivers).run(jobs, parallel, (done, total, o) -> {
            if (o.status() != Status.SKIPPED) {
                out.printf("[%d/%d] %s %s%n", done, total, o.device().name(), o.status() == Status.OK
                        ? "ok (" + o.millis() + " ms)" : "FAILED: " + o.detail());
                out.flush();
            }
        });
        summary(out, outcomes);
        return outcomes.stream().anyMatch(o -> o.status() == Status.FAILED) ? CliException.RUNTIME : 0;
    }

    private Inventory load() throws ConfigException {
        Path file = inventory != null ? inventory : ServerOptions.DEFAULT_CONFIG_DIR.resolve("inventory.yaml");
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("inventory not found: " + file + " (--inventory FILE)");
        }
        InventoryLoader loader = InventoryLoader.defaults();
        if (templateDir != null) {
            loader = loader.withTemplateDir(templateDir);
        }
        return loader.read(file);
    }

    private List<String> selection(Inventory inv) {
        List<String> names = new ArrayList<>();
        for (String g : groups) {
            if (inv.device(g).isPresent()) {
                throw CliException.usage("--group " + g + ": that is a host (use --host " + g + ")");
            }
            names.add(g);
        }
        for (String h : hosts) {
            if (inv.group(h).isPresent()) {
                throw CliException.usage("--host " + h + ": that is a group (use --group " + h + ")");
            }
            names.add(h);
        }
        return names;
    }

    private static List<Device> resolve(Inventory inv, List<String> names) {
        try {
            return inv.resolveTargets(names);
        } catch (InventoryException e) {
            throw CliException.usage(e.getMessage().replace("TARGETS: ", "--group/--host: "));
        }
    }

    private TemplateRenderer renderer() throws IOException {
        if (templateDir == null) {
            return TemplateRenderer.classpathOnly();
        }
        if (!Files.isDirectory(templateDir)) {
            throw CliException.usage("--template-dir " + templateDir + ": not a directory");
        }
        return TemplateRenderer.withUserDir(templateDir);
    }

    /** Renders every device's provision section; any render error is a configuration error (exit 2). */
    private static List<ProvisionRunner.Job> render(List<Device> devices, TemplateRenderer renderer) {
        List<ProvisionRunner.Job> jobs = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Device d : devices) {
            if (!renderer.exists(d.template(), Section.PROVISION)) {
                jobs.add(new ProvisionRunner.Job(d, null, "template " + d.template() + " has no provision section"));
                continue;
            }
            try {
                CommandSequence seq = renderer.renderProvision(d.template(), d.vars(), d.timeouts().command());
                jobs.add(new ProvisionRunner.Job(d, seq, null));
            } catch (RenderException | RuntimeException e) {
                errors.add(d.origin() + ": device " + d.name() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw CliException.usage(String.join("\n", errors));
        }
        return jobs;
    }

    private static void dryRun(PrintWriter out, List<ProvisionRunner.Job> jobs) {
        for (ProvisionRunner.Job j : jobs) {
            Device d = j.device();
            String at = d.address() == null ? "" : " " + d.address() + (d.port() > 0 ? ":" + d.port() : "");
            out.printf("# %s (%s%s, template %s)%s%n", d.name(), d.driver(), at, d.template(),
                    j.commands() == null ? ": skipped, " + j.skipped() : "");
            if (j.commands() != null) {
                for (List<String> argv : j.commands().argvs()) {
                    out.println(j.commands().mask(String.join(" ", argv)));
                }
            }
        }
        long skipped = jobs.stream().filter(j -> j.commands() == null).count();
        out.printf("dry run: %d devices would be provisioned, %d skipped; nothing was sent%n",
                jobs.size() - skipped, skipped);
        out.flush();
    }

    private static void summary(PrintWriter out, List<Outcome> outcomes) {
        out.println();
        out.printf("%-24s %-11s %-8s %8s  %s%n", "DEVICE", "DRIVER", "RESULT", "TIME", "DETAIL");
        for (Outcome o : outcomes) {
            out.printf("%-24s %-11s %-8s %8s  %s%n", o.device().name(), o.device().driver(),
                    o.status().name().toLowerCase(java.util.Locale.ROOT),
                    o.status() == Status.SKIPPED ? "-" : o.millis() + " ms", o.detail());
        }
        long ok = outcomes.stream().filter(o -> o.status() == Status.OK).count();
        long failed = outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
        out.printf("provisioned %d, failed %d, skipped %d%n", ok, failed, outcomes.size() - ok - failed);
        out.flush();
    }
}
