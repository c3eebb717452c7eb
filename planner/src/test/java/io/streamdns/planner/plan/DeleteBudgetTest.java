package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.control.DeleteApproval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shard delete budget, table-driven: what a plan of n deletes keeps and holds. */
class DeleteBudgetTest {
    private static final long MIN = 60_000;
    private static final long T0 = 1_000_000;

    /**
     * @param earlier deletes planned before (each {@code {at, count}}) with {@code owned} records then
     * @param held    how many of the plan's deletes are held
     */
    record Row(String name, int owned, long[][] earlier, DeleteApproval approval, long at, int deletes, int held) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        DeleteApproval valid = new DeleteApproval("ex.com", T0 - MIN, T0 + 15 * MIN, "op", "rebuild");
        DeleteApproval expired = new DeleteApproval("ex.com", T0 - 30 * MIN, T0 - 15 * MIN, "op", "old");
        DeleteApproval future = new DeleteApproval("ex.com", T0 + MIN, T0 + 15 * MIN, "op", "later");
        return Stream.of(
                new Row("below min records: everything goes", 9, new long[0][], null, T0, 9, 0),
                new Row("30% of 20 = 6 go, the excess is held", 20, new long[0][], null, T0, 16, 10),
                new Row("exactly the budget: nothing held", 20, new long[0][], null, T0, 6, 0),
                new Row("one delete, far below the budget: goes", 2000, new long[0][], null, T0, 1, 0),
                new Row("budget spent earlier in the window: all held", 20, new long[][] {{T0 - 5 * MIN, 6}}, null, T0, 1, 1),
                new Row("spent before the window: budget again", 20, new long[][] {{T0 - 11 * MIN, 6}}, null, T0, 6, 0),
                new Row("base is the most owned in the window: landed deletes do not shrink it", 14,
                        new long[][] {{T0 - MIN, 3}}, null, T0, 4, 1),
                new Row("valid approval lifts the budget", 20, new long[0][], valid, T0, 16, 0),
                new Row("expired approval does not", 20, new long[0][], expired, T0, 16, 10),
                new Row("approval not yet valid does not", 20, new long[0][], future, T0, 16, 10));
    }

    private static ChangeSet deletes(int n) {
        ChangeSet c = new ChangeSet();
        for (int i = n - 1; i >= 0; i--) { // reverse: the budget keeps a deterministic order, not the input's
            c.delete.add(Endpoint.of(String.format("n%03d.ex.com", i), "A", "192.0.2.1"));
        }
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void budget(Row row) {
        DeleteBudget b = new DeleteBudget(new DeleteBudget.Settings(0.3, 10, Duration.ofMinutes(10)));
        for (long[] e : row.earlier()) {
            b.apply(deletes((int) e[1]), "ex.com", 20, null, e[0]);
        }
        ChangeSet c = deletes(row.deletes());
        b.apply(c, "ex.com", row.owned(), row.approval(), row.at());
        assertThat(c.skipped).hasSize(row.held());
        assertThat(c.delete).hasSize(row.deletes() - row.held());
        assertThat(c.skipped).allSatisfy(s -> {
            assertThat(s.reason()).isEqualTo(Skipped.Reason.DELETE_HELD_BUDGET);
            assertThat(s.detail()).contains("approve-deletes --shard ex.com");
        });
        List<String> kept = new ArrayList<>(c.delete.stream().map(Endpoint::dnsName).toList());
        if (row.held() > 0 && !kept.isEmpty()) {
            assertThat(kept).isSorted(); // the first names in order go, the rest wait
            assertThat(c.skipped.get(0).name()).isGreaterThan(kept.get(kept.size() - 1));
        }
    }
}
