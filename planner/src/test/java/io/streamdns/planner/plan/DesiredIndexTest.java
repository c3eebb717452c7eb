package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.SourceState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which sources claim a name as sources come, change, move and go (one claimant is held without a list). */
class DesiredIndexTest {

    /** Source {@code name} (cluster c1) now claims these DNS names; no names: tombstone. */
    record Put(String source, List<String> names) {
        static Put of(String source, String... names) {
            return new Put(source, Arrays.asList(names));
        }

        static Put gone(String source) {
            return new Put(source, null);
        }
    }

    record Row(String title, List<Put> puts, Map<String, List<String>> claims) {
        @Override
        public String toString() {
            return title;
        }
    }

    private static SourceState state(String source, List<String> names) {
        return new SourceState("c1", "Service", "default", source, "uid", "1", 1L,
                names.stream().map(n -> Endpoint.of(n, "A", "192.0.2.1")).toList());
    }

    private static String id(String source) {
        return "c1/Service/default/" + source;
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("one source claims a name", List.of(Put.of("web", "www.ex.com")),
                        Map.of("www.ex.com", List.of("web"))),
                new Row("the same source published again claims it once",
                        List.of(Put.of("web", "www.ex.com"), Put.of("web", "www.ex.com")),
                        Map.of("www.ex.com", List.of("web"))),
                new Row("two sources claim one name", List.of(Put.of("web", "www.ex.com"), Put.of("api", "www.ex.com")),
                        Map.of("www.ex.com", List.of("api", "web"))),
                new Row("of two claimants one leaves", List.of(Put.of("web", "www.ex.com"),
                        Put.of("api", "www.ex.com"), Put.gone("web")), Map.of("www.ex.com", List.of("api"))),
                new Row("three claimants, one leaves, then another",
                        List.of(Put.of("a", "www.ex.com"), Put.of("b", "www.ex.com"), Put.of("c", "www.ex.com"),
                                Put.gone("b"), Put.gone("a")),
                        Map.of("www.ex.com", List.of("c"))),
                new Row("a source moves to another name",
                        List.of(Put.of("web", "www.ex.com"), Put.of("web", "new.ex.com")),
                        Map.of("new.ex.com", List.of("web"))),
                new Row("a tombstone removes every claim of the source",
                        List.of(Put.of("web", "www.ex.com", "api.ex.com"), Put.gone("web")), Map.of()),
                new Row("a tombstone of an unknown source changes nothing",
                        List.of(Put.of("web", "www.ex.com"), Put.gone("other")), Map.of("www.ex.com", List.of("web"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void claims(Row row) {
        DesiredIndex index = new DesiredIndex();
        for (Put p : row.puts()) {
            index.put(id(p.source()), p.names() == null ? null : state(p.source(), p.names()));
        }
        Map<String, List<String>> claims = new TreeMap<>();
        for (String name : index.names()) {
            claims.put(name, index.sourcesAt(name).stream().map(SourceState::name).sorted().toList());
            for (Endpoint e : index.at(name)) {
                assertThat(e.dnsName()).isEqualTo(name);
                assertThat(e.label(Labels.CLUSTER)).isEqualTo("c1");
            }
        }
        assertThat(claims).isEqualTo(new TreeMap<>(row.claims()));
    }

    /** Keys of one object under two watcher scopes are two sources; the identity strings are not held but still told apart. */
    @org.junit.jupiter.api.Test
    void scopedKeysOfOneObjectAreSourcesOfTheirOwn() {
        DesiredIndex index = new DesiredIndex();
        index.put(id("web"), state("web", List.of("www.ex.com")));
        index.put(id("web") + "@east", state("web", List.of("www.ex.com", "east.ex.com")));
        assertThat(index.sourceCount()).isEqualTo(2);
        assertThat(index.contains(id("web") + "@east")).isTrue();
        assertThat(index.contains(id("web") + "@west")).isFalse();
        assertThat(index.sourcesAt("www.ex.com")).hasSize(2);

        index.put(id("web"), null);
        assertThat(index.contains(id("web"))).isFalse();
        assertThat(index.sourcesAt("www.ex.com")).hasSize(1);
        assertThat(index.at("east.ex.com")).hasSize(1);
        index.put(id("web") + "@east", null);
        assertThat(index.names()).isEmpty();
        assertThat(index.sourceCount()).isZero();
    }
}
