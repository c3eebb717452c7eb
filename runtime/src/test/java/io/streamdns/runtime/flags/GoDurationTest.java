package io.streamdns.runtime.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "200ms, 200", "1s, 1000", "1.5s, 1500", "1m, 60000", "1h30m, 5400000", "2h45m30.5s, 9930500",
            "0s, 0", "1m0s, 60000", ".5s, 500", "1500us, 1", "1000000ns, 1", "10m, 600000", "+3s, 3000"})
    void parsesGoDurations(String text, long millis) {
        assertThat(GoDuration.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "2|has no unit", "200|has no unit", "0|has no unit", "1.5|has no unit", "-1s|negative",
            "PT10M|is not a duration", "1d|is not a duration", "ms|is not a duration", "1 m|is not a duration",
            "often|is not a duration", "''|is not a duration"})
    void refusesOthers(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"200ms", "2s", "1m", "1h30m", "1m30s", "0s", "1.5s", "10m", "24h"})
    void formatsTheWayItParses(String text) {
        Duration d = GoDuration.parse(text);
        assertThat(GoDuration.format(d)).isEqualTo(text);
        assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
    }
}
