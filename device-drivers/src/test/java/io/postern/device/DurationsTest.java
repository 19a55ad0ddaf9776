package io.postern.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "PT30S, PT30S",
            "PT1M30S, PT1M30S", "P1D, PT24H", "0030s, PT30S"})
    void acceptsOneUnitOrIso8601(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "30", "30 s", " 30s", "30s ", "1m30s", "30S", "30sec", "-30s", "0s", "PT0S",
            "pt30s", "PT-30S", "-PT30S", "+PT30S", "P", "PT", "1.5s", "30us", "1w", "5M", "1e3ms", "９s"})
    void refusesEverythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Durations.EXPECTED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"250ms", "30s", "5m", "1h", "2d", "1500ms", "90s"})
    void formatReadsBack(String text) {
        Duration d = Durations.parse(text);
        assertThat(Durations.format(d)).isEqualTo(text);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
