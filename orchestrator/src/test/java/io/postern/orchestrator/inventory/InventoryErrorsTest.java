package io.postern.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One fixture per error the loader must report, with the {@code file:line: key: 'value' (expected: ...)} text. */
class InventoryErrorsTest {

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("unknown-driver.yaml",
                        ":5: driver: 'ssh-clli' (expected: one of http, local-exec, ssh-cli, ssh-exec)"),
                Arguments.of("missing-driver.yaml", ":3: driver: (expected: driver: one of http"),
                Arguments.of("unknown-template.yaml",
                        ":4: template: 'cisco-iox' (expected: a template family with open.ftl and close.ftl"),
                Arguments.of("template-without-close.yaml", ":5: template: 'open-only' (expected: a template family"),
                Arguments.of("literal-password.yaml",
                        ":6: password: (expected: password_env: VARIABLE or password_file: /path, never a secret"),
                Arguments.of("literal-token.yaml", ":7: api_token: (expected: token_env: VARIABLE or token_file"),
                Arguments.of("literal-enable-secret.yaml", ":6: enable_secret: (expected: enable_secret_env"),
                Arguments.of("missing-credential.yaml",
                        ":3: password_env: (expected: password_env, password_file or key_file for host r1 "
                                + "(driver ssh-exec))"),
                Arguments.of("missing-user.yaml", ":3: user: (expected: user: the login name for host r1"),
                Arguments.of("missing-host-key.yaml", ":3: host_key: (expected: known_hosts:/path, a pinned SHA256"),
                Arguments.of("http-without-base-url.yaml",
                        ":3: base_url: (expected: base_url: https://... for host api (driver http))"),
                Arguments.of("base-url-with-credentials.yaml",
                        ":6: base_url: (expected: a URL without user:password@; use token_env or token_file)"),
                Arguments.of("duplicate-host-conflict.yaml",
                        ":16: address: '192.0.2.99' (expected: the same value as the other definition of host r1 "
                                + "at line 12 ('192.0.2.1')"),
                Arguments.of("duplicate-yaml-key.yaml",
                        ":6: template: (expected: each key once in a mapping (first at line 5))"),
                Arguments.of("unknown-top-level-key.yaml",
                        ":4: routers: (expected: a top-level key among all, template_dir"),
                Arguments.of("unknown-group-key.yaml",
                        ":6: host: (expected: a group key among hosts, children, vars, rollout, concurrency"),
                Arguments.of("children-cycle.yaml",
                        ":9: children: 'a' (expected: no cycle among groups: a -> b -> c -> a)"),
                Arguments.of("bad-duration.yaml", ":6: command_timeout: '30' (expected: a positive duration"),
                Arguments.of("bad-duration-sum.yaml", ":6: device_timeout: '1m30s' (expected: a positive duration"),
                Arguments.of("bad-port.yaml", ":10: port: '70000' (expected: a TCP port, 1 to 65535)"),
                Arguments.of("bad-host-key.yaml", ":7: host_key: 'accept-all' (expected: known_hosts:/path"),
                Arguments.of("bad-rollout.yaml",
                        ":4: rollout: 'all-or-none' (expected: all-or-nothing or best-effort)"),
                Arguments.of("bad-concurrency.yaml", ":4: concurrency: '0' (expected: a whole number from 1 to 1000)"),
                Arguments.of("both-password-forms.yaml",
                        ":11: password_file: 'secrets/r1' (expected: either password_env or password_file at one "
                                + "level, not both)"),
                Arguments.of("control-character-value.yaml",
                        ":6: interface: 'eth0\\u000Areboot' (expected: a non-empty value"),
                Arguments.of("host-and-group-same-name.yaml",
                        ":3: host: 'edge' (expected: a name not also used by a group (line 5))"),
                Arguments.of("bad-host-name.yaml", ":3: host: 'router one' (expected: a name of 1-128 characters"),
                Arguments.of("bad-address.yaml", ":6: address: 'bad_host!' (expected: a host name or an IPv4/IPv6"),
                Arguments.of("empty.yaml", ": (expected: an inventory, not an empty file)"),
                Arguments.of("not-yaml.yaml", ":4: (expected: valid YAML"),
                Arguments.of("no-all-group.yaml", ":1: all: (expected: a top-level 'all' group)"),
                Arguments.of("nested-var-value.yaml", ":6: ports: (expected: a single value (a string or a number))"),
                Arguments.of("uppercase-var-name.yaml", ":6: ACL_NAME: (expected: a setting name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void reportsTheErrorAtItsLine(String fixture, String expected) {
        assertThatThrownBy(() -> Fixtures.loader().read(Fixtures.fixture(fixture)))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining(fixture + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secretFixtures")
    void neverEchoesALiteralSecret(String fixture, String secret) {
        assertThatThrownBy(() -> Fixtures.loader().read(Fixtures.fixture(fixture)))
                .isInstanceOf(InventoryException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    static Stream<Arguments> secretFixtures() {
        return Stream.of(Arguments.of("literal-password.yaml", "hunter2-literal"),
                Arguments.of("literal-token.yaml", "tok-literal-value"),
                Arguments.of("literal-enable-secret.yaml", "en-literal-value"),
                Arguments.of("base-url-with-credentials.yaml", "s3cr3t-in-url"));
    }

    @org.junit.jupiter.api.Test
    void collectsEveryErrorOfAFile() {
        assertThatThrownBy(() -> Fixtures.loader().read(Fixtures.fixture("many-errors.yaml")))
                .isInstanceOfSatisfying(InventoryException.class, e -> {
                    assertThat(e.errors()).hasSize(3);
                    assertThat(e.getMessage()).contains("many-errors.yaml:3: driver: 'nope'",
                            "many-errors.yaml:4: template: 'nope'", "many-errors.yaml:5: connect_timeout: 'soon'");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.key()).isEqualTo("driver");
                });
    }

    @org.junit.jupiter.api.Test
    void aMissingFileIsAnError() {
        assertThatThrownBy(() -> Fixtures.loader().read(Fixtures.examples().resolve("no-such.yaml")))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("no-such.yaml: (expected: a readable UTF-8 file (NoSuchFileException))");
    }
}
