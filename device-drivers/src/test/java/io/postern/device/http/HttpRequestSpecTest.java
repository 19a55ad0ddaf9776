package io.postern.device.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.device.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestSpecTest {

    private static HttpRequestSpec parse(String... argv) {
        return HttpRequestSpec.parse(Step.of(List.of(argv), Duration.ofSeconds(1)));
    }

    @Test
    void itemsBecomeJsonMembersQueryAndHeaders() {
        HttpRequestSpec s = parse("POST", "/api/v1/rules", "id=r-1", "port:=22", "on:=true", "rule.src=192.0.2.7",
                "dry==a b&c", "X-Trace:abc:def", "--expect-json=$.items[0].id=r-1", "--expect-text=ok");
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.path()).isEqualTo("/api/v1/rules?dry=a%20b%26c");
        assertThat(s.jsonBody()).isEqualTo("{\"id\":\"r-1\",\"port\":22,\"on\":true,\"rule\":{\"src\":\"192.0.2.7\"}}");
        assertThat(s.headers()).containsExactly(Map.entry("X-Trace", "abc:def"));
        assertThat(s.checks()).hasSize(2);
        assertThat(s.extraOk()).isEmpty();
    }

    @Test
    void noBodyItemsMeansNoBody() {
        assertThat(parse("DELETE", "/api/v1/rules/postern-42").jsonBody()).isNull();
    }

    @Test
    void okExitCodesAreExtraStatuses() {
        HttpRequestSpec s = HttpRequestSpec.parse(new Step(List.of("DELETE", "/r/1"), Duration.ofSeconds(1),
                Set.of(0, 404)));
        assertThat(s.extraOk()).containsExactly(404);
        assertThatThrownBy(() -> HttpRequestSpec.parse(new Step(List.of("DELETE", "/r/1"), Duration.ofSeconds(1),
                Set.of(1)))).hasMessageContaining("@ok-exit=1");
    }

    @Test
    void valuesCannotLeaveTheirJsonString() {
        HttpRequestSpec s = parse("POST", "/x", "note=a\",\"evil\":\"b\\", "q=\u00e9");
        assertThat(s.jsonBody()).isEqualTo("{\"note\":\"a\\\",\\\"evil\\\":\\\"b\\\\\",\"q\":\"\u00e9\"}");
        assertThat(Json.parse(s.jsonBody())).isEqualTo(Map.of("note", "a\",\"evil\":\"b\\", "q", "\u00e9"));
    }

    @Test
    void rawItemsTakeOnlyLiterals() {
        assertThatThrownBy(() -> parse("POST", "/x", "port:=22,\"evil\":1"))
                .hasMessageContaining("argument 3").hasMessageContaining("not a JSON number");
        assertThatThrownBy(() -> parse("POST", "/x", "port:=\"s\"")).hasMessageContaining("not a JSON number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization:Bearer x", "host:evil", "Content-Length:0", "Transfer-Encoding:chunked"})
    void templatesCannotSetAuthOrFramingHeaders(String item) {
        assertThatThrownBy(() -> parse("GET", "/x", item)).hasMessageContaining("may not be set by a template");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil/x", "//evil/x", "/a/../admin", "/a/./b", "/a?x=1", "/a#f", "/a b", "x",
            "/%zz"})
    void pathsAreRelativeAndPlain(String path) {
        assertThatThrownBy(() -> parse("GET", path)).hasMessageContaining("argument 2");
    }

    @Test
    void badItemsAndMethodsAreNamed() {
        assertThatThrownBy(() -> parse("TRACE", "/x")).hasMessageContaining("argument 1: 'TRACE'");
        assertThatThrownBy(() -> parse("GET")).hasMessageContaining("argument 2: missing");
        assertThatThrownBy(() -> parse("POST", "/x", "=v")).hasMessageContaining("argument 3");
        assertThatThrownBy(() -> parse("POST", "/x", "a=1", "a=2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> parse("POST", "/x", "--expect-json=$.a..b=1")).hasMessageContaining("bad step");
    }

    @Test
    void responseChecks() {
        ResponseCheck ret = ResponseCheck.json("$.Return=true");
        assertThat(ret.failure("{\"Return\":true}")).isNull();
        assertThat(ret.failure("{\"Return\":false}")).contains("found false");
        assertThat(ret.failure("<html>")).contains("not JSON");
        assertThat(ResponseCheck.json("$.items[1].port=22").failure("{\"items\":[{},{\"port\":22.0}]}")).isNull();
        assertThat(ResponseCheck.json("$.id=r-1").failure("{\"id\":\"r-2\"}")).contains("found \"r-2\"");
        assertThat(ResponseCheck.json("$.missing=1").failure("{}")).contains("no missing");
        assertThat(ResponseCheck.text("created").failure("rule created")).isNull();
        assertThat(ResponseCheck.text("created").failure("nope")).contains("does not contain");
    }
}
