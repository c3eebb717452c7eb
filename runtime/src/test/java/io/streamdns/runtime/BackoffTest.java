package io.streamdns.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@org.junit.jupiter.api.Timeout(10)
class BackoffTest {
    @ParameterizedTest(name = "{0} ms x{2} to {1} ms, attempt {3} -> {4} ms")
    @CsvSource({
            // initial, max, multiplier, attempt, delay (no jitter)
            "100, 5000, 2,   1,          100",
            "100, 5000, 2,   2,          200",
            "100, 5000, 2,   6,          3200",
            "100, 5000, 2,   7,          5000",
            "100, 5000, 2,   1000,       5000",
            "100, 5000, 2,   2147483647, 5000",
            "100, 5000, 2,   0,          100",
            "100, 5000, 2,   -3,         100",
            "500, 10000, 1.5, 3,         1125",
            "1000, 1000, 2,  5,          1000",
            "250, 60000, 1,  9,          250",
    })
    void exactWithoutJitter(long initial, long max, double multiplier, int attempt, long delay) {
        Backoff b = new Backoff(Duration.ofMillis(initial), Duration.ofMillis(max), multiplier, 0);
        assertThat(b.delayMillis(attempt)).isEqualTo(delay);
    }

    @ParameterizedTest(name = "jitter {2}, attempt {3} -> [{4}, {5}] ms")
    @CsvSource({
            // initial, max, jitter, attempt, lowest, highest
            "100, 5000, 0.2, 1,    80,   120",
            "100, 5000, 0.2, 4,    640,  960",
            "100, 5000, 0.5, 6,    1600, 4800",
            "100, 5000, 0.2, 7,    5000, 5000",
            "100, 5000, 0.5, 50,   5000, 5000",
            "100, 1000, 0.5, 4,    400,  1000",
    })
    void jitterSpreadsWithinItsBoundsAndNeverPastMax(long initial, long max, double jitter, int attempt, long lowest,
                                                     long highest) {
        Backoff b = new Backoff(Duration.ofMillis(initial), Duration.ofMillis(max), 2, jitter);
        long min = Long.MAX_VALUE;
        long most = 0;
        for (int i = 0; i < 2000; i++) {
            long d = b.delayMillis(attempt);
            min = Math.min(min, d);
            most = Math.max(most, d);
        }
        assertThat(min).isGreaterThanOrEqualTo(lowest);
        assertThat(most).isLessThanOrEqualTo(highest);
        if (lowest < highest) {
            assertThat(most - min).as("spread").isGreaterThan((highest - lowest) / 4);
        }
    }

    @ParameterizedTest(name = "{0} ms to {1} ms x{2} ±{3}: refused")
    @CsvSource({
            "0,   100, 2,   0",
            "200, 100, 2,   0",
            "100, 200, 0.5, 0",
            "100, 200, 2,   1",
            "100, 200, 2,   -0.1",
    })
    void nonsenseIsRefused(long initial, long max, double multiplier, double jitter) {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(initial), Duration.ofMillis(max), multiplier, jitter))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("back-off needs");
    }
}
