package io.streamdns.applier.batch;

import static io.streamdns.applier.batch.Fixtures.a;
import static io.streamdns.applier.batch.Fixtures.change;
import static io.streamdns.applier.batch.Fixtures.txt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BatcherTest {

    static List<Change> creates(int n, int ipsEach) {
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] ips = IntStream.range(0, ipsEach).mapToObj(j -> "10.0." + (j / 250) + "." + (j % 250)).toArray(String[]::new);
            out.add(change(Change.Action.CREATE, a(String.format("h%04d.example.com", i), ips), String.format("h%04d.example.com", i)));
        }
        return out;
    }

    static List<Change> txts(int n, int chars) {
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "t" + i + ".example.com";
            out.add(change(Change.Action.CREATE, txt(name, "\"" + "x".repeat(chars - 2) + "\""), name));
        }
        return out;
    }

    static List<Change> upserts(int n) {
        return creates(n, 1).stream().map(c -> change(Change.Action.UPSERT, c.recordSet(), c.group())).toList();
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of("everything fits: one batch", creates(10, 1), Limits.ROUTE53, List.of(10)),
                Arguments.of("1000 changes is the limit", creates(1000, 1), Limits.ROUTE53, List.of(1000)),
                Arguments.of("1001 changes need two batches", creates(1001, 1), Limits.ROUTE53, List.of(1000, 1)),
                Arguments.of("change-count limit of 3", creates(7, 1), new Limits(3, 32_000, 1000), List.of(3, 3, 1)),
                Arguments.of("UPSERT counts twice: 500 per batch", upserts(1001), Limits.ROUTE53, List.of(500, 500, 1)),
                Arguments.of("UPSERT counts twice against a limit of 5", upserts(5), new Limits(5, 32_000, 1000), List.of(2, 2, 1)),
                // each value "10.0.0.0" is 8 characters; 10 values = 80 characters per change
                Arguments.of("character limit", creates(5, 10), new Limits(1000, 200, 1000), List.of(2, 2, 1)),
                Arguments.of("value limit", creates(5, 10), new Limits(1000, 32_000, 25), List.of(2, 2, 1)),
                Arguments.of("32,000 characters of values", txts(10, 10_000), Limits.ROUTE53, List.of(3, 3, 3, 1)),
                Arguments.of("UPSERT characters count twice", txts(4, 10_000).stream()
                        .map(c -> change(Change.Action.UPSERT, c.recordSet(), c.group())).toList(), Limits.ROUTE53, List.of(1, 1, 1, 1)),
                Arguments.of("1000 values", creates(30, 100), new Limits(1000, 1_000_000, 1000), List.of(10, 10, 10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void packsWithinTheLimits(String title, List<Change> changes, Limits limits, List<Integer> sizes) {
        Batcher.Result r = Batcher.batch(changes, limits);
        assertThat(r.batches()).extracting(Batch::size).containsExactlyElementsOf(sizes);
        assertThat(r.oversized()).isEmpty();
        for (Batch b : r.batches()) {
            assertThat(limits.fits(b.groups().stream().mapToInt(Batch.Group::weight).sum(),
                    b.groups().stream().mapToInt(Batch.Group::chars).sum(),
                    b.groups().stream().mapToInt(Batch.Group::values).sum())).as(title).isTrue();
        }
    }

    static Stream<Arguments> pairing() {
        return Stream.of(
                Arguments.of("limit 3: pairs never split", 5, new Limits(3, 32_000, 1000), List.of(2, 2, 2, 2, 2)),
                Arguments.of("limit 4: two pairs per batch", 5, new Limits(4, 32_000, 1000), List.of(4, 4, 2)),
                Arguments.of("limit 1000: all in one", 5, Limits.ROUTE53, List.of(10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairing")
    void recordAndOwnershipTxtTravelTogether(String title, int names, Limits limits, List<Integer> sizes) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < names; i++) {
            String name = "n" + i + ".example.com";
            changes.add(change(Change.Action.CREATE, txt("a-" + name, "\"heritage=external-dns\""), name));
            changes.add(change(Change.Action.CREATE, a(name, "10.0.0." + i), name));
        }
        Collections.reverse(changes);
        Batcher.Result r = Batcher.batch(changes, limits);
        assertThat(r.batches()).extracting(Batch::size).containsExactlyElementsOf(sizes);
        for (Batch b : r.batches()) {
            for (Batch.Group g : b.groups()) {
                assertThat(g.changes()).extracting(c -> c.recordSet().type()).containsExactlyInAnyOrder("A", "TXT");
            }
        }
    }

    @Test
    void aGroupTooLargeAloneIsReportedNotDropped() {
        List<Change> changes = new ArrayList<>(creates(3, 1));
        changes.add(change(Change.Action.CREATE, a("big.example.com", "1.1.1.1", "2.2.2.2", "3.3.3.3"), "big.example.com"));
        Batcher.Result r = Batcher.batch(changes, new Limits(1000, 32_000, 2));
        assertThat(r.oversized()).extracting(Batch.Group::key).containsExactly("big.example.com");
        assertThat(r.batches()).extracting(Batch::size).containsExactly(2, 1);
    }

    @Test
    void orderIsDeterministicUpsertDeleteCreateThenName() {
        List<Change> changes = List.of(
                change(Change.Action.CREATE, a("b.example.com", "1.1.1.1"), "b.example.com"),
                change(Change.Action.DELETE, a("c.example.com", "1.1.1.1"), "c.example.com"),
                change(Change.Action.CREATE, txt("a-b.example.com", "\"x\""), "b.example.com"),
                change(Change.Action.UPSERT, a("z.example.com", "1.1.1.1"), "z.example.com"),
                change(Change.Action.CREATE, a("a.example.com", "1.1.1.1"), "a.example.com"));
        List<String> order = Batcher.batch(changes, Limits.ROUTE53).batches().get(0).changes().stream()
                .map(c -> c.action() + " " + c.recordSet().name()).toList();
        assertThat(order).containsExactly("UPSERT z.example.com", "DELETE c.example.com", "CREATE a-b.example.com",
                "CREATE a.example.com", "CREATE b.example.com");
        List<Change> shuffled = new ArrayList<>(changes);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(Batcher.batch(shuffled, Limits.ROUTE53)).isEqualTo(Batcher.batch(changes, Limits.ROUTE53));
    }
}
