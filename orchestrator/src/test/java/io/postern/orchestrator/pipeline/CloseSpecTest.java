package io.postern.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloseSpecTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static final List<CloseSpec> SPECS = List.of(
            CloseSpec.none(),
            new CloseSpec("exec", List.of(new CloseSpec.StepSpec(List.of("/bin/true", "198.18.0.2", "6", "22"), 30_000,
                    Set.of(0))), null),
            new CloseSpec("exec", List.of(
                    new CloseSpec.StepSpec(List.of("ipset", "del", "postern", "198.18.0.2,tcp:22"), 5_000, Set.of(0, 1)),
                    new CloseSpec.StepSpec(List.of("no access-list 101 permit tcp host 198.18.0.2 any eq 22"), 10_000,
                            Set.of(2, 0, 7))), "edge-1"),
            new CloseSpec("exec", List.of(new CloseSpec.StepSpec(List.of("echo", "quote\" back\\slash",
                    "tab\tnew\nline\r\u0001\u001f", "caf\u00e9 \u2028 \ud83d\ude00"), 1, Set.of(0))), "r\u00e9seau \"1\""));

    @Test
    void writesWhatJacksonWritesForTheRecord() throws Exception {
        for (CloseSpec spec : SPECS) {
            assertThat(sortedExitCodes(JACKSON.readTree(spec.toJson())))
                    .isEqualTo(sortedExitCodes(JACKSON.readTree(JACKSON.writeValueAsString(spec))));
        }
    }

    /** okExit is a set: Jackson writes it in the set's iteration order. */
    private static JsonNode sortedExitCodes(JsonNode spec) {
        for (JsonNode step : spec.get("steps")) {
            List<Integer> codes = new ArrayList<>();
            step.get("okExit").forEach(c -> codes.add(c.intValue()));
            Collections.sort(codes);
            ArrayNode sorted = ((ObjectNode) step).putArray("okExit");
            codes.forEach(sorted::add);
        }
        return spec;
    }

    @Test
    void readsBackWhatItWrote() {
        for (CloseSpec spec : SPECS) {
            assertThat(CloseSpec.fromJson(spec.toJson())).isEqualTo(spec);
        }
    }

    @Test
    void readsRowsThatJacksonWrote() throws Exception {
        for (CloseSpec spec : SPECS) {
            assertThat(CloseSpec.fromJson(JACKSON.writeValueAsString(spec))).isEqualTo(spec);
        }
    }

    @Test
    void exitCodesAreWrittenInOrder() {
        CloseSpec spec = new CloseSpec("exec", List.of(new CloseSpec.StepSpec(List.of("x"), 5, Set.of(7, 0, 3))), null);
        assertThat(spec.toJson()).isEqualTo(
                "{\"kind\":\"exec\",\"steps\":[{\"argv\":[\"x\"],\"timeoutMs\":5,\"okExit\":[0,3,7]}],\"device\":null}");
    }
}
