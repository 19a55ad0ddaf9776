package io.postern.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.FwknopdConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** access.conf TARGETS checked against {@code precedence.yaml}. */
class TargetsValidatorTest {

    private static final String KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    private static final String HMAC = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    @TempDir
    Path dir;

    @Test
    void unknownTargetsPointAtTheirStanzaWithCloseMatches() throws Exception {
        Inventory inv = Fixtures.loader().read(Fixtures.fixture("precedence.yaml"));
        Path conf = Files.writeString(dir.resolve("access.conf"), """
                SOURCE ANY
                KEY_BASE64 %1$s
                HMAC_KEY_BASE64 %2$s
                TARGETS child, h1

                # a local stanza: no TARGETS, nothing to check
                SOURCE 192.0.2.0/24
                KEY_BASE64 %1$s
                HMAC_KEY_BASE64 %2$s

                SOURCE 198.51.100.1
                KEY_BASE64 %1$s
                HMAC_KEY_BASE64 %2$s
                TARGETS parnet, h9
                """.formatted(KEY, HMAC));
        var stanzas = new AccessConfReader(FwknopdConf.defaults(), ZoneId.of("UTC"), u -> true).read(conf).stanzas();
        var errors = TargetsValidator.check(inv, stanzas);
        assertThat(errors).extracting(Throwable::getMessage).satisfiesExactly(
                m -> assertThat(m).startsWith(conf + ":11: TARGETS: 'parnet' (expected: a group or host of ")
                        .endsWith("; close matches: parent)"),
                m -> assertThat(m).startsWith(conf + ":11: TARGETS: 'h9'").contains("close matches: h1, h2, h3"));
        assertThatThrownBy(() -> TargetsValidator.validate(inv, stanzas)).isInstanceOf(InventoryException.class)
                .hasMessageContaining("'parnet'").hasMessageContaining("'h9'");
    }

    @Test
    void takesAPlainListWithALabel() throws Exception {
        Inventory inv = Fixtures.loader().read(Fixtures.fixture("precedence.yaml"));
        assertThat(TargetsValidator.check(inv, List.of("all", "zeta", "h2"), Path.of("access.conf"), 3)).isEmpty();
        assertThat(TargetsValidator.check(inv, List.of("Zeta"), Path.of("access.conf"), 3))
                .singleElement().satisfies(e -> assertThat(e.getMessage())
                        .startsWith("access.conf:3: TARGETS: 'Zeta'").contains("close matches: zeta"));
    }
}
