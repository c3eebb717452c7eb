package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Plans cut to fit one Route 53 call: changes, value characters (an update twice) and values; names never split. */
class PlanChunkerTest {

    record Row(String title, PlanChunker.Limits limits, Changes changes, List<List<String>> chunks) {
        @Override
        public String toString() {
            return title;
        }
    }

    record Cost(String title, Endpoint endpoint, int chars, int values) {
        @Override
        public String toString() {
            return title;
        }
    }

    private static final String TXT_VALUE = "\"heritage=external-dns,external-dns/owner=default,"
            + "external-dns/resource=service/default/some-service-name,external-dns/cluster=c1\""; // 130 characters

    private static Endpoint a(String name, String... targets) {
        return new Endpoint(name, RecordTypes.A, List.of(targets), 0, null, Map.of(), Map.of());
    }

    private static Endpoint txt(String owned) {
        return new Endpoint("a-" + owned, RecordTypes.TXT, List.of(TXT_VALUE), 300, null, Map.of(),
                Map.of(Labels.OWNED_RECORD, owned));
    }

    private static Endpoint alias(String name, String target) {
        return new Endpoint(name, RecordTypes.A, List.of(target), 300, null, Map.of(ProviderProperties.ALIAS, "true"),
                Map.of());
    }

    private static Changes creates(Endpoint... es) {
        return new Changes(List.of(es), List.of(), List.of(), List.of(), List.of());
    }

    private static Changes updates(Endpoint oldE, Endpoint newE, Endpoint... creates) {
        return new Changes(List.of(creates), List.of(oldE), List.of(newE), List.of(), List.of());
    }

    /** n names, each an A of {@code 10.0.x.y} (8–10 characters) and its 130-character ownership TXT. */
    private static Changes burst(int n) {
        List<Endpoint> es = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.format("svc%04d.ex.com", i);
            es.add(a(name, "10.0." + (i / 250) + "." + (i % 250)));
            es.add(txt(name));
        }
        return new Changes(es, List.of(), List.of(), List.of(), List.of());
    }

    private static List<List<String>> names(List<Changes> chunks) {
        return chunks.stream().map(c -> {
            Set<String> owned = new LinkedHashSet<>();
            Stream.of(c.create(), c.updateNew(), c.delete()).flatMap(List::stream)
                    .forEach(e -> owned.add(ChangeSet.ownedName(e)));
            return List.copyOf(owned);
        }).toList();
    }

    private static List<String> range(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> String.format("svc%04d.ex.com", i)).toList();
    }

    static Stream<Row> rows() {
        String v100 = "x".repeat(100);
        return Stream.of(
                new Row("a plan within every limit stays whole", PlanChunker.Limits.route53(500),
                        creates(a("a.ex.com", "192.0.2.1"), txt("a.ex.com")), List.of(List.of("a.ex.com"))),
                new Row("the change count cuts in name order, a record and its TXT together",
                        new PlanChunker.Limits(3, 32_000, 1000),
                        creates(a("b.ex.com", "192.0.2.2"), txt("b.ex.com"), a("a.ex.com", "192.0.2.1"),
                                txt("a.ex.com"), a("c.ex.com", "192.0.2.3")),
                        List.of(List.of("a.ex.com"), List.of("b.ex.com", "c.ex.com"))),
                new Row("250 A + 250 TXT (~35,000 characters) are cut by characters, not by the 500 count",
                        PlanChunker.Limits.route53(500), burst(250), List.of(range(0, 229), range(229, 250))),
                new Row("1000 names fill plans of 229 names: 5 plans, each one call (by count: 4 plans, 8 calls)",
                        PlanChunker.Limits.route53(500), burst(1000),
                        List.of(range(0, 229), range(229, 458), range(458, 687), range(687, 916), range(916, 1000))),
                new Row("an update weighs its new value twice (UPSERT)", new PlanChunker.Limits(500, 299, 1000),
                        updates(a("a.ex.com", "1"), a("a.ex.com", v100), a("b.ex.com", v100)),
                        List.of(List.of("a.ex.com"), List.of("b.ex.com"))),
                new Row("an update whose old value is longer weighs old + new (DELETE + CREATE)",
                        new PlanChunker.Limits(500, 259, 1000),
                        updates(a("a.ex.com", v100 + v100 + "y"), a("a.ex.com", "1"), a("b.ex.com", "x".repeat(58))),
                        List.of(List.of("a.ex.com"), List.of("b.ex.com"))),
                new Row("values are limited too (an update's twice)", new PlanChunker.Limits(500, 32_000, 5),
                        updates(a("a.ex.com", "1", "2"), a("a.ex.com", "1", "2"), a("b.ex.com", "3", "4")),
                        List.of(List.of("a.ex.com"), List.of("b.ex.com"))),
                new Row("an alias counts its target once, without the trailing dot, as one value",
                        new PlanChunker.Limits(500, 25, 2),
                        creates(alias("a.ex.com", "lb-1.elb.amazonaws.com."), alias("b.ex.com", "x.y"),
                                alias("c.ex.com", "z")),
                        List.of(List.of("a.ex.com", "b.ex.com"), List.of("c.ex.com"))),
                new Row("a name over a limit on its own gets a plan of its own", new PlanChunker.Limits(500, 50, 1000),
                        creates(a("a.ex.com", "1"), a("b.ex.com", "x".repeat(60)), a("c.ex.com", "2")),
                        List.of(List.of("a.ex.com"), List.of("b.ex.com"), List.of("c.ex.com"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void splits(Row row) {
        List<Changes> chunks = PlanChunker.split(row.changes(), row.limits());
        assertThat(names(chunks)).isEqualTo(row.chunks());
        assertThat(chunks.stream().mapToInt(Changes::size).sum()).isEqualTo(row.changes().size());
    }

    static Stream<Cost> costs() {
        return Stream.of(
                new Cost("A: each address", a("a.ex.com", "192.0.2.1", "192.0.2.10"), 19, 2),
                new Cost("TXT with quotes: as is", txt("a.ex.com"), 130, 1),
                new Cost("TXT without quotes: quoted, inner quotes escaped",
                        new Endpoint("t.ex.com", RecordTypes.TXT, List.of("a\"b"), 0, null, Map.of(), Map.of()), 6, 1),
                new Cost("CNAME: without the trailing dot",
                        new Endpoint("c.ex.com", RecordTypes.CNAME, List.of("x.ex.net."), 0, null, Map.of(), Map.of()),
                        8, 1),
                new Cost("alias: the target name, one value", alias("a.ex.com", "lb-1.elb.amazonaws.com."), 22, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costs")
    void countsAsRoute53(Cost row) {
        assertThat(PlanChunker.valueChars(row.endpoint())).isEqualTo(row.chars());
        assertThat(PlanChunker.valueCount(row.endpoint())).isEqualTo(row.values());
    }
}
