package io.streamdns.app.audit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditTimeBoundsTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("absent", null, null),
                Arguments.of("blank", " ", null),
                Arguments.of("minutes ago", "10m", NOW.minus(Duration.ofMinutes(10))),
                Arguments.of("hours ago", "2h", NOW.minus(Duration.ofHours(2))),
                Arguments.of("days ago", "3d", NOW.minus(Duration.ofDays(3))),
                Arguments.of("weeks ago", "1w", NOW.minus(Duration.ofDays(7))),
                Arguments.of("seconds ago", "90s", NOW.minusSeconds(90)),
                Arguments.of("milliseconds ago", "250ms", NOW.minusMillis(250)),
                Arguments.of("upper-case unit", "10M", NOW.minus(Duration.ofMinutes(10))),
                Arguments.of("ISO duration", "PT10M", NOW.minus(Duration.ofMinutes(10))),
                Arguments.of("ISO instant", "2025-06-01T10:00:00Z", Instant.parse("2025-06-01T10:00:00Z")),
                Arguments.of("ISO instant with millis", "2025-06-01T10:00:00.250Z",
                        Instant.parse("2025-06-01T10:00:00.250Z")),
                Arguments.of("ISO with an offset", "2025-06-01T12:00:00+02:00", Instant.parse("2025-06-01T10:00:00Z")),
                Arguments.of("a date: its start in UTC", "2025-05-31", Instant.parse("2025-05-31T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(String title, String text, Instant expected) {
        Long parsed = TimeBounds.parse("--since", text, NOW);
        assertThat(parsed).isEqualTo(expected == null ? null : expected.toEpochMilli());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown unit", "10y"),
                Arguments.of("words", "yesterday"),
                Arguments.of("negative", "-5m"),
                Arguments.of("broken instant", "2025-13-01T00:00:00Z"),
                Arguments.of("broken ISO duration", "PT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithTheFlagAndTheForms(String title, String text) {
        assertThatThrownBy(() -> TimeBounds.parse("--until", text, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--until").hasMessageContaining(text).hasMessageContaining("10m");
    }

    @Test
    void sinceAfterUntilIsRefused() {
        assertThatThrownBy(() -> TimeBounds.window("1h", "2h", NOW))
                .hasMessageContaining("--since").hasMessageContaining("after --until");
        assertThat(TimeBounds.window("2h", "1h", NOW)).containsExactly(
                NOW.minus(Duration.ofHours(2)).toEpochMilli(), NOW.minus(Duration.ofHours(1)).toEpochMilli());
    }
}
