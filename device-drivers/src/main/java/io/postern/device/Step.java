package io.postern.device;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One command of a {@link CommandSequence}: an argument vector (never shell text), its time limit, and the
 * exit codes that count as success (normally only 0; a close that must be idempotent may also accept the
 * tool's "no such entry" code, e.g. {@code iptables -D} exits 1 when the rule is already gone).
 *
 * @param argv             program and arguments; no element may contain a control character
 * @param timeout          positive time limit; exceeding it kills the command and fails the step
 * @param successExitCodes exit codes that mean success, never empty
 */
public record Step(List<String> argv, Duration timeout, Set<Integer> successExitCodes) {

    public Step {
        argv = List.copyOf(argv);
        Objects.requireNonNull(timeout, "timeout");
        successExitCodes = Set.copyOf(successExitCodes);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("step needs a program name");
        }
        for (int i = 0; i < argv.size(); i++) {
            int bad = SafeText.firstUnsafe(argv.get(i));
            if (bad >= 0) {
                throw new IllegalArgumentException(String.format(
                        "argument %d has a control character U+%04X at index %d", i, (int) argv.get(i).charAt(bad), bad));
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("step timeout must be positive: " + timeout);
        }
        if (successExitCodes.isEmpty()) {
            throw new IllegalArgumentException("a step needs at least one success exit code");
        }
    }

    /** A step that succeeds only with exit code 0. */
    public static Step of(List<String> argv, Duration timeout) {
        return new Step(argv, timeout, Set.of(0));
    }

    /** Whether {@code exitCode} counts as success. */
    public boolean succeeded(int exitCode) {
        return successExitCodes.contains(exitCode);
    }
}
