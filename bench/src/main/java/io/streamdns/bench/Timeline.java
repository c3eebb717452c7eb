package io.streamdns.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdns.model.Topics;
import io.streamdns.sandbox.route53.store.ZoneStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a cold start's time goes: when the watcher's SourceStates and the planner's plans hit Kafka (first and last
 * record timestamps), and when Route 53 accepted each ChangeResourceRecordSets call (the emulator's journal: the
 * changes of one call share an instant and a zone). Idle time is the time between calls beyond Route 53's pace
 * (one call per 1/rate seconds): what a cold start at the quota's bound would not have. Each gap longer than 1.5 paces
 * is listed with the results published inside it (the streamdns.results timestamps), so a gap at a run's boundary
 * (results, commit, next run) shows apart from one inside a run.
 */
public final class Timeline implements AutoCloseable {
    private static final int SOURCES = 0;
    private static final int PLANS = 1;
    private static final int RESULTS = 2;
    private final AtomicLongArray first = new AtomicLongArray(new long[] {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE});
    private final AtomicLongArray last = new AtomicLongArray(3);
    private final AtomicLongArray count = new AtomicLongArray(3);
    private final Queue<Long> resultTimes = new ConcurrentLinkedQueue<>();
    private final TopicTail tail;

    private Timeline(String bootstrap) {
        tail = TopicTail.start(bootstrap, List.of(Topics.SOURCES, Topics.PLANS, Topics.RESULTS), r -> {
            int i = r.topic().equals(Topics.SOURCES) ? SOURCES : r.topic().equals(Topics.PLANS) ? PLANS : RESULTS;
            first.accumulateAndGet(i, r.timestamp(), Math::min);
            last.accumulateAndGet(i, r.timestamp(), Math::max);
            count.incrementAndGet(i);
            if (i == RESULTS) {
                resultTimes.add(r.timestamp());
            }
        });
    }

    /** Starts tailing the sources and plans topics of this broker from their beginning. */
    public static Timeline start(String bootstrap) {
        return new Timeline(bootstrap);
    }

    /** One accepted call: when, and how many changes it carried. */
    public record Call(long atMillis, int changes) {
    }

    /** The accepted ChangeResourceRecordSets calls in the journal from {@code fromEntry} on, in order. */
    public static List<Call> calls(ZoneStore store, int fromEntry) {
        List<ZoneStore.JournalEntry> journal = store.journal();
        List<Call> calls = new ArrayList<>();
        ZoneStore.JournalEntry prev = null;
        int n = 0;
        for (int i = fromEntry; i < journal.size(); i++) {
            ZoneStore.JournalEntry e = journal.get(i);
            if (prev != null && (!e.at().equals(prev.at()) || !e.zoneId().equals(prev.zoneId()))) {
                calls.add(new Call(prev.at().toEpochMilli(), n));
                n = 0;
            }
            prev = e;
            n++;
        }
        if (prev != null) {
            calls.add(new Call(prev.at().toEpochMilli(), n));
        }
        return calls;
    }

    /**
     * The timeline relative to {@code t0Millis} (epoch ms): sources, plans, calls (first, last), idle time between
     * calls beyond {@code 1000 / ratePerSecond} ms each and the longest gap.
     */
    public ObjectNode report(long t0Millis, List<Call> calls, double ratePerSecond) {
        ObjectNode n = Report.mapper().createObjectNode();
        span(n, "sources", SOURCES, t0Millis);
        span(n, "plans", PLANS, t0Millis);
        span(n, "results", RESULTS, t0Millis);
        n.put("calls", calls.size());
        if (!calls.isEmpty()) {
            n.put("firstCallMs", calls.get(0).atMillis() - t0Millis);
            n.put("lastCallMs", calls.get(calls.size() - 1).atMillis() - t0Millis);
            double pace = 1000 / ratePerSecond;
            double idle = 0;
            long longest = 0;
            List<Long> gaps = new ArrayList<>();
            ArrayNode longGaps = n.putArray("longGaps");
            List<Long> results = resultTimes.stream().sorted().toList();
            for (int i = 1; i < calls.size(); i++) {
                long gap = calls.get(i).atMillis() - calls.get(i - 1).atMillis();
                gaps.add(gap);
                if (gap > 1.5 * pace) {
                    longGaps.add(gap(calls.get(i - 1).atMillis(), calls.get(i).atMillis(), i, t0Millis, results));
                }
                idle += Math.max(0, gap - pace);
                longest = Math.max(longest, gap);
            }
            n.put("idleBetweenCallsMs", Stats.round(idle));
            n.put("medianGapMs", Stats.round(Stats.median(gaps)));
            n.put("longestGapMs", longest);
            n.put("changesPerCall", Stats.round(calls.stream().mapToInt(Call::changes).average().orElse(0)));
        }
        return n;
    }

    /** A long gap after call {@code index - 1}: when, how long, and the results published inside it. */
    private static ObjectNode gap(long from, long to, int index, long t0Millis, List<Long> results) {
        ObjectNode g = Report.mapper().createObjectNode();
        g.put("afterCall", index);
        g.put("atMs", from - t0Millis);
        g.put("gapMs", to - from);
        List<Long> inside = results.stream().filter(t -> t >= from && t < to).toList();
        g.put("results", inside.size());
        if (!inside.isEmpty()) {
            g.put("firstResultMs", inside.get(0) - from);
            g.put("lastResultMs", inside.get(inside.size() - 1) - from);
        }
        return g;
    }

    private void span(ObjectNode n, String what, int i, long t0Millis) {
        n.put(what, count.get(i));
        if (count.get(i) > 0) {
            n.put(what + "FirstMs", first.get(i) - t0Millis);
            n.put(what + "LastMs", last.get(i) - t0Millis);
        }
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
