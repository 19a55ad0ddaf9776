package io.postern.orchestrator.inventory;

import io.postern.device.SafeText;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML node tree (SnakeYAML's safe composer: no object construction, line numbers kept) into
 * {@link ParsedInventory}: checks the shape, key names, duplicate keys, names and value characters, and merges
 * repeated mentions of a group or host, refusing conflicting settings.
 */
final class InventoryParser {

    static final Set<String> TOP_KEYS = Set.of("all", "template_dir");
    static final List<String> GROUP_KEYS = List.of("hosts", "children", "vars", "rollout", "concurrency");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");
    static final String NAME_EXPECTED = "a name of 1-128 characters from [A-Za-z0-9_.:@-] (as TARGETS allows)";

    private static final int MAX_VALUE_LENGTH = 4096;

    private final Path file;
    private final Problems problems;
    private final Map<String, GroupDecl> groups = new LinkedHashMap<>();
    private final Map<String, HostDecl> hosts = new LinkedHashMap<>();

    InventoryParser(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The parsed file, or null when it cannot be read as YAML at all (the reason is in the problems). */
    ParsedInventory parse() {
        Node root = compose();
        if (root == null) {
            return null;
        }
        if (!(root instanceof MappingNode map)) {
            problems.error(at(root), null, null, "a mapping with top-level key 'all'");
            return null;
        }
        Located templateDir = null;
        Node all = null;
        for (Entry e : entries(map)) {
            switch (e.key) {
                case "all" -> all = e.value;
                case "template_dir" -> templateDir = scalar(e);
                default -> problems.error(e.origin, e.key, null,
                        "a top-level key among all, template_dir (groups go under all: children:)");
            }
        }
        if (all == null) {
            problems.error(new Origin(file, 1), "all", null, "a top-level 'all' group");
            return null;
        }
        group(Group.ALL, all, at(map));
        return new ParsedInventory(file, templateDir, groups, hosts);
    }

    private Node compose() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.error(new Origin(file, 0), null, null, "a readable UTF-8 file (" + e.getClass().getSimpleName()
                    + ")");
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setProcessComments(false);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
            if (root == null) {
                problems.error(new Origin(file, 0), null, null, "an inventory, not an empty file");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.error(new Origin(file, m == null ? 0 : m.getLine() + 1), null, null,
                    "valid YAML: " + Objects.toString(e.getProblem(), e.getClass().getSimpleName()));
        } catch (YAMLException e) {
            problems.error(new Origin(file, 0), null, null, "valid YAML: " + e.getMessage());
        }
        return null;
    }

    private void group(String name, Node body, Origin origin) {
        GroupDecl g = groups.computeIfAbsent(name, n -> new GroupDecl(n, origin));
        if (isNull(body)) {
            return;
        }
        if (!(body instanceof MappingNode map)) {
            problems.error(at(body), name, null, "a group: a mapping of " + String.join(", ", GROUP_KEYS));
            return;
        }
        for (Entry e : entries(map)) {
            switch (e.key) {
                case "hosts" -> hosts(g, e);
                case "children" -> children(g, e);
                case "vars" -> vars(g.vars, e, "group " + name);
                case "rollout" -> g.rollout = merge(g.rollout, scalar(e), "group " + name);
                case "concurrency" -> g.concurrency = merge(g.concurrency, scalar(e), "group " + name);
                default -> problems.error(e.origin, e.key, null, "a group key among " + String.join(", ", GROUP_KEYS)
                        + (SettingKeys.VAR_NAME.matcher(e.key).matches() ? " (settings go under vars:)" : ""));
            }
        }
    }

    private void hosts(GroupDecl g, Entry hostsEntry) {
        if (isNull(hostsEntry.value)) {
            return;
        }
        if (!(hostsEntry.value instanceof MappingNode map)) {
            problems.error(hostsEntry.origin, "hosts", null, "a mapping of host name to its settings (or empty)");
            return;
        }
        for (Entry e : entries(map)) {
            if (!name(e, "host")) {
                continue;
            }
            g.hosts.add(e.key);
            HostDecl h = hosts.computeIfAbsent(e.key, n -> new HostDecl(n, e.origin));
            if (isNull(e.value)) {
                continue;
            }
            if (e.value instanceof MappingNode) {
                vars(h.vars, e, "host " + e.key);
            } else {
                problems.error(at(e.value), e.key, null, "a mapping of host settings (or empty)");
            }
        }
    }

    private void children(GroupDecl g, Entry childrenEntry) {
        if (isNull(childrenEntry.value)) {
            return;
        }
        if (!(childrenEntry.value instanceof MappingNode map)) {
            problems.error(childrenEntry.origin, "children", null, "a mapping of child group name to the group");
            return;
        }
        for (Entry e : entries(map)) {
            if (!name(e, "group")) {
                continue;
            }
            if (e.key.equals(Group.ALL)) {
                problems.error(e.origin, "children", e.key, "a group other than all (all is the root)");
                continue;
            }
            g.children.putIfAbsent(e.key, e.origin);
            group(e.key, e.value, e.origin);
        }
    }

    private void vars(Map<String, Located> into, Entry varsEntry, String owner) {
        if (isNull(varsEntry.value)) {
            return;
        }
        if (!(varsEntry.value instanceof MappingNode map)) {
            problems.error(varsEntry.origin, varsEntry.key, null, "a mapping of settings");
            return;
        }
        for (Entry e : entries(map)) {
            if (!SettingKeys.VAR_NAME.matcher(e.key).matches()) {
                problems.error(e.origin, e.key, null, "a setting name: lower-case letter, then [a-z0-9_], at most 64");
                continue;
            }
            String advice = SettingKeys.literalSecretAdvice(e.key);
            if (advice != null) {
                problems.error(e.origin, e.key, null, advice);
                continue;
            }
            Located v = scalar(e);
            if (v != null) {
                into.put(e.key, merge(into.get(e.key), v, owner));
            }
        }
    }

    /** Keeps {@code old}, refusing a different value for the same key. */
    private Located merge(Located old, Located next, String owner) {
        if (old == null || next == null) {
            return old == null ? next : old;
        }
        if (!old.value().equals(next.value())) {
            problems.error(next.origin(), next.key(), next.value(), "the same value as the other definition of "
                    + owner + " at line " + old.origin().line() + " ('" + Problems.printable(old.value())
                    + "'): a " + owner.split(" ")[0] + " defined twice must not conflict");
        }
        return old;
    }

    private boolean name(Entry e, String what) {
        if (NAME.matcher(e.key).matches()) {
            return true;
        }
        problems.error(e.origin, what, e.key, NAME_EXPECTED);
        return false;
    }

    /** A non-null scalar's value, or null after reporting the problem. */
    private Located scalar(Entry e) {
        if (!(e.value instanceof ScalarNode s) || isNull(e.value)) {
            problems.error(e.origin, e.key, null, "a single value (a string or a number)");
            return null;
        }
        String v = s.getValue();
        int bad = SafeText.firstUnsafe(v);
        if (v.isEmpty() || bad >= 0 || v.length() > MAX_VALUE_LENGTH) {
            problems.error(e.origin, e.key, v, "a non-empty value of at most " + MAX_VALUE_LENGTH
                    + " characters without control characters or newlines");
            return null;
        }
        return new Located(e.key, v, e.origin);
    }

    private List<Entry> entries(MappingNode map) {
        List<Entry> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            Origin o = at(k);
            if (!(k instanceof ScalarNode ks) || isNull(k) || ks.getValue().isEmpty()) {
                problems.error(o, null, null, "a plain key");
                continue;
            }
            String key = ks.getValue();
            if (key.equals("<<")) {
                problems.error(o, key, null, "no YAML merge keys; write the settings, or use group vars");
                continue;
            }
            Integer first = seen.putIfAbsent(key, o.line());
            if (first != null) {
                problems.error(o, key, null, "each key once in a mapping (first at line " + first + ")");
                continue;
            }
            out.add(new Entry(key, t.getValueNode(), o));
        }
        return out;
    }

    private static boolean isNull(Node n) {
        return n == null || n instanceof ScalarNode && n.getTag().equals(Tag.NULL);
    }

    private Origin at(Node n) {
        return new Origin(file, n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1);
    }

    private record Entry(String key, Node value, Origin origin) {
    }
}
