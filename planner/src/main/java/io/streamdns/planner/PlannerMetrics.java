package io.streamdns.planner;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamdns.planner.plan.Skipped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The planner's meters ({@code streamdns_planner_*} in Prometheus). */
final class PlannerMetrics {
    private final MeterRegistry registry;
    final Counter plansOut;
    final DistributionSummary planSize;
    final Counter coalesced;
    final Counter refused;
    final Timer restore;
    final Counter planErrors;
    final Counter commitFailures;

    PlannerMetrics(MeterRegistry registry) {
        this.registry = registry;
        plansOut = Counter.builder("streamdns.planner.plans.out").description("Plans produced").register(registry);
        planSize = DistributionSummary.builder("streamdns.planner.plan.size").description("Changes per plan")
                .publishPercentileHistogram().register(registry);
        coalesced = Counter.builder("streamdns.planner.debounce.coalesced")
                .description("Touches of a name that was already waiting to be planned").register(registry);
        refused = Counter.builder("streamdns.planner.refused")
                .description("Names whose changes the applier refused (planned again after a back-off)").register(registry);
        planErrors = Counter.builder("streamdns.planner.plan.errors")
                .description("Slices of names whose planning threw (planned again in halves, then per name)")
                .register(registry);
        commitFailures = Counter.builder("streamdns.planner.commit.failures")
                .description("Offset commits that failed (retried while the partition is ours)").register(registry);
        restore = Timer.builder("streamdns.planner.restore").description("Rebuilding partitions on assignment")
                .register(registry);
    }

    /** {@code streamdns_planner_deletes_held{reason}}: deletes waiting for a marker or an approval. */
    private final Map<Skipped.Reason, AtomicInteger> held =
            new EnumMap<>(Skipped.Reason.class);

    /** Sets the held-deletes gauge (the event loop counts; a scrape reads the last count). */
    void held(Skipped.Reason reason, int count) {
        held.computeIfAbsent(reason, r -> {
            AtomicInteger n = new AtomicInteger();
            Gauge.builder("streamdns.planner.deletes.held", n::get)
                    .tag("reason", r.tag()).description("Deletes held: a claimant has not synced, or the budget")
                    .register(registry);
            return n;
        }).set(count);
    }

    void eventIn(String topic) {
        registry.counter("streamdns.planner.events.in", "topic", topic).increment();
    }

    void decodeError(String topic) {
        registry.counter("streamdns.planner.decode.errors", "topic", topic).increment();
    }

    void skipped(Skipped.Reason reason) {
        registry.counter("streamdns.planner.skipped", "reason", reason.tag()).increment();
    }
}
