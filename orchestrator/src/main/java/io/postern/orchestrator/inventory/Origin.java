package io.postern.orchestrator.inventory;

import java.nio.file.Path;

/**
 * Where something was written in the inventory.
 *
 * @param file the inventory file
 * @param line 1-based line, or 0 when not tied to one line
 */
public record Origin(Path file, int line) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : String.valueOf(file);
    }
}
