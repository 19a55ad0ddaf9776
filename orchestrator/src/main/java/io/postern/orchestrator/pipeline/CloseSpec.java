package io.postern.orchestrator.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to close a grant, written into the ledger when the grant opens so that a restarted
 * Postern can close it without the packet or the config that opened it (fwknopd builds its close command
 * at open time too). Local closes are argv vectors, never shell text.
 *
 * @param kind      {@code exec} (local argv steps) or {@code none} (nothing to run, e.g. CMD_CYCLE_CLOSE NONE)
 * @param steps     argv vectors, run in order
 * @param timeoutMs time limit of each step
 * @param runAs     user to run the steps as, or null
 */
public record CloseSpec(String kind, List<List<String>> steps, long timeoutMs, String runAs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public CloseSpec {
        Objects.requireNonNull(kind, "kind");
        steps = steps == null ? List.of() : steps.stream().map(List::copyOf).toList();
    }

    /** A close that runs nothing. */
    public static CloseSpec none() {
        return new CloseSpec("none", List.of(), 0, null);
    }

    /** A close that runs local commands. */
    public static CloseSpec exec(List<List<String>> steps, Duration timeout, String runAs) {
        return new CloseSpec("exec", steps, timeout.toMillis(), runAs);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
