package io.postern.device.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.postern.device.BuiltinDrivers;
import io.postern.device.CommandSequence;
import io.postern.device.DeviceDriver;
import io.postern.device.DeviceException;
import io.postern.device.DeviceSpec;
import io.postern.device.GrantContext;
import io.postern.device.StepResult;
import io.postern.device.template.RenderException;
import io.postern.device.template.TemplateRenderer;
import io.postern.device.testing.DeviceDriverContractTest.CapturedLog;
import io.postern.spa.config.ConfigException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The http driver against WireMock (127.0.0.1, port 0), with the shipped http-generic and http-aws-sg templates. */
class HttpDriverTest {

    private static final String TOKEN = "tok-9d8e7f6a5b4c";
    private static final String GENERIC_BODY =
            "{\"id\":\"postern-42\",\"source\":\"192.0.2.7\",\"protocol\":\"tcp\",\"port\":22,\"expires_at\":1700000030}";

    private final WireMockServer wm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
            .dynamicHttpsPort());
    private final Map<String, String> env = new HashMap<>(Map.of("APPLIANCE_TOKEN", TOKEN));
    private final List<DeviceDriver> drivers = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        wm.start();
    }

    @AfterEach
    void stop() {
        drivers.forEach(DeviceDriver::shutdown);
        wm.stop();
    }

    private DeviceDriver driver(String... extra) throws ConfigException {
        Map<String, String> s = new HashMap<>(Map.of("base_url", "http://127.0.0.1:" + wm.port(), "token_env", "APPLIANCE_TOKEN",
                "request_timeout", "2s", "retry_backoff", "20ms"));
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                s.remove(extra[i]);
            } else {
                s.put(extra[i], extra[i + 1]);
            }
        }
        DeviceDriver d = new HttpDriverFactory(env::get).create(new DeviceSpec("appliance-1", "http", s));
        drivers.add(d);
        return d;
    }

    private static GrantContext generic() throws RenderException {
        return HttpGrants.render("http-generic", HttpGrants.ipv4().build());
    }

    private static GrantContext aws(boolean ipv6) throws RenderException {
        return HttpGrants.render("http-aws-sg", (ipv6 ? HttpGrants.ipv6() : HttpGrants.ipv4())
                .vars(Map.of("group_id", "sg-0123456789abcdef0")).build());
    }

    @Test
    void isTheBuiltinNamedHttp() throws ConfigException {
        assertThat(BuiltinDrivers.resolve("HTTP")).isInstanceOf(HttpDriverFactory.class);
        assertThat(BuiltinDrivers.HTTP.factoryName()).isEqualTo("http");
    }

    @Test
    void genericOpenPostsTheRuleWithTokenAndExactJson() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"postern-42\"}")));
        List<StepResult> r = driver().open(generic());
        assertThat(r).singleElement().satisfies(s -> {
            assertThat(s.succeeded()).isTrue();
            assertThat(s.exitCode()).isEqualTo(201);
        });
        wm.verify(1, postRequestedFor(urlEqualTo("/api/v1/rules"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(equalTo(GENERIC_BODY)));
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    @Test
    void genericCloseDeletesTheRuleAnd404IsAlreadyClosed() throws Exception {
        wm.stubFor(delete("/api/v1/rules/postern-42").inScenario("rule").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(204)).willSetStateTo("gone"));
        wm.stubFor(delete("/api/v1/rules/postern-42").inScenario("rule").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(404).withBody("{\"error\":\"no such rule\"}")));
        DeviceDriver d = driver();
        assertThat(d.close(generic())).singleElement().extracting(StepResult::exitCode).isEqualTo(204);
        List<StepResult> again = d.close(generic());
        assertThat(again).singleElement().satisfies(s -> {
            assertThat(s.succeeded()).isTrue();
            assertThat(s.exitCode()).isEqualTo(404);
            assertThat(s.output()).contains("accepted by the template");
        });
        wm.verify(2, deleteRequestedFor(urlEqualTo("/api/v1/rules/postern-42"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withoutHeader("Content-Type"));
        assertThat(wm.findAll(deleteRequestedFor(anyUrl()))).allMatch(r -> r.getBody().length == 0);
    }

    @Test
    void a404OnOpenIsAFailure() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(404).withBody("no such API")));
        assertThatThrownBy(() -> driver().open(generic())).isInstanceOf(DeviceException.class)
                .hasMessageContaining("HTTP 404: no such API");
    }

    @Test
    void awsSecurityGroupAuthorizeAndRevokeIpv4() throws Exception {
        wm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"Return\":true}")));
        DeviceDriver d = driver();
        d.open(aws(false));
        d.close(aws(false));
        wm.verify(1, postRequestedFor(urlEqualTo("/AuthorizeSecurityGroupIngress"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"GroupId\":\"sg-0123456789abcdef0\",\"IpProtocol\":\"tcp\","
                        + "\"FromPort\":22,\"ToPort\":22,\"CidrIp\":\"192.0.2.7/32\","
                        + "\"Description\":\"postern rule 42 stanza 1\"}")));
        wm.verify(1, postRequestedFor(urlEqualTo("/RevokeSecurityGroupIngress"))
                .withRequestBody(equalTo("{\"GroupId\":\"sg-0123456789abcdef0\",\"IpProtocol\":\"tcp\","
                        + "\"FromPort\":22,\"ToPort\":22,\"CidrIp\":\"192.0.2.7/32\"}")));
    }

    @Test
    void awsSecurityGroupAuthorizeAndRevokeIpv6() throws Exception {
        wm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"Return\":true}")));
        DeviceDriver d = driver();
        d.open(aws(true));
        d.close(aws(true));
        wm.verify(1, postRequestedFor(urlEqualTo("/AuthorizeSecurityGroupIngress"))
                .withRequestBody(equalTo("{\"GroupId\":\"sg-0123456789abcdef0\",\"IpProtocol\":\"udp\","
                        + "\"FromPort\":53,\"ToPort\":53,\"CidrIpv6\":\"2001:db8::7/128\","
                        + "\"Description\":\"postern rule 42 stanza 1\"}")));
        wm.verify(1, postRequestedFor(urlEqualTo("/RevokeSecurityGroupIngress"))
                .withRequestBody(equalToJson("{\"GroupId\":\"sg-0123456789abcdef0\",\"IpProtocol\":\"udp\","
                        + "\"FromPort\":53,\"ToPort\":53,\"CidrIpv6\":\"2001:db8::7/128\"}")));
    }

    @Test
    void aResponseCheckThatFailsIsAFailedStep() throws Exception {
        wm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"Return\":false}")));
        assertThatThrownBy(() -> driver().open(aws(false))).isInstanceOf(DeviceException.class)
                .hasMessageContaining("HTTP 200, response check failed: --expect-json=$.Return=true: found false");
    }

    @Test
    void revokeOfAnUnknownPermissionAnswered404IsAlreadyClosed() throws Exception {
        wm.stubFor(post("/RevokeSecurityGroupIngress").willReturn(aResponse().withStatus(404)
                .withBody("{\"Error\":\"InvalidPermission.NotFound\"}")));
        assertThat(driver().close(aws(false))).allMatch(StepResult::succeeded);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 500})
    void errorStatusesAreFailuresWithStatusAndBodyExcerpt(int status) throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(status)
                .withBody("{\"error\":\"denied by policy\",\n\"code\":" + status + "}")));
        assertThatThrownBy(() -> driver().open(generic())).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.device()).isEqualTo("appliance-1");
            assertThat(e.results()).singleElement().satisfies(r -> {
                assertThat(r.succeeded()).isFalse();
                assertThat(r.exitCode()).isEqualTo(status);
            });
            assertThat(e.getMessage()).startsWith("device=appliance-1: open request 1/1 failed: 'POST /api/v1/rules' -> "
                    + "HTTP " + status + ": {\"error\":\"denied by policy\", \"code\":" + status + "}");
        });
        wm.verify(1, postRequestedFor(urlEqualTo("/api/v1/rules")));
    }

    @Test
    void theBodyExcerptIsBounded() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(500).withBody("x".repeat(200_000))));
        assertThatThrownBy(() -> driver().open(generic())).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.output()).hasSizeLessThan(HttpExchange.MAX_EXCERPT + 40).endsWith("[...]");
            assertThat(e.getMessage()).hasSizeLessThan(HttpExchange.MAX_EXCERPT + 200);
        });
    }

    @Test
    void aSlowAnswerFailsWithinTheLimit() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(201).withFixedDelay(5_000)));
        DeviceDriver d = driver("request_timeout", "300ms");
        long start = System.nanoTime();
        assertThatThrownBy(() -> d.open(generic())).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.results().get(0).timedOut()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void theStepLimitAppliesWhenShorterThanTheRequestTimeout() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(201).withFixedDelay(5_000)));
        GrantContext g = TemplateRenderer.classpathOnly().renderGrant(HttpGrants.PREFIX, "http-generic",
                HttpGrants.ipv4().build(), Duration.ofMillis(250));
        long start = System.nanoTime();
        assertThatThrownBy(() -> driver("request_timeout", "10s").open(g)).isInstanceOf(DeviceException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
            "RANDOM_DATA_THEN_CLOSE"})
    void brokenAnswersAreFailures(Fault fault) throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
        DeviceDriver d = driver("close_attempts", "2");
        // the POST went out and its answer was lost: the appliance may hold the rule, so the open is undone;
        // the undo meets the same fault, so the failure says the device may have changed
        assertThatThrownBy(() -> d.open(generic())).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.results().get(0).succeeded()).isFalse();
            assertThat(e.mayHaveChanged()).isTrue();
        });
        wm.verify(2, deleteRequestedFor(urlEqualTo("/api/v1/rules/postern-42")));
        assertThatThrownBy(() -> d.close(generic())).isInstanceOf(DeviceException.class);
        wm.verify(4, deleteRequestedFor(urlEqualTo("/api/v1/rules/postern-42")));
    }

    @Test
    void anOpenWhoseAnswerIsLostIsUndoneAndThenCountsAsNotApplied() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(delete("/api/v1/rules/postern-42").willReturn(aResponse().withStatus(204)));
        assertThatThrownBy(() -> driver().open(generic())).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.mayHaveChanged()).as("the undo removed whatever was stored").isFalse());
        wm.verify(1, deleteRequestedFor(urlEqualTo("/api/v1/rules/postern-42")));
    }

    @Test
    void aRefusedConnectionIsAFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DeviceDriver d = driver("base_url", "http://127.0.0.1:" + port);
        assertThatThrownBy(() -> d.open(generic())).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.mayHaveChanged()).as("nothing was sent, nothing to undo").isFalse())
                .hasMessageContaining("connection failed");
    }

    @Test
    void tlsIsVerified() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(201)));
        DeviceDriver d = driver("base_url", "https://localhost:" + wm.httpsPort());
        assertThatThrownBy(() -> d.open(generic())).isInstanceOf(DeviceException.class)
                .hasMessageContaining("SSLHandshakeException");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void closeRetriesTransientFailuresAtOnce() throws Exception {
        wm.stubFor(delete("/api/v1/rules/postern-42").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("slow"));
        wm.stubFor(delete("/api/v1/rules/postern-42").inScenario("flaky").whenScenarioStateIs("slow")
                .willReturn(aResponse().withStatus(204).withFixedDelay(3_000)).willSetStateTo("ok"));
        wm.stubFor(delete("/api/v1/rules/postern-42").inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        List<StepResult> r = driver("request_timeout", "300ms").close(generic());
        assertThat(r).singleElement().extracting(StepResult::exitCode).isEqualTo(204);
        wm.verify(3, deleteRequestedFor(urlEqualTo("/api/v1/rules/postern-42")));
    }

    @Test
    void closeGivesUpAfterItsAttemptsAndTheCallerRetriesLater() throws Exception {
        wm.stubFor(delete("/api/v1/rules/postern-42").willReturn(aResponse().withStatus(500).withBody("db down")));
        DeviceDriver d = driver();
        assertThatThrownBy(() -> d.close(generic())).isInstanceOf(DeviceException.class)
                .hasMessageContaining("HTTP 500: db down");
        wm.verify(3, deleteRequestedFor(urlEqualTo("/api/v1/rules/postern-42")));
        wm.stubFor(delete("/api/v1/rules/postern-42").willReturn(aResponse().withStatus(204)));
        assertThat(d.close(generic())).allMatch(StepResult::succeeded);
    }

    @Test
    void aClientErrorOnCloseIsNotRetriedAtOnce() throws Exception {
        wm.stubFor(delete("/api/v1/rules/postern-42").willReturn(aResponse().withStatus(403).withBody("forbidden")));
        assertThatThrownBy(() -> driver().close(generic())).isInstanceOf(DeviceException.class)
                .hasMessageContaining("HTTP 403: forbidden");
        wm.verify(1, deleteRequestedFor(urlEqualTo("/api/v1/rules/postern-42")));
    }

    @Test
    void openIsNeverRetried() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> driver().open(generic())).isInstanceOf(DeviceException.class);
        wm.verify(1, postRequestedFor(urlEqualTo("/api/v1/rules")));
    }

    @Test
    void theTokenIsReadAtEachUseFromTheInjectedEnvironment() throws Exception {
        wm.stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(204)));
        DeviceDriver d = driver();
        d.close(generic());
        env.put("APPLIANCE_TOKEN", "rotated-token-1");
        d.close(generic());
        List<LoggedRequest> sent = wm.findAll(deleteRequestedFor(anyUrl()));
        assertThat(sent).extracting(r -> r.getHeader("Authorization"))
                .containsExactlyInAnyOrder("Bearer " + TOKEN, "Bearer rotated-token-1");
    }

    @Test
    void aMissingTokenFailsBeforeAnythingIsSent() throws Exception {
        env.clear();
        assertThatThrownBy(() -> driver().open(generic())).isInstanceOf(DeviceException.class)
                .hasMessageContaining("token: environment variable APPLIANCE_TOKEN: not set or empty");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void aTokenFileAndACustomHeaderCarryTheBareToken() throws Exception {
        Path f = dir.resolve("token");
        Files.writeString(f, "file-token-77\n");
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(201)));
        driver("token_env", null, "token_file", f.toString(), "token_header", "X-API-Key").open(generic());
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/rules")).withHeader("X-API-Key", equalTo("file-token-77"))
                .withoutHeader("Authorization"));
    }

    @Test
    void theTokenIsNeverLoggedAndIsMaskedWhenEchoed() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(401)
                .withBody("bad credentials: Bearer " + TOKEN)));
        wm.stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(200).withBody("deleted for " + TOKEN)));
        try (CapturedLog log = CapturedLog.start()) {
            DeviceDriver d = driver();
            assertThatThrownBy(() -> d.open(generic())).isInstanceOfSatisfying(DeviceException.class, e -> {
                assertThat(e.getMessage()).contains("bad credentials: Bearer <masked>").doesNotContain(TOKEN);
                assertThat(e.output()).doesNotContain(TOKEN);
            });
            assertThat(d.close(generic()).get(0).output()).isEqualTo("HTTP 200: deleted for <masked>");
            assertThat(log.lines()).isNotEmpty().anyMatch(l -> l.contains("device=appliance-1"))
                    .noneMatch(l -> l.contains(TOKEN)).noneMatch(l -> l.contains("Authorization"));
        }
    }

    @Test
    void sequenceSecretsAreMaskedToo() throws Exception {
        wm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(500).withBody("echo: s3cr3t-header")));
        GrantContext g = HttpGrants.render(userTemplates("POST /x X-Secret:s3cr3t-header"), "t",
                HttpGrants.ipv4().build());
        GrantContext masked = new GrantContext(g.logPrefix(),
                new CommandSequence(g.open().steps(), java.util.Set.of("s3cr3t-header")), g.close());
        assertThatThrownBy(() -> driver().open(masked)).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.getMessage()).doesNotContain("s3cr3t-header").contains("echo: <masked>");
            assertThat(e.results().get(0).argv()).contains("X-Secret:<masked>");
        });
    }

    @Test
    void aValueCannotChangeTheJsonStructure() throws Exception {
        wm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"Return\":true}")));
        String evil = "1\",\"evil\":\"x";
        driver().open(HttpGrants.render("http-aws-sg", HttpGrants.ipv4().stanza(evil)
                .vars(Map.of("group_id", "sg-0123456789abcdef0")).build()));
        LoggedRequest req = wm.findAll(postRequestedFor(anyUrl())).get(0);
        Object body = Json.parse(req.getBodyAsString());
        assertThat(body).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKey("evil").containsEntry("Description", "postern rule 42 stanza " + evil)
                .hasSize(6);
    }

    @Test
    void aValueCannotAddHeadersOrItems() throws Exception {
        wm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
        TemplateRenderer r = userTemplates("POST /api/v1/notes X-Note:${vars.note} note=${vars.note}");
        GrantContext g = HttpGrants.render(r, "t", HttpGrants.ipv4().vars(Map.of("note", "a Evil:1 b=2 c:=3")).build());
        driver().open(g);
        LoggedRequest req = wm.findAll(postRequestedFor(anyUrl())).get(0);
        assertThat(req.getHeader("X-Note")).isEqualTo("a Evil:1 b=2 c:=3");
        assertThat(req.containsHeader("Evil")).isFalse();
        assertThat(req.getBodyAsString()).isEqualTo("{\"note\":\"a Evil:1 b=2 c:=3\"}");
    }

    @Test
    void lineBreaksNeverReachARequest() {
        for (String bad : List.of("a\r\nEvil: 1", "a\nb", "x\u0000")) {
            assertThatThrownBy(() -> HttpGrants.ipv4().vars(Map.of("note", bad)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
            assertThatThrownBy(() -> HttpGrants.ipv4().stanza(bad).build()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aValueCannotLeaveThePathOrTheDevice() throws Exception {
        TemplateRenderer r = userTemplates("DELETE /api/v1/rules/${vars.name}");
        for (String name : List.of("../admin", "x?force=1", "x#y", "x y")) {
            GrantContext g = HttpGrants.render(r, "t", HttpGrants.ipv4().vars(Map.of("name", name)).build());
            assertThatThrownBy(() -> driver().open(g)).isInstanceOf(DeviceException.class)
                    .hasMessageContaining("bad request line");
        }
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void provisionPutsThePolicy() throws Exception {
        wm.stubFor(put("/api/v1/policy").willReturn(aResponse().withStatus(200)));
        CommandSequence p = TemplateRenderer.classpathOnly().renderProvision("http-generic", Map.of(), HttpGrants.STEP);
        assertThat(driver().provision(HttpGrants.PREFIX, p)).singleElement().extracting(StepResult::succeeded)
                .isEqualTo(true);
        wm.verify(putRequestedFor(urlEqualTo("/api/v1/policy")).withRequestBody(equalTo("{\"default_action\":\"deny\"}")));
    }

    @Test
    void templatesRefuseMissingValues() {
        assertThatThrownBy(() -> HttpGrants.render("http-generic", HttpGrants.ipv4().ruleId(0).build()))
                .isInstanceOf(RenderException.class).hasMessageContaining("rule id");
        assertThatThrownBy(() -> HttpGrants.render("http-aws-sg", HttpGrants.ipv4().build()))
                .isInstanceOf(RenderException.class).hasMessageContaining("vars.group_id: missing");
        assertThatThrownBy(() -> HttpGrants.render("http-aws-sg", HttpGrants.ipv4()
                .vars(Map.of("group_id", "sg-1\" evil")).build())).hasMessageContaining("vars.group_id");
    }

    @Test
    void badSettingsAreConfigErrors() {
        assertThatThrownBy(() -> driver("base_url", "ftp://127.0.0.1/")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("appliance-1.base_url: 'ftp://127.0.0.1/'");
        assertThatThrownBy(() -> driver("base_url", null)).hasMessageContaining("base_url");
        assertThatThrownBy(() -> driver("base_url", "https://user:pw@host/")).hasMessageContaining("user info");
        assertThatThrownBy(() -> driver("insecure", "true")).hasMessageContaining("TLS verification is always on");
        assertThatThrownBy(() -> driver("token_file", "/x")).hasMessageContaining("exclusive");
        assertThatThrownBy(() -> driver("request_timeout", "soon")).hasMessageContaining("request_timeout");
        assertThatThrownBy(() -> driver("success_status", "2xx,700")).hasMessageContaining("success_status");
        assertThatThrownBy(() -> driver("close_attempts", "0")).hasMessageContaining("close_attempts");
        assertThatThrownBy(() -> driver("ca_file", dir.resolve("none.pem").toString())).hasMessageContaining("ca_file");
    }

    @Test
    void theInventorysCommandTimeoutIsTheDefaultRequestLimit() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(201).withFixedDelay(5_000)));
        DeviceDriver d = driver("request_timeout", null, "command_timeout", "300ms", "connect_timeout", "1h",
                "device_timeout", "1d", "template", "http-generic");
        long start = System.nanoTime();
        assertThatThrownBy(() -> d.open(generic())).isInstanceOf(DeviceException.class).hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void durationsAreStrict() {
        assertThat(HttpSettings.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(HttpSettings.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HttpSettings.parseDuration("PT10S")).isEqualTo(Duration.ofSeconds(10));
        for (String bad : List.of("0s", "10", "1m30s", "-5s", "PT-1S")) {
            assertThatThrownBy(() -> HttpSettings.parseDuration(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void successStatusesAreConfigurable() throws Exception {
        wm.stubFor(post("/api/v1/rules").willReturn(aResponse().withStatus(200)));
        assertThatThrownBy(() -> driver("success_status", "201").open(generic())).isInstanceOf(DeviceException.class);
        assertThat(driver("success_status", "200,201").open(generic())).allMatch(StepResult::succeeded);
    }

    private TemplateRenderer userTemplates(String openLine) throws Exception {
        Path family = dir.resolve("templates/t");
        Files.createDirectories(family);
        Files.writeString(family.resolve("open.ftl"), openLine + "\n");
        Files.writeString(family.resolve("close.ftl"), "DELETE /api/v1/notes/1\n");
        return TemplateRenderer.withUserDir(dir.resolve("templates"));
    }
}
