package io.streamdns.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdns.model.Topics;
import io.streamdns.sandbox.route53.store.ZoneStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a cold start's time goes: when the watcher's SourceStates and the planner's plans hit Kafka (first and last
 * record timestamps), and when Route 53 accepted each ChangeResourceRecordSets call (the emulator's journal: the
 * changes of one call share an instant and a zone). Idle time is the time between calls beyond Route 53's pace
 * (one call per 1/rate seconds): what a cold start at the quota's bound would not have.
 */
public final class Timeline implements AutoCloseable {
    private static final int SOURCES = 0;
    private static final int PLANS = 1;
    private final AtomicLongArray first = new AtomicLongArray(new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
    private final AtomicLongArray last = new AtomicLongArray(2);
    private final AtomicLongArray count = new AtomicLongArray(2);
    private final TopicTail tail;

    private Timeline(String bootstrap) {
        tail = TopicTail.start(bootstrap, List.of(Topics.SOURCES, Topics.PLANS), r -> {
            int i = r.topic().equals(Topics.SOURCES) ? SOURCES : PLANS;
            first.accumulateAndGet(i, r.timestamp(), Math::min);
            last.accumulateAndGet(i, r.timestamp(), Math::max);
            count.incrementAndGet(i);
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
        n.put("calls", calls.size());
        if (!calls.isEmpty()) {
            n.put("firstCallMs", calls.get(0).atMillis() - t0Millis);
            n.put("lastCallMs", calls.get(calls.size() - 1).atMillis() - t0Millis);
            double pace = 1000 / ratePerSecond;
            double idle = 0;
            long longest = 0;
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < calls.size(); i++) {
                long gap = calls.get(i).atMillis() - calls.get(i - 1).atMillis();
                gaps.add(gap);
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
