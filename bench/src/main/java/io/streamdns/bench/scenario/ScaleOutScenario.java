package io.streamdns.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdns.bench.Fixtures;
import io.streamdns.bench.KafkaReset;
import io.streamdns.bench.Publisher;
import io.streamdns.bench.Report;
import io.streamdns.bench.Rig;
import io.streamdns.bench.Stats;
import io.streamdns.bench.TopicTail;
import io.streamdns.bench.fault.Processes;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * 1 vs 2 vs 4 appliers, each a JVM of its own (the broker too; the Route 53 emulator in this one), draining a backlog
 * of plans put straight on {@code streamdns.plans} over many zones and partitions. Every Route 53 answer takes
 * {@code --latency-ms} and no account rate limit applies, so an applier is the bottleneck: a partition runs one
 * call at a time and one applier process holds at most 16 calls in flight (its SDK client's connection pool), so
 * with more busy partitions than that its call rate is capped at 16 / latency. {@code --route53-quota} runs the
 * same backlog at Route 53's 5 requests/s with {@code --aws-api-rate-share} = the number of appliers instead.
 */
@Command(name = "scale-out", mixinStandardHelpOptions = true,
        description = "Appliers as separate JVMs, 1 vs 2 vs 4, each Route 53 call slow and no rate limit (target: 2 >= 1.8x 1).")
public final class ScaleOutScenario extends Scenario {
    @Option(names = "--appliers", split = ",", defaultValue = "1,2,4", description = "Applier counts (default: ${DEFAULT-VALUE}).")
    List<Integer> applierCounts;

    @Option(names = "--partitions", defaultValue = "64", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--zones", defaultValue = "64", description = "Zones, spread evenly over partitions (default: ${DEFAULT-VALUE}).")
    int zones;

    @Option(names = "--plans-per-zone", defaultValue = "50", description = "Plans queued per zone (default: ${DEFAULT-VALUE}).")
    int plansPerZone;

    @Option(names = "--changes-per-plan", defaultValue = "10", description = "Records created per plan (default: ${DEFAULT-VALUE}).")
    int changesPerPlan;

    @Option(names = "--batch-size", defaultValue = "20", description = "The appliers' --aws-batch-change-size: changes per "
            + "call, small so the cost is in the calls, not in this machine's CPU (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--latency-ms", defaultValue = "1000", description = "Added to every Route 53 answer once the appliers "
            + "have listed their zones (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--route53-quota", description = "Route 53's 5 requests/s for the account and --aws-api-rate-share = "
            + "the number of appliers, instead of no limit: what the quota leaves of scale-out.")
    boolean quota;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per applier count (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds a run may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    static final double LIMIT = 1.8;

    @Override
    protected Report measure() throws Exception {
        if (applierCounts.isEmpty() || applierCounts.stream().anyMatch(n -> n < 1)) {
            throw invalid("--appliers", applierCounts + " must be positive counts");
        }
        Report report = new Report("scale-out").param("appliers", applierCounts).param("partitions", partitions)
                .param("zones", zones).param("plansPerZone", plansPerZone).param("changesPerPlan", changesPerPlan)
                .param("batchSize", batchSize).param("latencyMs", latencyMs).param("route53Quota", quota)
                .param("runs", runs);
        Path dir = Files.createTempDirectory("streamdns-scale-out");
        Map<Integer, List<Double>> changesPerSecond = new LinkedHashMap<>();
        Map<Integer, List<Double>> callsPerSecond = new LinkedHashMap<>();
        applierCounts.forEach(n -> {
            changesPerSecond.put(n, new ArrayList<>());
            callsPerSecond.put(n, new ArrayList<>());
        });
        ArrayNode detail = Report.mapper().createArrayNode();
        long throttled = 0;
        try (Processes procs = new Processes(dir)) {
            String bootstrap = broker(procs, dir);
            int round = 0;
            for (int run = 0; run < runs; run++) {
                for (int n : applierCounts) {
                    ObjectNode r = once(bootstrap, dir, n, ++round);
                    detail.add(r);
                    changesPerSecond.get(n).add(r.get("changesPerSecond").asDouble());
                    callsPerSecond.get(n).add(r.get("callsPerSecond").asDouble());
                    throttled += r.get("throttled").asLong();
                }
            }
        }
        ObjectNode byCount = Report.mapper().createObjectNode();
        double base = Stats.median(changesPerSecond.get(applierCounts.get(0)));
        for (int n : applierCounts) {
            ObjectNode c = byCount.putObject(Integer.toString(n));
            c.set("changesPerSecond", Stats.spread(changesPerSecond.get(n)));
            c.set("callsPerSecond", Stats.spread(callsPerSecond.get(n)));
            c.put("ratioToFirst", Stats.round(Stats.median(changesPerSecond.get(n)) / base));
        }
        report.measured("byAppliers", byCount);
        report.measured("runs", detail);
        if (quota) {
            // all appliers together stay within the account's quota, so their sum cannot grow with their count
            double bound = Route53EmulatorOptions.ROUTE53_RATE * batchSize;
            report.measured("quotaBoundChangesPerSecond", bound);
            report.target("Route 53's 5 requests/s for all appliers together: 0 throttled calls (share = appliers)",
                    0, throttled == 0);
        } else {
            double ratio = applierCounts.contains(1) && applierCounts.contains(2)
                    ? Stats.median(changesPerSecond.get(2)) / Stats.median(changesPerSecond.get(1)) : Double.NaN;
            report.measured("ratioTwoToOne", Stats.round(ratio));
            report.target("changes/s of 2 appliers / 1 applier >= " + LIMIT, LIMIT, ratio >= LIMIT);
        }
        return report;
    }

    /** The broker of the smoke tests when one is shared, else one in a JVM of its own for all runs. */
    private String broker(Processes procs, Path dir) {
        String shared = System.getProperty(Rig.SHARED_KAFKA);
        if (shared != null && !shared.isBlank()) {
            return shared;
        }
        return procs.broker(dir.resolve("kafka"), Processes.freePort(), partitions).bootstrap();
    }

    private ObjectNode once(String bootstrap, Path dir, int appliers, int round) throws Exception {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        KafkaReset.recreateTopics(bootstrap, partitions);
        List<String> zoneNames = Fixtures.zonesPerPartition(zones, partitions, "scale.bench.example");
        Route53EmulatorOptions options = Route53EmulatorOptions.defaults();
        if (!quota) {
            options = options.withRateLimit(0, 0);
        }
        Route53Emulator route53 = Route53Emulator.startBlocking(options);
        String group = "bench-scale-out-" + round;
        try (Processes procs = new Processes(Files.createDirectories(dir.resolve("round-" + round)))) {
            zoneNames.forEach(z -> route53.createZone(z, false));
            List<String> args = List.of("--kafka-bootstrap-servers=" + bootstrap,
                    "--domain-filter=" + String.join(",", zoneNames), "--aws-endpoint-url=" + route53.endpoint(),
                    "--aws-api-rate=" + (quota ? "5" : "1000"), "--aws-api-rate-share=" + (quota ? appliers : 1),
                    "--aws-batch-change-size=" + batchSize, "--interval=1h", "--group-id=" + group,
                    "--txt-owner-id=bench");
            long setup = System.nanoTime();
            List<Processes.Jvm> jvms = new ArrayList<>();
            for (int i = 0; i < appliers; i++) {
                jvms.add(procs.stage("applier-" + i, "applier", args, Duration.ofSeconds(120)));
            }
            awaitSettled(bootstrap, group, appliers, jvms);
            double settledMs = millisSince(setup);
            long listCalls = route53.counters().total("ListResourceRecordSets");
            // slow from the first plan on; the appliers' start-up listings (one zone after the other) ran fast
            route53.faults().latencyMs(latencyMs);
            int plans = zoneNames.size() * plansPerZone;
            AtomicInteger done = new AtomicInteger();
            AtomicInteger applied = new AtomicInteger();
            AtomicLong lastAccepted = new AtomicLong();
            try (TopicTail tail = TopicTail.start(bootstrap, List.of(Topics.RESULTS), rec -> {
                ApplyResult result = decode(rec.value());
                if (result.status() == ApplyResult.Status.APPLIED) {
                    applied.incrementAndGet();
                }
                lastAccepted.accumulateAndGet(result.acceptedAt(), Math::max);
                done.incrementAndGet();
            }); Publisher publisher = new Publisher(bootstrap)) {
                long t0 = System.currentTimeMillis();
                publishPlans(publisher, zoneNames, t0);
                if (!Rig.await(Duration.ofSeconds(timeoutSeconds), Duration.ofMillis(50), () -> done.get() >= plans)) {
                    throw new IllegalStateException("only " + done.get() + " of " + plans + " plans answered in time; logs in " + dir);
                }
                double seconds = Math.max(1, lastAccepted.get() - t0) / 1000.0;
                long calls = route53.counters().total("ChangeResourceRecordSets");
                ObjectNode r = Report.mapper().createObjectNode();
                r.put("appliers", appliers);
                r.put("loadAverage1m", Stats.round(load));
                r.put("settledMs", Stats.round(settledMs));
                r.put("seconds", Stats.round(seconds));
                r.put("plans", plans);
                r.put("plansApplied", applied.get());
                r.put("changes", (long) plans * changesPerPlan);
                r.put("changesPerSecond", Stats.round(plans * (double) changesPerPlan / seconds));
                r.put("changeCalls", calls);
                r.put("callsPerSecond", Stats.round(calls / seconds));
                // Little's law: calls in flight on average while draining
                r.put("meanCallsInFlight", Stats.round(calls / seconds * (latencyMs / 1000.0)));
                r.put("throttled", route53.counters().count("ChangeResourceRecordSets", "Throttling"));
                r.put("listCallsWhileDraining", route53.counters().total("ListResourceRecordSets") - listCalls);
                callTimes(r, jvms);
                return r;
            }
        } finally {
            route53.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** From the appliers' own metrics: how long a call took as they saw it (SDK queue included), plans per run. */
    private static void callTimes(ObjectNode r, List<Processes.Jvm> jvms) {
        double sum = 0;
        double count = 0;
        double runs = 0;
        double merged = 0;
        for (Processes.Jvm jvm : jvms) {
            String text = Processes.metrics(jvm);
            String change = "operation=\"ChangeResourceRecordSets\"";
            sum += Processes.sample(text, "streamdns_applier_provider_call_duration_seconds_sum", change);
            count += Processes.sample(text, "streamdns_applier_provider_call_duration_seconds_count", change);
            runs += Processes.sample(text, "streamdns_applier_plans_merged_plans_count", "");
            merged += Processes.sample(text, "streamdns_applier_plans_merged_plans_sum", "");
        }
        r.put("applierCallMeanMs", count == 0 ? Double.NaN : Stats.round(sum / count * 1000));
        r.put("runs", (long) runs);
        r.put("plansPerRun", runs == 0 ? Double.NaN : Stats.round(merged / runs));
    }

    private void publishPlans(Publisher publisher, List<String> zoneNames, long t0) {
        int p = 0;
        // round-robin over zones, so every partition's backlog builds up at once
        for (int k = 0; k < plansPerZone; k++) {
            for (String zone : zoneNames) {
                List<Endpoint> create = new ArrayList<>();
                for (int c = 0; c < changesPerPlan; c++) {
                    create.add(Endpoint.of("p" + k + "-" + c + "." + zone, "A", Fixtures.ip((long) p * changesPerPlan + c)));
                }
                ChangePlan plan = new ChangePlan("bench-" + p, zone, t0, t0, create, List.of(), List.of(), List.of(),
                        List.of());
                publisher.send(Topics.PLANS, RecordKey.of(zone, plan.planId()), plan);
                p++;
            }
        }
        publisher.flush();
    }

    /** Until the group is stable with every applier a member, every partition assigned and every applier ready. */
    private void awaitSettled(String bootstrap, String group, int appliers, List<Processes.Jvm> jvms) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            boolean settled = Rig.await(Duration.ofSeconds(120), Duration.ofMillis(250), () -> {
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                            .get(10, TimeUnit.SECONDS).get(group);
                    int assigned = d.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                    return d.groupState() == GroupState.STABLE && d.members().size() == appliers
                            && assigned == partitions && jvms.stream().allMatch(Processes::ready);
                } catch (Exception e) {
                    return false;
                }
            });
            if (!settled) {
                throw new IllegalStateException("appliers did not settle on all " + partitions + " partitions");
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
