package io.postern.orchestrator.inventory;

import java.nio.file.Path;
import java.util.Map;

/**
 * The inventory file as written, before inheritance and typing.
 *
 * @param file        the inventory file
 * @param templateDir top-level {@code template_dir}, or null
 * @param groups      groups in order of first mention ({@code all} first)
 * @param hosts       hosts in order of first mention
 */
record ParsedInventory(Path file, Located templateDir, Map<String, GroupDecl> groups, Map<String, HostDecl> hosts) {

    Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }
}
