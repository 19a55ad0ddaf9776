package io.postern.device;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * An ordered list of {@link Step}s run against one device, plus the secret strings that must never be
 * echoed: every occurrence of a secret in an argv or in the device's output is replaced by
 * {@code <masked>} before it reaches a {@link StepResult}, an exception message or a log line.
 * Immutable and thread-safe.
 *
 * @param steps   the commands, in order; may be empty (nothing to do, e.g. {@code CMD_CYCLE_CLOSE NONE})
 * @param secrets strings to mask (passwords, tokens); empty strings are ignored
 */
public record CommandSequence(List<Step> steps, Set<String> secrets) {

    /** What a secret is replaced with. */
    public static final String MASK = "<masked>";

    public CommandSequence {
        steps = List.copyOf(steps);
        secrets = Set.copyOf(secrets);
    }

    /** A sequence with no secrets. */
    public static CommandSequence of(List<Step> steps) {
        return new CommandSequence(steps, Set.of());
    }

    /** The empty sequence. */
    public static CommandSequence empty() {
        return of(List.of());
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The argv of each step, e.g. to store a close in the ledger. */
    public List<List<String>> argvs() {
        return steps.stream().map(Step::argv).toList();
    }

    /** {@code text} with every secret replaced by {@link #MASK}; longest secrets first. */
    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        List<String> bySize = secrets.stream().filter(s -> !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String s : bySize) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /** Each argument masked. */
    public List<String> mask(List<String> argv) {
        return argv.stream().map(this::mask).toList();
    }
}
