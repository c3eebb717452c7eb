package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-name debounce, driven by a simulated clock the way the Vert.x wrapper drives it: the shard fires at its
 * earliest due time and takes what is due then (with the slack); touches happen in between.
 */
class DebounceScheduleTest {

    /** A touch of names at a time (eventAt 0: none), or, with no names, the shard being cancelled. */
    record Step(long at, long eventAt, Set<String> names) {
        static Step touch(long at, long eventAt, String... names) {
            return new Step(at, eventAt, Set.of(names));
        }

        static Step cancel(long at) {
            return new Step(at, 0, Set.of());
        }
    }

    /** A batch as fired: when, which names, earliest source event. */
    record Fire(long at, Set<String> names, long earliestEventAt) {
        static Fire of(long at, long earliestEventAt, String... names) {
            return new Fire(at, Set.of(names), earliestEventAt);
        }
    }

    record Row(String title, long quiet, long max, long slack, List<Step> steps, List<Fire> fires, int coalesced) {
        @Override
        public String toString() {
            return title;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("a single name fires one quiet window after its touch", 200, 2000, 0,
                        List.of(Step.touch(1000, 900, "a")),
                        List.of(Fire.of(1200, 900, "a")), 0),
                new Row("a name touched again within the quiet window waits for the last touch", 200, 2000, 0,
                        List.of(Step.touch(1000, 990, "a"), Step.touch(1100, 1090, "a"), Step.touch(1250, 1240, "a")),
                        List.of(Fire.of(1450, 990, "a")), 2),
                new Row("continuous touches of one name are capped by the maximum wait", 200, 500, 0,
                        List.of(Step.touch(0, 0, "a"), Step.touch(100, 0, "a"), Step.touch(200, 0, "a"),
                                Step.touch(300, 0, "a"), Step.touch(400, 0, "a"), Step.touch(499, 0, "a"),
                                Step.touch(600, 0, "a"), Step.touch(700, 0, "a")),
                        List.of(Fire.of(500, 0, "a"), Fire.of(900, 0, "a")), 6),
                new Row("two names with different due times fire separately", 200, 2000, 0,
                        List.of(Step.touch(0, 10, "a"), Step.touch(150, 20, "b")),
                        List.of(Fire.of(200, 10, "a"), Fire.of(350, 20, "b")), 0),
                new Row("a busy shard does not hold back a quiet name (each name changes once)", 200, 2000, 0,
                        List.of(Step.touch(0, 0, "a"), Step.touch(100, 0, "b"), Step.touch(190, 0, "c"),
                                Step.touch(250, 0, "d")),
                        List.of(Fire.of(200, 0, "a"), Fire.of(300, 0, "b"), Fire.of(390, 0, "c"),
                                Fire.of(450, 0, "d")), 0),
                new Row("names due within the slack join the firing name's batch", 200, 2000, 50,
                        List.of(Step.touch(0, 5, "a"), Step.touch(30, 3, "b"), Step.touch(50, 0, "c"),
                                Step.touch(60, 1, "d")),
                        List.of(Fire.of(200, 3, "a", "b", "c"), Fire.of(260, 1, "d")), 0),
                new Row("the default slack is a quarter of the quiet window, 50 ms at most", 200, 2000,
                        DebounceSchedule.slackFor(200),
                        List.of(Step.touch(0, 0, "a"), Step.touch(50, 0, "b"), Step.touch(51, 0, "c")),
                        List.of(Fire.of(200, 0, "a", "b"), Fire.of(251, 0, "c")), 0),
                new Row("a re-touched name leaves the batch it would have joined", 200, 2000, 50,
                        List.of(Step.touch(0, 0, "a"), Step.touch(20, 0, "b"), Step.touch(120, 0, "b")),
                        List.of(Fire.of(200, 0, "a"), Fire.of(320, 0, "b")), 1),
                new Row("debounce 0 fires at once with what arrived together", 0, 0, DebounceSchedule.slackFor(0),
                        List.of(Step.touch(100, 7, "a", "b"), Step.touch(100, 6, "b"), Step.touch(101, 0, "c")),
                        List.of(Fire.of(100, 6, "a", "b"), Fire.of(101, 0, "c")), 1),
                new Row("cancel drops every pending name", 200, 2000, 0,
                        List.of(Step.touch(0, 0, "a", "b"), Step.cancel(100), Step.touch(150, 0, "c")),
                        List.of(Fire.of(350, 0, "c")), 0),
                new Row("the earliest event is kept per fired batch, not per shard", 200, 2000, 0,
                        List.of(Step.touch(0, 50, "a"), Step.touch(10, 40, "b"), Step.touch(300, 30, "c")),
                        List.of(Fire.of(200, 50, "a"), Fire.of(210, 40, "b"), Fire.of(500, 30, "c")), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void fires(Row row) {
        DebounceSchedule s = new DebounceSchedule(row.quiet(), row.max(), row.slack());
        List<Fire> fired = new ArrayList<>();
        int coalesced = 0;
        for (Step step : row.steps()) {
            fireUntil(s, step.at(), fired);
            if (step.names().isEmpty()) {
                s.clear();
            } else {
                coalesced += s.touch(step.at(), step.names(), step.eventAt());
            }
        }
        fireUntil(s, Long.MAX_VALUE - 1, fired);
        assertThat(fired).containsExactlyElementsOf(row.fires());
        assertThat(coalesced).isEqualTo(row.coalesced());
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.nextDueAt()).isEqualTo(Long.MAX_VALUE);
    }

    /** Fires what is due strictly before {@code until}, as the shard's timer would. */
    private static void fireUntil(DebounceSchedule s, long until, List<Fire> fired) {
        while (s.nextDueAt() < until) {
            long at = s.nextDueAt();
            assertThat(s.hasDue(at)).isTrue();
            DebounceSchedule.Batch b = s.due(at);
            fired.add(new Fire(at, b.names(), b.earliestEventAt()));
        }
    }
}
