package io.postern.orchestrator.check;

import io.postern.device.CommandSequence;
import io.postern.device.GrantContext;
import io.postern.device.template.RenderException;
import io.postern.device.template.TemplateRenderer;
import io.postern.orchestrator.inventory.Device;
import io.postern.orchestrator.inventory.Inventory;
import io.postern.orchestrator.inventory.InventoryException;
import io.postern.orchestrator.inventory.InventoryLoader;
import io.postern.orchestrator.inventory.TargetsValidator;
import io.postern.spa.config.AccessConf;
import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.ConfigException;
import io.postern.spa.config.ConfigWarning;
import io.postern.spa.config.FwknopdConf;
import io.postern.spa.config.FwknopdConfReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads fwknopd.conf, access.conf and the inventory together and checks them against each other, collecting every
 * error instead of stopping at the first: each file's own errors (access.conf stops at its first, as fwknopd does;
 * the inventory reports all of its), TARGETS that name nothing (with close matches), and every template rendered for
 * every target with {@link SampleValues}. Then the weak-setup warnings. Nothing connects anywhere.
 *
 * <p>Immutable; {@link #run()} may be called again (it re-reads the files).
 */
public final class ConfigCheck {

    /** The template sections of a grant. */
    private static final String OPEN = "open";
    private static final String CLOSE = "close";
    private static final String PROVISION = "provision";

    private final Path access;
    private final Path fwknopdConf;
    private final Path inventory;
    private final Path templateDir;
    private final Function<String, String> env;

    /**
     * @param access      access.conf (required)
     * @param fwknopdConf fwknopd.conf, or null for fwknopd's defaults
     * @param inventory   the inventory, or null when there is none
     * @param templateDir templates overriding the shipped ones, or null
     * @param env         environment lookup for the inventory's {@code *_env} references
     */
    public ConfigCheck(Path access, Path fwknopdConf, Path inventory, Path templateDir, Function<String, String> env) {
        this.access = Objects.requireNonNull(access, "access");
        this.fwknopdConf = fwknopdConf;
        this.inventory = inventory;
        this.templateDir = templateDir;
        this.env = Objects.requireNonNull(env, "env");
    }

    /** Runs every check. */
    public CheckResult run() {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        FwknopdConf conf = readFwknopdConf(errors);
        conf.warnings().forEach(w -> warnings.add(w.toString()));
        List<AccessStanza> stanzas = readAccess(conf, errors, warnings);
        Inventory inv = readInventory(errors);
        TemplateRenderer renderer = renderer(errors);
        List<CheckResult.Stanza> resolved = resolve(stanzas, inv, errors, warnings);
        List<CheckResult.Render> renders = renderer == null ? List.of() : render(resolved, renderer, errors);
        WeakSetupWarnings.of(stanzas).forEach(w -> warnings.add(w.toString()));
        Set<Path> keyFiles = new LinkedHashSet<>();
        stanzas.forEach(s -> keyFiles.add(s.file()));
        keyFiles.stream().filter(Objects::nonNull)
                .forEach(f -> WeakSetupWarnings.worldReadable(f, "SPA keys").ifPresent(w -> warnings.add(w.toString())));
        if (inv != null) {
            inv.warnings().forEach(w -> warnings.add(w.toString()));
        }
        return new CheckResult(conf, access, resolved, inv, renders, errors, warnings);
    }

    private FwknopdConf readFwknopdConf(List<String> errors) {
        if (fwknopdConf == null) {
            return FwknopdConf.defaults();
        }
        try {
            return FwknopdConfReader.read(fwknopdConf);
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            return FwknopdConf.defaults();
        }
    }

    private List<AccessStanza> readAccess(FwknopdConf conf, List<String> errors, List<String> warnings) {
        if (!Files.isRegularFile(access)) {
            errors.add(access + ": not found (expected: an access.conf file; -a FILE)");
            return List.of();
        }
        try {
            AccessConf ac = new AccessConfReader(conf).read(access);
            for (ConfigWarning w : ac.warnings()) {
                if (!WeakSetupWarnings.coveredByAnySource(w, ac.stanzas())) {
                    warnings.add(w.toString());
                }
            }
            return ac.stanzas();
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            return List.of();
        }
    }

    private Inventory readInventory(List<String> errors) {
        if (inventory == null) {
            return null;
        }
        if (!Files.isRegularFile(inventory)) {
            errors.add(inventory + ": not found (expected: an inventory file; --inventory FILE)");
            return null;
        }
        InventoryLoader loader = InventoryLoader.defaults().withEnv(env);
        if (templateDir != null) {
            loader = loader.withTemplateDir(templateDir);
        }
        try {
            return loader.read(inventory);
        } catch (InventoryException e) {
            e.errors().forEach(x -> errors.add(x.getMessage()));
            return null;
        }
    }

    private TemplateRenderer renderer(List<String> errors) {
        if (templateDir == null) {
            return TemplateRenderer.classpathOnly();
        }
        if (!Files.isDirectory(templateDir)) {
            errors.add(templateDir + ": not a directory (expected: a directory of template families; --template-dir)");
            return null;
        }
        try {
            return TemplateRenderer.withUserDir(templateDir);
        } catch (IOException e) {
            errors.add(templateDir + ": cannot read (" + e.getMessage() + ")");
            return null;
        }
    }

    private List<CheckResult.Stanza> resolve(List<AccessStanza> stanzas, Inventory inv, List<String> errors,
            List<String> warnings) {
        List<CheckResult.Stanza> out = new ArrayList<>();
        int n = 0;
        for (AccessStanza s : stanzas) {
            n++;
            if (s.targets().isEmpty()) {
                out.add(new CheckResult.Stanza(n, s, List.of(), null));
                continue;
            }
            if (inv == null) {
                if (inventory == null) {
                    errors.add(new ConfigException(s.file(), s.line(), "TARGETS", String.join(", ", s.targets()),
                            "an inventory that defines them (--inventory FILE)").getMessage());
                }
                out.add(new CheckResult.Stanza(n, s, List.of(), null));
                continue;
            }
            List<ConfigException> unknown = TargetsValidator.check(inv, s.targets(), s.file(), s.line());
            unknown.forEach(e -> errors.add(e.getMessage()));
            List<String> known = s.targets().stream().filter(inv::contains).toList();
            List<Device> devices = List.of();
            try {
                devices = inv.resolveTargets(known);
            } catch (InventoryException e) {
                throw new IllegalStateException("known targets failed to resolve", e);
            }
            if (devices.isEmpty() && unknown.isEmpty()) {
                warnings.add(new ConfigWarning(s.file(), s.line(), "TARGETS " + String.join(", ", s.targets())
                        + " resolve to no device; grants of this stanza open nothing").toString());
            }
            out.add(new CheckResult.Stanza(n, s, devices, known.isEmpty() ? null : inv.rollout(known)));
        }
        return out;
    }

    private static List<CheckResult.Render> render(List<CheckResult.Stanza> stanzas, TemplateRenderer renderer,
            List<String> errors) {
        List<CheckResult.Render> out = new ArrayList<>();
        Map<String, Device> provisioned = new LinkedHashMap<>();
        for (CheckResult.Stanza s : stanzas) {
            for (Device d : s.devices()) {
                provisioned.putIfAbsent(d.name(), d);
                String where = d.origin() + ": device " + d.name() + ", stanza " + s.number() + " ("
                        + s.stanza().file() + ":" + s.stanza().line() + ", sample " + SampleValues.SOURCE + " "
                        + SampleValues.protoPort(s.stanza()) + "): ";
                try {
                    GrantContext g = renderer.renderGrant("[check]", d.template(), SampleValues.grant(s.stanza(), d),
                            d.timeouts().command());
                    out.add(new CheckResult.Render(s.number(), d,
                            List.of(section(OPEN, g.open()), section(CLOSE, g.close())), null));
                } catch (RenderException | RuntimeException e) {
                    out.add(failed(s.number(), d, where + e.getMessage(), errors));
                }
            }
        }
        for (Device d : provisioned.values()) {
            List<CheckResult.Section> sections = new ArrayList<>();
            try {
                if (renderer.exists(d.template(), io.postern.device.template.Section.PROVISION)) {
                    sections.add(section(PROVISION, renderer.renderProvision(d.template(), d.vars(),
                            d.timeouts().command())));
                }
                out.add(new CheckResult.Render(0, d, sections, null));
            } catch (RenderException | RuntimeException e) {
                out.add(failed(0, d, d.origin() + ": device " + d.name() + ", provision: " + e.getMessage(), errors));
            }
        }
        return out;
    }

    private static CheckResult.Render failed(int stanza, Device d, String message, List<String> errors) {
        String line = message.replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        errors.add(line);
        return new CheckResult.Render(stanza, d, List.of(), line);
    }

    static CheckResult.Section section(String name, CommandSequence seq) {
        return new CheckResult.Section(name, seq.argvs().stream().map(a -> seq.mask(String.join(" ", a))).toList());
    }
}
