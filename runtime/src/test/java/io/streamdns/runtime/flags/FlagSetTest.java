package io.streamdns.runtime.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.runtime.config.InvalidFlagException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlagSetTest {
    static final Flag<Duration> WAIT = Flag.of("wait", FlagType.duration(Duration.ofMillis(1), Duration.ofHours(1)),
            Duration.ofSeconds(30), "How long to wait").alias("old-wait");
    static final Flag<List<String>> NAMES = Flag.strings("names", "Some names");
    static final Flag<Boolean> LOUD = Flag.bool("loud", false, "Speak up");
    static final Flag<Integer> COUNT = Flag.of("count", FlagType.integer(1, 10), 3, "How many");
    static final Flag<String> MODE = Flag.of("mode", FlagType.oneOf("fast", "slow"), null, "Pace").asRequired();
    static final FlagSet SET = FlagSet.of("test", WAIT, NAMES, LOUD, COUNT, MODE);

    static FlagValues values(Map<String, String> given, Map<String, String> env) {
        return SET.values(given, env);
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        FlagValues v = values(Map.of("mode", "fast"), Map.of());
        assertThat(v.get(WAIT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(v.get(NAMES)).isEmpty();
        assertThat(v.get(LOUD)).isFalse();
        assertThat(v.get(COUNT)).isEqualTo(3);
        assertThat(v.given(WAIT)).isFalse();
        assertThat(v.given(MODE)).isTrue();
    }

    static Stream<Arguments> envRows() {
        return Stream.of(
                Arguments.of(Map.of("STREAMDNS_WAIT", "1m"), Map.of(), Duration.ofMinutes(1)),
                Arguments.of(Map.of("EXTERNAL_DNS_WAIT", "2m"), Map.of(), Duration.ofMinutes(2)),
                Arguments.of(Map.of("STREAMDNS_WAIT", "1m", "EXTERNAL_DNS_WAIT", "2m"), Map.of(), Duration.ofMinutes(1)),
                Arguments.of(Map.of("STREAMDNS_WAIT", "1m"), Map.of("wait", "5s"), Duration.ofSeconds(5)),
                Arguments.of(Map.of(), Map.of("old-wait", "7s"), Duration.ofSeconds(7)),
                Arguments.of(Map.of("STREAMDNS_OLD_WAIT", "9s"), Map.of(), Duration.ofSeconds(9)),
                Arguments.of(Map.of("STREAMDNS_OLD_WAIT", "9s", "STREAMDNS_WAIT", "8s"), Map.of(), Duration.ofSeconds(8)));
    }

    /** Command line first, then STREAMDNS_, then EXTERNAL_DNS_, then the old name's STREAMDNS_ variable. */
    @ParameterizedTest(name = "env {0} given {1}")
    @MethodSource("envRows")
    void environmentFillsWhatWasNotGiven(Map<String, String> env, Map<String, String> given, Duration expected) {
        Map<String, String> g = new java.util.HashMap<>(given);
        g.put("mode", "slow");
        assertThat(values(g, env).get(WAIT)).isEqualTo(expected);
    }

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("a", List.of("a")),
                Arguments.of("a,b", List.of("a", "b")),
                Arguments.of("a\nb", List.of("a", "b")),
                Arguments.of(" a , b\n\nc,", List.of("a", "b", "c")),
                Arguments.of("", List.of()));
    }

    /** Lists split on commas and on newlines (external-dns's env lists); blanks dropped. */
    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("lists")
    void listsSplitOnCommasAndNewlines(String text, List<String> expected) {
        assertThat(values(Map.of("names", text, "mode", "fast"), Map.of()).get(NAMES)).isEqualTo(expected);
        assertThat(values(Map.of("mode", "fast"), Map.of("EXTERNAL_DNS_NAMES", text)).get(NAMES)).isEqualTo(expected);
    }

    static Stream<Arguments> booleans() {
        return Stream.of(Arguments.of("true", true), Arguments.of("1", true), Arguments.of("T", true),
                Arguments.of("false", false), Arguments.of("0", false), Arguments.of("FALSE", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("booleans")
    void booleansAsGoParsesThem(String text, boolean expected) {
        assertThat(values(Map.of("mode", "fast"), Map.of("EXTERNAL_DNS_LOUD", text)).get(LOUD)).isEqualTo(expected);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Map.of("mode", "fast", "wiat", "1s"), Map.of(), "--wiat: unknown test flag"),
                Arguments.of(Map.of("mode", "fast", "wait", "2"), Map.of(), "--wait: '2' has no unit"),
                Arguments.of(Map.of("mode", "fast", "wait", "2h"), Map.of(), "--wait: '2h' is outside 1ms..1h"),
                Arguments.of(Map.of("mode", "fast"), Map.of("STREAMDNS_WAIT", "10"), "(from env STREAMDNS_WAIT)"),
                Arguments.of(Map.of("mode", "fast", "count", "11"), Map.of(), "--count: '11' is outside 1..10"),
                Arguments.of(Map.of("mode", "fast", "loud", "perhaps"), Map.of(), "--loud: 'perhaps' is not true"),
                Arguments.of(Map.of("mode", "quick"), Map.of(), "--mode: 'quick' is not one of fast, slow"),
                Arguments.of(Map.of(), Map.of(), "--mode: required (or env STREAMDNS_MODE or EXTERNAL_DNS_MODE)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("refusals")
    void badInputIsRefusedNamingTheFlag(Map<String, String> given, Map<String, String> env, String message) {
        assertThatThrownBy(() -> values(given, env)).isInstanceOf(InvalidFlagException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aNameIsDefinedOnce() {
        assertThatThrownBy(() -> FlagSet.of("x", WAIT, Flag.bool("old-wait", true, "Clash")))
                .hasMessageContaining("--old-wait is defined twice");
    }

    @Test
    void helpIsGeneratedFromTheDefinition() {
        assertThat(WAIT.helpLine()).isEqualTo("How long to wait. (default: 30s; env STREAMDNS_WAIT or EXTERNAL_DNS_WAIT)");
        assertThat(LOUD.helpLine()).contains("(default: false;").contains("--no-loud");
        assertThat(NAMES.helpLine()).contains("default: none").contains("repeat or separate by commas");
        assertThat(MODE.helpLine()).contains("(required;");
        assertThatThrownBy(() -> Flag.bool("x", true, "Help with (default: true)"))
                .hasMessageContaining("must not copy the default");
    }
}
