package io.postern.orchestrator.inventory;

import io.postern.spa.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads an inventory file strictly and all at once: YAML shape and duplicate keys, names, inheritance, then every
 * device's typed settings, driver and template names and credentials. All errors are collected and thrown
 * together as one {@link InventoryException} (each {@code file:line: key: 'value' (expected: ...)}); warnings
 * travel with the result ({@link Inventory#warnings()}). Secrets are not read, only checked for presence.
 *
 * <p>Instances are immutable; the {@code with*} methods return a copy. Paths in the inventory (secret files,
 * {@code known_hosts:}, {@code template_dir}) are relative to the inventory file's directory.
 */
public final class InventoryLoader {

    private final DriverCatalog drivers;
    private final TemplateCatalog templates;
    private final Path templateDir;
    private final Function<String, String> env;

    private InventoryLoader(DriverCatalog drivers, TemplateCatalog templates, Path templateDir,
            Function<String, String> env) {
        this.drivers = drivers;
        this.templates = templates;
        this.templateDir = templateDir;
        this.env = env;
    }

    /**
     * The production loader: built-in and ServiceLoader drivers, the inventory's {@code template_dir} (if any)
     * then the shipped templates, and the process environment.
     */
    public static InventoryLoader defaults() {
        return new InventoryLoader(DriverCatalog.builtin(), null, null, System::getenv);
    }

    /** Loads {@code file} with {@link #defaults()}. */
    public static Inventory load(Path file) throws ConfigException {
        return defaults().read(file);
    }

    /** Uses these driver names instead of the built-in registry. */
    public InventoryLoader withDrivers(DriverCatalog catalog) {
        return new InventoryLoader(Objects.requireNonNull(catalog), templates, templateDir, env);
    }

    /** Uses this template catalog, ignoring {@code template_dir} and {@link #withTemplateDir}. */
    public InventoryLoader withTemplates(TemplateCatalog catalog) {
        return new InventoryLoader(drivers, Objects.requireNonNull(catalog), templateDir, env);
    }

    /** Looks up templates in {@code dir} first (overrides the inventory's {@code template_dir}). */
    public InventoryLoader withTemplateDir(Path dir) {
        return new InventoryLoader(drivers, templates, Objects.requireNonNull(dir), env);
    }

    /** Reads environment variables through {@code lookup} (for {@code *_env} references). */
    public InventoryLoader withEnv(Function<String, String> lookup) {
        return new InventoryLoader(drivers, templates, templateDir, Objects.requireNonNull(lookup));
    }

    /**
     * Loads and validates {@code file}.
     *
     * @throws InventoryException listing every error found
     */
    public Inventory read(Path file) throws InventoryException {
        Path abs = file.toAbsolutePath().normalize();
        Problems problems = new Problems();
        ParsedInventory parsed = new InventoryParser(abs, problems).parse();
        if (parsed == null) {
            problems.throwIfAny();
            throw new IllegalStateException("no inventory and no error");
        }
        for (String host : parsed.hosts().keySet()) {
            if (parsed.groups().containsKey(host)) {
                HostDecl h = parsed.hosts().get(host);
                problems.error(h.origin, "host", host, "a name not also used by a group (line "
                        + parsed.groups().get(host).origin.line() + ")");
            }
        }
        GroupGraph graph = GroupGraph.build(parsed, problems);
        VarResolver resolver = new VarResolver(parsed, graph, problems);
        parsed.groups().values().forEach(g -> resolver.checkPairs(g.vars));
        parsed.hosts().values().forEach(h -> resolver.checkPairs(h.vars));
        DeviceBuilder builder = new DeviceBuilder(problems, drivers.knownNames(), templateCatalog(parsed, problems),
                env, parsed.baseDir());
        List<Device> devices = new ArrayList<>();
        for (HostDecl h : parsed.hosts().values()) {
            List<String> groups = graph.groupsOf(h.name);
            Device d = builder.build(h.name, resolver.resolve(h.name, groups), groups, h.origin);
            if (d != null) {
                devices.add(d);
            }
        }
        List<Group> groups = new GroupBuilder(parsed, graph, problems).build();
        problems.throwIfAny();
        warnings(devices, builder.insecureHostKeys(), problems);
        return new Inventory(abs, groups, devices, problems.warnings());
    }

    private TemplateCatalog templateCatalog(ParsedInventory parsed, Problems problems) {
        if (templates != null) {
            return templates;
        }
        Path dir = templateDir;
        Origin at = new Origin(parsed.file(), 0);
        if (dir == null && parsed.templateDir() != null) {
            dir = parsed.baseDir().resolve(parsed.templateDir().value()).normalize();
            at = parsed.templateDir().origin();
        }
        if (dir == null) {
            return TemplateCatalog.shipped();
        }
        if (!Files.isDirectory(dir)) {
            problems.error(at, "template_dir", dir.toString(), "an existing directory of template families");
            return TemplateCatalog.shipped();
        }
        try {
            return TemplateCatalog.withUserDir(dir);
        } catch (IOException e) {
            problems.error(at, "template_dir", dir.toString(), "a readable directory (" + e.getMessage() + ")");
            return TemplateCatalog.shipped();
        }
    }

    /** Insecure host keys, and secrets that are world-readable or not available now (one warning per place). */
    private static void warnings(List<Device> devices, Map<Origin, Set<String>> insecure, Problems problems) {
        Set<SecretRef> seen = new LinkedHashSet<>();
        for (Device d : devices) {
            for (SecretRef r : d.credentials().all()) {
                if (seen.add(r)) {
                    r.file().flatMap(SecretFiles::worldReadableMode).ifPresent(mode -> problems.warn(r.origin(),
                            r + " is world-readable (" + mode + "); chmod 600 it"));
                    r.unavailable().ifPresent(why -> problems.warn(r.origin(),
                            r + ": " + why + " (opening on " + d.name() + " will fail until it is)"));
                }
            }
        }
        insecure.forEach((o, names) -> problems.warn(o, "host_key insecure-accept-any: any SSH host key is "
                + "accepted (labs only) for " + String.join(", ", names)));
    }
}
