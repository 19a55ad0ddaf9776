package io.postern.it.adversarial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The numbers docs/security.md quotes: one line per measurement in {@code target/adversarial-logs/figures.txt}. */
public final class Figures {

    private Figures() {
    }

    /** Prints the line and appends it to the figures file. */
    public static synchronized void add(String line) {
        System.out.println("[figures] " + line);
        try {
            Path dir = Path.of("target", "adversarial-logs");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("figures.txt"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
