package io.postern.orchestrator.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postern.device.CommandSequence;
import io.postern.device.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to close a grant, written into the ledger when the grant opens so that a restarted
 * Postern can close it without the packet or the config that opened it (fwknopd builds its close command
 * at open time too). Local closes are argv vectors, never shell text, and hold no secrets.
 *
 * @param kind   {@code exec} (steps run by the target's driver) or {@code none} (nothing to run:
 *               CMD_CYCLE_CLOSE NONE)
 * @param steps  the steps, run in order (argv vectors locally, one CLI line each on an SSH device)
 * @param device the inventory device the steps run on, or null for the local host
 */
public record CloseSpec(String kind, List<StepSpec> steps, String device) {

    /**
     * One close step.
     *
     * @param argv      the argument vector
     * @param timeoutMs its time limit
     * @param okExit    exit codes that count as success (idempotent deletes accept "not found")
     */
    public record StepSpec(List<String> argv, long timeoutMs, Set<Integer> okExit) {
        public StepSpec {
            argv = List.copyOf(argv);
            okExit = okExit == null || okExit.isEmpty() ? Set.of(0) : Set.copyOf(okExit);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public CloseSpec {
        Objects.requireNonNull(kind, "kind");
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A close that runs nothing. */
    public static CloseSpec none() {
        return new CloseSpec("none", List.of(), null);
    }

    /** The close steps of a rendered sequence, on the local host. */
    public static CloseSpec of(CommandSequence close) {
        return on(null, close);
    }

    /** The close steps of a rendered sequence, on an inventory device (null: the local host). */
    public static CloseSpec on(String device, CommandSequence close) {
        if (close.isEmpty()) {
            return none();
        }
        List<StepSpec> steps = new ArrayList<>(close.steps().size());
        for (Step s : close.steps()) {
            steps.add(new StepSpec(s.argv(), s.timeout().toMillis(), s.successExitCodes()));
        }
        return new CloseSpec("exec", steps, device);
    }

    /** The steps as a command sequence for a driver. */
    public CommandSequence toSequence() {
        return CommandSequence.of(steps.stream()
                .map(s -> new Step(s.argv(), Duration.ofMillis(s.timeoutMs()), s.okExit())).toList());
    }

    public boolean runsNothing() {
        return steps.isEmpty();
    }

    /**
     * The JSON the ledger stores: {@code {"kind":..,"steps":[{"argv":[..],"timeoutMs":..,"okExit":[..]}],
     * "device":..}}, as Jackson writes this record (rows written by earlier versions read the same), built
     * directly because it is written once per grant.
     */
    public String toJson() {
        StringBuilder b = new StringBuilder(96 + 64 * steps.size()).append("{\"kind\":");
        string(b, kind);
        b.append(",\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
            StepSpec s = steps.get(i);
            b.append(i == 0 ? "{\"argv\":[" : ",{\"argv\":[");
            for (int j = 0; j < s.argv().size(); j++) {
                if (j > 0) {
                    b.append(',');
                }
                string(b, s.argv().get(j));
            }
            b.append("],\"timeoutMs\":").append(s.timeoutMs()).append(",\"okExit\":[");
            int[] codes = new int[s.okExit().size()];
            int n = 0;
            for (int code : s.okExit()) {
                codes[n++] = code;
            }
            Arrays.sort(codes);
            for (int j = 0; j < n; j++) {
                b.append(j == 0 ? "" : ",").append(codes[j]);
            }
            b.append("]}");
        }
        b.append("],\"device\":");
        if (device == null) {
            b.append("null");
        } else {
            string(b, device);
        }
        return b.append('}').toString();
    }

    private static void string(StringBuilder b, String s) {
        b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
    }

    /** Parses what {@link #toJson()} wrote. */
    public static CloseSpec fromJson(String json) {
        try {
            return JSON.readValue(json, CloseSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable close spec in the ledger: " + e.getOriginalMessage(), e);
        }
    }
}
