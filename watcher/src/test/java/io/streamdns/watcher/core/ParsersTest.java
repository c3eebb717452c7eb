package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The small parsers of the mapping core: ttl, selectors, fqdn templates. */
class ParsersTest {

    static Stream<Arguments> ttls() {
        return Stream.of(
                Arguments.of("plain seconds", "600", 600L, false),
                Arguments.of("minutes", "10m", 600L, false),
                Arguments.of("mixed units", "1h1m30s", 3690L, false),
                Arguments.of("fraction cut off", "1.5s", 1L, false),
                Arguments.of("fractional hours", "1.5h", 5400L, false),
                Arguments.of("zero is unset", "0", 0L, false),
                Arguments.of("maximum", "2147483647", 2147483647L, false),
                Arguments.of("above maximum", "2147483648", 0L, true),
                Arguments.of("below one second", "500ms", 0L, true),
                Arguments.of("negative", "-5s", 0L, true),
                Arguments.of("no unit on a fraction", "1.5", 0L, true),
                Arguments.of("unknown unit", "5d", 0L, true),
                Arguments.of("garbage", "soon", 0L, true),
                Arguments.of("absent", null, 0L, false));
    }

    @ParameterizedTest(name = "ttl {0}: {1}")
    @MethodSource("ttls")
    void ttl(String title, String raw, long seconds, boolean error) {
        Ttl.Parsed p = Ttl.parse(raw);
        assertThat(p.seconds()).isEqualTo(seconds);
        assertThat(p.error() != null).isEqualTo(error);
    }

    static Stream<Arguments> selectors() {
        Map<String, String> m = Map.of("team", "a", "tier", "web", "example.com/x", "1");
        return Stream.of(
                Arguments.of("empty matches all", "", m, true),
                Arguments.of("equality", "team=a", m, true),
                Arguments.of("double equals", "team==b", m, false),
                Arguments.of("inequality", "team!=a", m, false),
                Arguments.of("exists", "tier", m, true),
                Arguments.of("not exists", "!tier", m, false),
                Arguments.of("in", "team in (a, b)", m, true),
                Arguments.of("notin", "team notin (a,b)", m, false),
                Arguments.of("notin absent key", "zone notin (x)", m, true),
                Arguments.of("AND of terms", "team=a,tier in (web),example.com/x=1", m, true),
                Arguments.of("AND fails on one term", "team=a,tier=db", m, false));
    }

    @ParameterizedTest(name = "selector {0}: {1}")
    @MethodSource("selectors")
    void selector(String title, String text, Map<String, String> values, boolean matches) {
        assertThat(Selector.parse(text).matches(values)).isEqualTo(matches);
    }

    @Test
    void badSelectorsAndTemplatesNameTheProblem() {
        assertThatThrownBy(() -> Selector.parse("team=a,,x")).hasMessageContaining("empty term");
        assertThatThrownBy(() -> Selector.parse("team in a")).hasMessageContaining("team in a");
        assertThatThrownBy(() -> FqdnTemplate.parse("{{.Labels.app | nope}}.example.com"))
                .hasMessageContaining("{{.Labels.app | nope}}").hasMessageContaining("function \"nope\" not defined");
        assertThatThrownBy(() -> FqdnTemplate.parse("{{.Name}.example.com")).hasMessageContaining("1:8:");
        assertThat(FqdnTemplate.parse(" ")).isNull();
        assertThat(FqdnTemplate.parse("{{.Name}}.a.com,x-{{.Namespace}}.b.com").render(new io.fabric8.kubernetes.api
                .model.ServiceBuilder().withNewMetadata().withName("web").withNamespace("prod").endMetadata().build(),
                "service").names()).containsExactly("web.a.com", "x-prod.b.com");
    }
}
