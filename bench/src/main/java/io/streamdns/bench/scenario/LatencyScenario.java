package io.streamdns.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdns.bench.Fixtures;
import io.streamdns.bench.LatencyLedger;
import io.streamdns.bench.Pipeline;
import io.streamdns.bench.Report;
import io.streamdns.bench.Rig;
import io.streamdns.bench.Stats;
import io.streamdns.bench.TopicTail;
import io.streamdns.model.Topics;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Changes a pool of LoadBalancer Services' addresses at a steady rate and measures, per change, the time from the
 * Kubernetes API call to Route 53 accepting the record that carries it (the applier's ApplyResult.acceptedAt: the
 * moment the emulator answered the ChangeResourceRecordSets call). Once with the planner's default debounce, once
 * with debounce 0 (the pipeline's own overhead). Route 53 at its 5 requests/s.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "p50/p95/p99 from a Kubernetes change to Route 53 accepting it, at 100 changes/s.")
public final class LatencyScenario extends Scenario {
    @Option(names = "--rate", defaultValue = "100", description = "Object changes per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "60", description = "Measured seconds of changes (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of changes before measuring (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--services", defaultValue = "1000", description = "Services changed round robin (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--debounce", split = ",", defaultValue = "default,0",
            description = "Planner debounce settings to run: 'default' or milliseconds (default: ${DEFAULT-VALUE}).")
    List<String> debounces;

    @Option(names = "--debounce-max", description = "Planner --debounce-max for every mode (default: the planner's; "
            + "with debounce 0 it is 0 as well).")
    String debounceMax;

    @Option(names = "--drain", defaultValue = "120", description = "Seconds to wait for the last changes (default: ${DEFAULT-VALUE}).")
    long drainSeconds;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    /** The planner's own default quiet window, for the target of the 'default' mode. */
    static final long PLANNER_DEFAULT_DEBOUNCE_MS = io.streamdns.planner.PlannerFlags.DEBOUNCE.defaultValue().toMillis();

    @Override
    protected Report measure() throws Exception {
        Report report = new Report("latency").param("rate", rate).param("durationSeconds", durationSeconds)
                .param("warmupSeconds", warmupSeconds).param("services", services).param("debounce", debounces)
                .param("route53RatePerSecond", Route53EmulatorOptions.ROUTE53_RATE).param("partitions", partitions);
        ArrayNode modes = Report.mapper().createArrayNode();
        boolean allMet = true;
        StringBuilder worst = new StringBuilder();
        for (String debounce : debounces) {
            ObjectNode mode = once(debounce.strip());
            modes.add(mode);
            allMet &= mode.get("met").asBoolean();
            worst.append(worst.length() == 0 ? "" : "; ").append("debounce ").append(mode.get("debounceMs").asLong())
                    .append(" ms: p99 ").append(Double.isFinite(mode.path("p99Ms").asDouble())
                            ? mode.path("p99Ms").asLong() + " ms" : "not reached by the deadline")
                    .append(" vs ").append(mode.get("limitMs").asLong()).append(" ms");
        }
        report.measured("modes", modes);
        report.target("p99 <= debounce + 300 ms in every mode (" + worst + ")", 300, allMet);
        return report;
    }

    private ObjectNode once(String debounce) throws Exception {
        Map<String, String> plannerFlags = new HashMap<>();
        long debounceMs = PLANNER_DEFAULT_DEBOUNCE_MS;
        if (!debounce.equalsIgnoreCase("default")) {
            debounceMs = Long.parseLong(debounce);
            plannerFlags.put("debounce", debounceMs + "ms");
            if (debounceMs == 0 && debounceMax == null) {
                plannerFlags.put("debounce-max", "0ms");
            }
        }
        if (debounceMax != null) {
            plannerFlags.put("debounce-max", debounceMax);
        }
        String zone = "latency.bench.example";
        try (Rig rig = Rig.start(partitions)) {
            Fixtures.createServices(rig.kubernetes().client(), 0, services, zone, 4);
            Pipeline pipeline = Pipeline.start(rig, zone, Route53EmulatorOptions.defaults(), plannerFlags,
                    Map.of("drift-interval", "1h")).watch();
            if (!Rig.await(Duration.ofSeconds(120), Duration.ofMillis(200),
                    () -> pipeline.count(Pipeline.serviceRecords("A")) >= services)) {
                throw new IllegalStateException("the initial " + services + " records did not appear");
            }
            long callsBefore = pipeline.route53().counters().total("ChangeResourceRecordSets");
            LatencyLedger ledger = new LatencyLedger();
            int warmup = (int) Math.round(rate * warmupSeconds);
            int total = warmup + (int) Math.round(rate * durationSeconds);
            long started;
            double offeredSeconds;
            try (TopicTail tail = TopicTail.start(rig.bootstrap(), List.of(Topics.PLANS, Topics.RESULTS), ledger::accept)) {
                started = System.nanoTime();
                drive(rig, zone, ledger, total);
                offeredSeconds = (System.nanoTime() - started) / 1e9;
                Rig.await(Duration.ofSeconds(drainSeconds), Duration.ofMillis(100), () -> ledger.unsatisfied(warmup, total) == 0);
            }
            List<Double> latencies = ledger.latencies(warmup, total);
            double p99 = Stats.percentile(latencies, 99);
            long limit = debounceMs + 300;
            ObjectNode m = Report.mapper().createObjectNode();
            m.put("debounce", debounce);
            m.put("debounceMs", debounceMs);
            m.put("changesMeasured", total - warmup);
            m.put("offeredRatePerSecond", Stats.round(total / offeredSeconds));
            m.put("p50Ms", Stats.round(Stats.percentile(latencies, 50)));
            m.put("p95Ms", Stats.round(Stats.percentile(latencies, 95)));
            m.put("p99Ms", Stats.round(p99));
            m.put("maxMs", Stats.round(Stats.percentile(latencies, 100)));
            m.put("notAppliedByDeadline", ledger.unsatisfied(warmup, total));
            m.set("medianStepsMs", Report.mapper().valueToTree(ledger.breakdown(warmup, total)));
            m.put("plans", ledger.plans());
            m.put("changeCalls", pipeline.route53().counters().total("ChangeResourceRecordSets") - callsBefore);
            m.put("throttled", pipeline.route53().counters().count("ChangeResourceRecordSets", "Throttling"));
            m.put("limitMs", limit);
            m.put("met", p99 <= limit);
            return m;
        }
    }

    /** Issues {@code total} changes at {@code rate}/s from a small pool of threads (an API call takes a few ms). */
    private void drive(Rig rig, String zone, LatencyLedger ledger, int total) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        long periodNanos = (long) (1e9 / rate);
        ticker.scheduleAtFixedRate(() -> {
            int k = next.getAndIncrement();
            if (k >= total) {
                return;
            }
            int svc = k % services;
            callers.execute(() -> {
                String ip = Fixtures.ip(LatencyLedger.BASE + k);
                ledger.issued(k, Fixtures.hostName(svc, zone), System.currentTimeMillis());
                rig.kubernetes().setServiceLoadBalancer(Fixtures.NAMESPACE, Fixtures.serviceName(svc), ip);
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (next.get() < total) {
            Thread.sleep(50);
        }
        ticker.shutdownNow();
        callers.shutdown();
        callers.awaitTermination(60, TimeUnit.SECONDS);
    }
}
