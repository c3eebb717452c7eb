package io.streamdns.sandbox.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.sandbox.route53.Route53EmulatorOptions.ZoneSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Route53EmulatorOptionsTest {

    @Test
    void defaultsAreRoute53s() {
        Route53EmulatorOptions o = Route53EmulatorOptions.fromMap(Map.of());
        assertThat(o).isEqualTo(Route53EmulatorOptions.defaults());
        assertThat(o.rateLimitPerSecond()).isEqualTo(5.0);
        assertThat(o.changeDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.faults()).isEqualTo(FaultSettings.NONE);
    }

    @Test
    void readsEveryFlag() {
        Route53EmulatorOptions o = Route53EmulatorOptions.fromMap(Map.ofEntries(Map.entry("host", "0.0.0.0"),
                Map.entry("port", "5300"), Map.entry("rate-limit", "0"), Map.entry("burst", "3"),
                Map.entry("change-delay-ms", "250"), Map.entry("zone", "example.com, corp.internal:private"),
                Map.entry("prior-request-not-complete", "true"), Map.entry("error-rate-500", "0.1"),
                Map.entry("error-rate-503", "0.2"), Map.entry("latency-ms", "15"), Map.entry("outage", "false")));
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.port()).isEqualTo(5300);
        assertThat(o.rateLimitPerSecond()).isZero();
        assertThat(o.burst()).isEqualTo(3);
        assertThat(o.changeDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.zones()).containsExactly(new ZoneSpec("example.com", false), new ZoneSpec("corp.internal", true));
        assertThat(o.priorRequestCheck()).isTrue();
        assertThat(o.faults()).isEqualTo(new FaultSettings(0.1, 0.2, 15, false, FaultSettings.OutageMode.UNAVAILABLE));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("port out of range", Map.of("port", "70000"), "--port: 70000 is not within 0..65535"),
                Arguments.of("port not a number", Map.of("port", "x"), "--port: 'x' is not a whole number"),
                Arguments.of("negative rate", Map.of("rate-limit", "-1"), "--rate-limit: -1.0 must be 0 (off) or positive"),
                Arguments.of("zone kind unknown", Map.of("zone", "example.com:secret"),
                        "--zone: 'example.com:secret' must be NAME or NAME:private"),
                Arguments.of("unknown flag", Map.of("zones", "x"), "--zones: unknown option"),
                Arguments.of("boolean", Map.of("outage", "maybe"), "--outage: 'maybe' is not true or false"),
                Arguments.of("error rates above one", Map.of("error-rate-500", "0.7", "error-rate-503", "0.7"),
                        "--error-rate-500/--error-rate-503/--latency-ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsNamingTheFlag(String title, Map<String, String> map, String message) {
        assertThatThrownBy(() -> Route53EmulatorOptions.fromMap(map)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void zoneSpecs() {
        assertThat(ZoneSpec.parse("example.com")).isEqualTo(new ZoneSpec("example.com", false));
        assertThat(ZoneSpec.parse("corp.internal:private")).isEqualTo(new ZoneSpec("corp.internal", true));
        assertThat(ZoneSpec.parse("example.org:public")).isEqualTo(new ZoneSpec("example.org", false));
        assertThat(Route53EmulatorOptions.defaults().withZones(List.of(ZoneSpec.parse("a.com"))).zones()).hasSize(1);
    }
}
