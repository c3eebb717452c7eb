package io.streamdns.planner;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.planner.plan.Skipped;
import io.streamdns.planner.plan.VerifiedRecords;
import io.streamdns.runtime.ops.ExternalDnsMetrics;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
        externalDns();
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

    // ---- external-dns's meters (ExternalDnsMetrics): what they mean here is in the README's metrics table

    private ExternalDnsMetrics edns;
    private Counter noOpRuns;
    /** Verified records by type (VerifiedRecords.TYPES order), the sum over this planner's shards. */
    private final AtomicLong[] verified = new AtomicLong[VerifiedRecords.TYPES.size()];
    /** What each shard's counts were when last added in. */
    private final Map<ShardPlanner, int[]> verifiedOf = new IdentityHashMap<>();

    private void externalDns() {
        edns = ExternalDnsMetrics.of(registry);
        noOpRuns = edns.counter("controller_no_op_runs",
                "Number of reconcile loops ending up with no changes on the DNS provider side.");
        for (int i = 0; i < verified.length; i++) {
            AtomicLong holder = new AtomicLong();
            verified[i] = holder;
            edns.gauge("controller_verified_records", "Number of DNS records that exists both in source and registry "
                    + "(vector).", Tags.of("record_type", VerifiedRecords.TYPES.get(i)), this, holder::get);
        }
    }

    /**
     * A plan of some of the shard's names: a no-op run when it changes nothing, a sync when every cluster of the
     * partition had synced (complete knowledge), and the shard's verified records as of this plan.
     */
    void planned(ShardPlanner sp, ShardPlanner.ShardPlan plan, long now) {
        if (plan.changedNames().isEmpty()) {
            noOpRuns.increment();
        }
        if (sp.completeKnowledge()) {
            edns.synced(now);
        } else {
            edns.reconciled(now);
        }
        int[] counts = sp.verified().counts();
        int[] before = verifiedOf.put(sp, counts);
        for (int i = 0; i < counts.length; i++) {
            verified[i].addAndGet(counts[i] - (before == null ? 0 : before[i]));
        }
    }

    /** The shards this planner holds now (after an assignment or a revocation): verified records summed anew. */
    void verifiedShards(Iterable<ShardPlanner> shards) {
        verifiedOf.clear();
        long[] sum = new long[verified.length];
        for (ShardPlanner sp : shards) {
            int[] counts = sp.verified().counts();
            verifiedOf.put(sp, counts);
            for (int i = 0; i < counts.length; i++) {
                sum[i] += counts[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            verified[i].set(sum[i]);
        }
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
