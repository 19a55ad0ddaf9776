package io.postern.spa.config;

import java.nio.file.Path;

/**
 * Something fwknopd would log and then carry on with (an unknown directive, a legacy key cut to 16
 * bytes, a stanza dropped after {@code %include_keys}). Readers return these with their result
 * instead of logging, because spa-core has no logger; the caller decides where they go.
 *
 * @param file    the file the warning is about
 * @param line    1-based line, or 0 when not tied to one line
 * @param message one line, never containing key material
 */
public record ConfigWarning(Path file, int line, String message) {

    @Override
    public String toString() {
        return (file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ") + message;
    }
}
