package io.streamdns.applier.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdns.runtime.ops.ExternalDnsMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** The applier's meters, named {@code streamdns.applier.*} (Prometheus: {@code streamdns_applier_*}). */
public final class ApplierMetrics {
    private static final String P = "streamdns.applier.";
    private final MeterRegistry registry;
    private final Timer endToEnd;
    private final DistributionSummary batchSize;
    private final DistributionSummary merged;
    private final Map<String, AtomicInteger> circuitStates = new ConcurrentHashMap<>();

    public ApplierMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.endToEnd = Timer.builder(P + "end.to.end.latency")
                .description("Source event to provider acceptance (plan.earliestEventAt to accepted)")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1))
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.batchSize = DistributionSummary.builder(P + "batch.size").description("Changes per ChangeResourceRecordSets")
                .baseUnit("changes").serviceLevelObjectives(1, 10, 100, 500, 1000).register(registry);
        this.merged = DistributionSummary.builder(P + "plans.merged")
                .description("Plans applied together in one run (sharing ChangeResourceRecordSets calls)")
                .baseUnit("plans").serviceLevelObjectives(1, 2, 5, 10, 20, 50).register(registry);
        externalDns();
    }

    // ---- external-dns's meters (ExternalDnsMetrics): what they mean here is in the README's metrics table

    private ExternalDnsMetrics edns;
    private Counter registryErrors;
    private final AtomicLong registryTotal = new AtomicLong();
    private final Map<String, AtomicLong> registryByType = new ConcurrentHashMap<>();
    private final AtomicInteger softErrors = new AtomicInteger();

    private void externalDns() {
        edns = ExternalDnsMetrics.of(registry);
        registryErrors = edns.counter("registry_errors", "Number of Registry errors.");
        edns.gauge("registry_endpoints_total", "Number of Endpoints in the registry", Tags.empty(), this,
                registryTotal::get);
        edns.gauge("controller_consecutive_soft_errors", "Number of consecutive soft errors in reconciliation loop.",
                Tags.empty(), this, softErrors::get);
    }

    /** A Route 53 call that failed for good (retries spent, circuit open): the registry could not be read or written. */
    public void registryError() {
        registryErrors.increment();
    }

    /** The zones the applier holds gained ({@code delta > 0}) or lost records of a type (ownership TXTs excluded). */
    public void registryRecords(String type, int delta) {
        registryTotal.addAndGet(delta);
        registryByType.computeIfAbsent(type, t -> edns.part("registry_records", "Number of registry records partitioned by label name "
                + "(vector).", Tags.of("record_type", t), this)).addAndGet(delta);
    }

    /** A re-list of the assigned zones began (an attempted sync), and how it ended. */
    public void relisted(long startedAt, boolean succeeded) {
        if (succeeded) {
            edns.synced(startedAt);
        } else {
            edns.reconciled(startedAt);
        }
    }

    /**
     * A plan's outcome at Route 53: applied (or nothing left to do) is a sync; partial or failed an attempt, and a
     * soft error in a row until a plan succeeds again.
     */
    private void planOutcome(String status) {
        long now = System.currentTimeMillis();
        switch (status) {
            case "APPLIED", "NOTHING_TO_DO" -> {
                edns.synced(now);
                softErrors.set(0);
            }
            case "PARTIAL", "FAILED" -> {
                edns.reconciled(now);
                softErrors.incrementAndGet();
            }
            default -> edns.reconciled(now); // DRY_RUN: nothing was written
        }
    }

    public static ApplierMetrics noop() {
        return new ApplierMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One provider API call (attempt) by operation and outcome (success, throttled, busy, transient, ...). */
    public void call(String operation, String outcome, long nanos) {
        registry.counter(P + "provider.calls", "operation", operation, "outcome", outcome).increment();
        registry.timer(P + "provider.call.duration", "operation", operation).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void throttled(String operation) {
        registry.counter(P + "throttles", "operation", operation).increment();
    }

    public void retried(String operation) {
        registry.counter(P + "retries", "operation", operation).increment();
    }

    public void batch(int changes) {
        batchSize.record(changes);
    }

    /** One run of {@code plans} merged plans. */
    public void merged(int plans) {
        merged.record(plans);
    }

    public void change(String status, long n) {
        if (n > 0) {
            registry.counter(P + "changes", "outcome", status.toLowerCase(Locale.ROOT)).increment(n);
        }
    }

    public void plan(String status) {
        registry.counter(P + "plans", "status", status.toLowerCase(Locale.ROOT)).increment();
        planOutcome(status);
    }

    public void endToEnd(long millis) {
        if (millis >= 0) {
            endToEnd.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    public Timer endToEndTimer() {
        return endToEnd;
    }

    public void zoneState(String kind, long n) {
        if (n > 0) {
            registry.counter(P + "zone.state.published", "kind", kind).increment(n);
        }
    }

    public void drift(long differences) {
        registry.counter(P + "drift.differences").increment(differences);
    }

    /** Circuit state per zone: 0 closed, 1 open, 2 half-open, 3 other. */
    public void circuitState(String zone, int state) {
        circuitStates.computeIfAbsent(zone, z -> {
            AtomicInteger holder = new AtomicInteger();
            Gauge.builder(P + "circuit.state", holder, AtomicInteger::get).tag("zone", z)
                    .description("0 closed, 1 open, 2 half-open").register(registry);
            return holder;
        }).set(state);
    }

    public void gauge(String name, DoubleSupplier value) {
        Gauge.builder(P + name, value::getAsDouble).register(registry);
    }

    public Counter counter(String name, String... tags) {
        return registry.counter(P + name, tags);
    }
}
