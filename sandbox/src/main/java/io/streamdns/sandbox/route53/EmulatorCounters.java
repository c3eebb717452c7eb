package io.streamdns.sandbox.route53;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests per operation and outcome ({@code ok} or the error code answered). */
public final class EmulatorCounters {
    public static final String OK = "ok";
    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    void record(String operation, String outcome) {
        counts.computeIfAbsent(operation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    public long count(String operation, String outcome) {
        Map<String, LongAdder> byOutcome = counts.get(operation);
        LongAdder n = byOutcome == null ? null : byOutcome.get(outcome);
        return n == null ? 0 : n.sum();
    }

    /** All outcomes of one operation. */
    public long total(String operation) {
        Map<String, LongAdder> byOutcome = counts.get(operation);
        return byOutcome == null ? 0 : byOutcome.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** operation → outcome → count, sorted. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((op, byOutcome) -> {
            Map<String, Long> m = new TreeMap<>();
            byOutcome.forEach((outcome, n) -> m.put(outcome, n.sum()));
            out.put(op, m);
        });
        return out;
    }

    public void reset() {
        counts.clear();
    }
}
