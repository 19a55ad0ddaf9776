package io.postern.device.ssh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Replaces every occurrence of the given secrets in a text by {@code <masked>}. Immutable, thread-safe. */
final class SecretMasker {

    private static final String MASK = "<masked>";

    private final List<String> secrets;

    SecretMasker(List<Secret> secrets) {
        List<String> values = new ArrayList<>();
        for (Secret s : secrets) {
            if (s != null) {
                values.add(s.reveal());
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(values);
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    List<String> mask(List<String> lines) {
        return lines.stream().map(this::mask).map(Objects::requireNonNull).toList();
    }
}
