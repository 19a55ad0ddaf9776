package io.postern.orchestrator.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postern.orchestrator.ledger.GrantState;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AuditEventListenerTest {

    @TempDir
    Path dir;

    static List<JsonNode> lines(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(json.readTree(line));
        }
        return out;
    }

    @Test
    void everyAcceptedPacketAndGrantTransitionIsOneJsonLine() throws Exception {
        Path file = dir.resolve("log/audit.jsonl");
        AuditEventListener audit = new AuditEventListener();
        try (AuditLog ignored = AuditLog.open(file)) {
            audit.packetAccepted(new InetSocketAddress("203.0.113.9", 4000), "stanza #1", "alice", "198.51.100.7,tcp/22");
            audit.grantOpened(Grants.grant(7, "r1", GrantState.OPEN), 42);
            audit.grantExtended(Grants.grant(7, "r1", GrantState.OPEN), Grants.T0.plusSeconds(60));
            audit.grantOpenFailed(Grants.grant(8, "r2", GrantState.FAILED), "% Invalid input \"x\"\nat line 2");
            audit.grantCloseFailed(Grants.grant(7, "r1", GrantState.CLOSING), "timed out", Grants.T0.plusSeconds(90));
            audit.grantClosed(Grants.grant(7, "r1", GrantState.CLOSED));
            LoggerFactory.getLogger("io.postern.serve").info("a human line that must not reach the audit file");
        }
        List<JsonNode> records = lines(file);
        assertThat(records).extracting(r -> r.get("event").asText()).containsExactly("packet_accepted",
                "grant_opened", "grant_extended", "grant_open_failed", "grant_close_failed", "grant_closed");
        JsonNode accepted = records.get(0);
        assertThat(accepted.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(accepted.get("source").asText()).isEqualTo("203.0.113.9");
        assertThat(accepted.get("user").asText()).isEqualTo("alice");
        assertThat(accepted.get("request").asText()).isEqualTo("198.51.100.7,tcp/22");
        JsonNode opened = records.get(1);
        assertThat(opened.get("grant").isNumber()).isTrue();
        assertThat(opened.get("grant").asLong()).isEqualTo(7);
        assertThat(opened.get("port").asInt()).isEqualTo(22);
        assertThat(opened.get("target").asText()).isEqualTo("r1");
        assertThat(opened.get("stanza").asText()).isEqualTo("access.conf:3");
        assertThat(opened.get("source").asText()).isEqualTo("198.51.100.7");
        assertThat(opened.get("expires_at").asText()).isEqualTo("2030-01-01T00:00:30Z");
        assertThat(opened.get("outcome").asText()).isEqualTo("opened");
        assertThat(records.get(2).get("expires_at").asText()).isEqualTo("2030-01-01T00:01:00Z");
        assertThat(records.get(3).get("error").asText()).isEqualTo("% Invalid input \"x\"\nat line 2");
        assertThat(records.get(4).get("next_attempt_at").asText()).isEqualTo("2030-01-01T00:01:30Z");
        assertThat(records.get(4).get("attempt").asInt()).isEqualTo(1);
        assertThat(Files.readString(file)).doesNotContain("human line").doesNotContain("{\"steps\"");
    }

    @Test
    void withoutAnAuditFileRecordsGoNowhereAndNothingThrows() {
        AuditEventListener audit = new AuditEventListener();
        audit.grantClosed(Grants.grant(1, "local", GrantState.CLOSED));
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void jsonStringsEscapeControlCharacters() {
        StringBuilder b = new StringBuilder();
        AuditJsonEncoder.string(b, "a\"b\\c\u0001\t");
        assertThat(b).hasToString("\"a\\\"b\\\\c\\u0001\\t\"");
    }
}
