package io.streamdns.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdns.applier.ApplierVerticle;
import io.streamdns.bench.Fixtures;
import io.streamdns.bench.Publisher;
import io.streamdns.bench.Report;
import io.streamdns.bench.Rig;
import io.streamdns.bench.Stats;
import io.streamdns.bench.TopicTail;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.StageContext;
import io.streamdns.sandbox.route53.FaultSettings;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * 1 vs 2 appliers in one consumer group when every Route 53 call takes {@code --latency-ms} and no rate limit
 * applies: plans are put on {@code streamdns.plans} directly (spread over zones on every partition) and the clock
 * runs from publishing the first to the last result's acceptance.
 */
@Command(name = "scale-out", mixinStandardHelpOptions = true,
        description = "Applier throughput with 1 vs 2 appliers when each Route 53 call takes 100 ms, rate limit off.")
public final class ScaleOutScenario extends Scenario {
    @Option(names = "--zones", defaultValue = "12", description = "Zones, spread evenly over partitions (default: ${DEFAULT-VALUE}).")
    int zones;

    @Option(names = "--plans", defaultValue = "600", description = "Plans in total (default: ${DEFAULT-VALUE}).")
    int plans;

    @Option(names = "--changes-per-plan", defaultValue = "10", description = "Records created per plan (default: ${DEFAULT-VALUE}).")
    int changesPerPlan;

    @Option(names = "--latency-ms", defaultValue = "100", description = "Added to every Route 53 answer (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per applier count (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds a run may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    protected Report measure() throws Exception {
        Report report = new Report("scale-out").param("zones", zones).param("plans", plans)
                .param("changesPerPlan", changesPerPlan).param("latencyMs", latencyMs).param("partitions", partitions)
                .param("runs", runs);
        Map<Integer, List<Double>> throughput = Map.of(1, new ArrayList<>(), 2, new ArrayList<>());
        ArrayNode detail = Report.mapper().createArrayNode();
        for (int run = 0; run < runs; run++) {
            for (int appliers : List.of(1, 2)) {
                ObjectNode r = once(appliers);
                detail.add(r);
                throughput.get(appliers).add(r.get("changesPerSecond").asDouble());
            }
        }
        double one = Stats.median(throughput.get(1));
        double two = Stats.median(throughput.get(2));
        report.measured("oneApplierChangesPerSecond", Stats.spread(throughput.get(1)));
        report.measured("twoAppliersChangesPerSecond", Stats.spread(throughput.get(2)));
        double ratio = two / one;
        report.measured("ratio", ratio);
        report.measured("runs", detail);
        report.target("throughput of 2 appliers / 1 applier >= 1.8", 1.8, ratio >= 1.8);
        return report;
    }

    private ObjectNode once(int appliers) throws Exception {
        List<String> zoneNames = Fixtures.zonesPerPartition(zones, partitions, "scale.bench.example");
        long setup = System.nanoTime();
        try (Rig rig = Rig.start(partitions)) {
            double brokerMs = millisSince(setup);
            var emulator = rig.route53(Route53EmulatorOptions.defaults().withRateLimit(0, 0)
                    .withFaults(FaultSettings.NONE.withLatencyMs(latencyMs)));
            zoneNames.forEach(z -> emulator.createZone(z, false));
            List<ApplierVerticle> verticles = new ArrayList<>();
            List<StageContext> stages = new ArrayList<>();
            for (int i = 0; i < appliers; i++) {
                StageContext stage = rig.stage("applier-" + i);
                stages.add(stage);
                verticles.add(rig.applier(stage, Map.of("domain-filter", String.join(",", zoneNames),
                        "aws-api-rate", "1000", "drift-interval", "1h", "group-id", rig.group("applier"))));
            }
            boolean settled = Rig.await(Duration.ofSeconds(120), Duration.ofMillis(100), () ->
                    stages.stream().allMatch(s -> s.readiness().isReady())
                            && verticles.stream().allMatch(v -> !v.activePartitions().isEmpty())
                            && verticles.stream().mapToInt(v -> v.activePartitions().size()).sum() == partitions);
            if (!settled) {
                throw new IllegalStateException("appliers did not settle on all partitions");
            }
            AtomicInteger done = new AtomicInteger();
            AtomicInteger applied = new AtomicInteger();
            AtomicLong lastAccepted = new AtomicLong();
            try (TopicTail tail = TopicTail.start(rig.bootstrap(), List.of(Topics.RESULTS), rec -> {
                ApplyResult result = decode(rec.value());
                if (result.status() == ApplyResult.Status.APPLIED) {
                    applied.incrementAndGet();
                }
                lastAccepted.accumulateAndGet(result.acceptedAt(), Math::max);
                done.incrementAndGet();
            }); Publisher publisher = new Publisher(rig.bootstrap())) {
                double settleMs = millisSince(setup);
                long t0 = System.currentTimeMillis();
                for (int p = 0; p < plans; p++) {
                    String zone = zoneNames.get(p % zoneNames.size());
                    List<Endpoint> create = new ArrayList<>();
                    for (int c = 0; c < changesPerPlan; c++) {
                        create.add(Endpoint.of("p" + p + "-" + c + "." + zone, "A", Fixtures.ip((long) p * changesPerPlan + c)));
                    }
                    ChangePlan plan = new ChangePlan("bench-" + p, zone, t0, t0, create, List.of(), List.of(), List.of(),
                            List.of());
                    publisher.send(Topics.PLANS, RecordKey.of(zone, plan.planId()), plan);
                }
                publisher.flush();
                if (!Rig.await(Duration.ofSeconds(timeoutSeconds), Duration.ofMillis(50), () -> done.get() >= plans)) {
                    throw new IllegalStateException("only " + done.get() + " of " + plans + " plans applied in time");
                }
                double seconds = Math.max(1, lastAccepted.get() - t0) / 1000.0;
                ObjectNode r = Report.mapper().createObjectNode();
                r.put("appliers", appliers);
                r.put("brokerStartMs", Stats.round(brokerMs));
                r.put("settledMs", Stats.round(settleMs));
                r.put("seconds", Stats.round(seconds));
                r.put("plansApplied", applied.get());
                r.put("changesPerSecond", Stats.round(plans * (double) changesPerPlan / seconds));
                r.put("changeCalls", emulator.counters().total("ChangeResourceRecordSets"));
                return r;
            }
        }
    }

    private static ApplyResult decode(byte[] value) {
        try {
            return JsonCodec.decode(value, ApplyResult.class);
        } catch (CodecException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
