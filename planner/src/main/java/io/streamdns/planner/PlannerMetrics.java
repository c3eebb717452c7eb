package io.streamdns.planner;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamdns.planner.plan.Skipped;

/** The planner's meters ({@code streamdns_planner_*} in Prometheus). */
final class PlannerMetrics {
    private final MeterRegistry registry;
    final Counter plansOut;
    final DistributionSummary planSize;
    final Counter coalesced;
    final Counter refused;
    final Timer restore;

    PlannerMetrics(MeterRegistry registry) {
        this.registry = registry;
        plansOut = Counter.builder("streamdns.planner.plans.out").description("Plans produced").register(registry);
        planSize = DistributionSummary.builder("streamdns.planner.plan.size").description("Changes per plan")
                .publishPercentileHistogram().register(registry);
        coalesced = Counter.builder("streamdns.planner.debounce.coalesced")
                .description("Touches of a name that was already waiting to be planned").register(registry);
        refused = Counter.builder("streamdns.planner.refused")
                .description("Names whose changes the applier refused (planned again after a back-off)").register(registry);
        restore = Timer.builder("streamdns.planner.restore").description("Rebuilding partitions on assignment")
                .register(registry);
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
