package io.postern.device.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.postern.device.DeviceDriver;
import io.postern.device.DeviceSpec;
import io.postern.device.GrantContext;
import io.postern.device.testing.DeviceDriverContractTest;
import io.postern.spa.config.ConfigException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The driver contract for {@code http}, against a WireMock appliance speaking the http-generic API with a
 * stateful scenario (rule absent / present) behind a bearer token; faults live under path prefixes
 * ({@code /slow}: 5 s delay, {@code /broken}: 500 echoing the token) or on a closed port.
 */
class HttpDriverContractTest extends DeviceDriverContractTest {

    private static final String TOKEN = "bearer-7c1d0e4b93aa";
    private static final String RULE = "/api/v1/rules/postern-42";

    private final WireMockServer wm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

    @BeforeEach
    void appliance() {
        wm.start();
        String auth = "Bearer " + TOKEN;
        wm.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401).withBody("unauthorized")));
        wm.stubFor(post("/api/v1/rules").atPriority(1).withHeader("Authorization", equalTo(auth)).inScenario("rule")
                .willReturn(aResponse().withStatus(201)).willSetStateTo("present"));
        wm.stubFor(delete(RULE).atPriority(1).withHeader("Authorization", equalTo(auth)).inScenario("rule")
                .whenScenarioStateIs("present").willReturn(aResponse().withStatus(204)).willSetStateTo(STARTED));
        wm.stubFor(delete(RULE).atPriority(1).withHeader("Authorization", equalTo(auth)).inScenario("rule")
                .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(404).withBody("no such rule")));
        wm.stubFor(any(urlPathMatching("/slow/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(201).withFixedDelay(5_000)));
        wm.stubFor(any(urlPathMatching("/broken/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("internal error, request had Bearer " + TOKEN)));
    }

    @AfterEach
    void stopAppliance() {
        wm.stop();
    }

    private DeviceDriver driver(String baseUrl, String timeout) throws ConfigException {
        Map<String, String> s = new HashMap<>(Map.of("base_url", baseUrl, "token_env", "APPLIANCE_TOKEN",
                "request_timeout", timeout, "close_attempts", "2", "retry_backoff", "20ms"));
        return new HttpDriverFactory(Map.of("APPLIANCE_TOKEN", TOKEN)::get)
                .create(new DeviceSpec("rest-fw-1", "http", s));
    }

    @Override
    protected DeviceDriver driver() throws ConfigException {
        return driver("http://127.0.0.1:" + wm.port(), "3s");
    }

    @Override
    protected GrantContext grant() throws Exception {
        return HttpGrants.render("http-generic", HttpGrants.ipv4().build());
    }

    @Override
    protected Object deviceState() {
        return wm.getAllScenarios().getScenarios().stream().filter(s -> s.getName().equals("rule"))
                .findFirst().orElseThrow().getState();
    }

    @Override
    protected String secret() {
        return TOKEN;
    }

    @Override
    protected Faulty withFault(Fault fault) throws Exception {
        String base = switch (fault) {
            case TIMEOUT -> "http://127.0.0.1:" + wm.port() + "/slow";
            case ERROR_ANSWER -> "http://127.0.0.1:" + wm.port() + "/broken";
            case REFUSED -> {
                try (ServerSocket s = new ServerSocket(0)) {
                    yield "http://127.0.0.1:" + s.getLocalPort();
                }
            }
        };
        return new Faulty(driver(base, fault == Fault.TIMEOUT ? "300ms" : "3s"), grant());
    }
}
