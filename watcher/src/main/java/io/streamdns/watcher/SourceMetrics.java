package io.streamdns.watcher;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.streamdns.model.Endpoint;
import io.streamdns.runtime.ops.ExternalDnsMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * external-dns's source gauges from this watcher's objects: {@code external_dns_source_endpoints_total} and
 * {@code external_dns_source_records{record_type}}, the endpoints the cluster's objects ask for now (mapped and
 * accepted, published or not yet). The watchers of one process add up, as external-dns's "all sources". Kept per
 * object, so an object that changes or goes replaces its counts. Written on the verticle's context; the gauges read
 * atomics.
 */
final class SourceMetrics {
    private final ExternalDnsMetrics edns;
    /** Per object identity: its endpoints by record type (only objects with endpoints). */
    private final Map<String, Map<String, Integer>> byObject = new HashMap<>();
    private final Map<String, AtomicLong> byType = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    SourceMetrics(MeterRegistry registry) {
        this.edns = ExternalDnsMetrics.of(registry);
        edns.gauge("source_endpoints_total", "Number of Endpoints in all sources", Tags.empty(), this, total::get);
    }

    /** What the object asks for now (empty: nothing, or refused). */
    void endpoints(String identity, List<Endpoint> endpoints) {
        Map<String, Integer> counts = new HashMap<>(2);
        for (Endpoint e : endpoints) {
            counts.merge(e.recordType(), 1, Integer::sum);
        }
        Map<String, Integer> before = counts.isEmpty() ? byObject.remove(identity) : byObject.put(identity, counts);
        if (before != null) {
            before.forEach((type, n) -> add(type, -n));
        }
        counts.forEach(this::add);
    }

    private void add(String type, int n) {
        total.addAndGet(n);
        byType.computeIfAbsent(type, t -> edns.part("source_records", "Number of source records partitioned by label name "
                + "(vector).", Tags.of("record_type", t), this)).addAndGet(n);
    }

    /** The watcher stopped: its objects no longer count. */
    void close() {
        edns.withdraw(this);
    }
}
