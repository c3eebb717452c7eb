package io.streamdns.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Throwables;
import io.streamdns.bench.Fixtures;
import io.streamdns.bench.Machine;
import io.streamdns.bench.PartsFloor;
import io.streamdns.bench.Pipeline;
import io.streamdns.bench.Publisher;
import io.streamdns.bench.Report;
import io.streamdns.bench.Rig;
import io.streamdns.bench.Stats;
import io.streamdns.bench.TopicTail;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.StageContext;
import io.streamdns.watcher.WatcherVerticle;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Events per second through watcher → Kafka → planner with no provider. N Services exist when the watcher starts,
 * so its informers hand it N objects at once; the clock stops when the planner's plans name every Service's record.
 * Then, on the same planner, N more SourceStates are put on the sources topic as fast as a producer can: the
 * planner's live path alone.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "watcher -> Kafka -> planner events/s with no provider (target >= 20,000/s).")
public final class ThroughputScenario extends Scenario {
    @Option(names = "--services", defaultValue = "20000", description = "Services (events) per run (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--mix", description = "A third each of Services, DNSEndpoints and HTTPRoutes (one Gateway) "
            + "instead of Services only; the watcher reads service,crd,gateway-httproute.")
    boolean mix;

    @Option(names = "--runs", defaultValue = "3", description = "(default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "Runs before the measured ones, reported and not "
            + "counted: the first run in a JVM spends a third of its CPU compiling (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds a phase may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--floor", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After each run, what the parts cost alone: a bare informer over the same Services and the "
                    + "run's SourceStates and plans each through one more Kafka hop (default: on).")
    boolean floor;

    static final double TARGET = 20_000;
    /** Tries of each Kafka hop of the floor; the cheapest counts. */
    static final int FLOOR_TRIES = 3;
    static final Duration HOP_TIMEOUT = Duration.ofSeconds(60);

    @Override
    protected Report measure() throws Exception {
        Report report = new Report("throughput").param("services", services).param("mix", mix).param("runs", runs)
                .param("warmup", warmup).param("partitions", partitions);
        List<Double> endToEnd = new ArrayList<>();
        List<Double> watcher = new ArrayList<>();
        List<Double> plannerLive = new ArrayList<>();
        List<Double> cpuEndToEnd = new ArrayList<>();
        List<Double> cpuPlannerLive = new ArrayList<>();
        List<Double> floorCpu = new ArrayList<>();
        ArrayNode detail = Report.mapper().createArrayNode();
        for (int run = 0; run < warmup + runs; run++) {
            ObjectNode r = once();
            detail.add(r);
            if (run < warmup) {
                r.put("warmup", true);
                continue;
            }
            endToEnd.add(r.get("endToEndEventsPerSecond").asDouble());
            watcher.add(r.get("watcherEventsPerSecond").asDouble());
            plannerLive.add(r.get("plannerLiveEventsPerSecond").asDouble());
            cpuEndToEnd.add(r.get("endToEndCpuMsPer1000Events").asDouble());
            cpuPlannerLive.add(r.get("plannerLiveCpuMsPer1000Events").asDouble());
            if (r.has("floor")) {
                floorCpu.add(r.get("floor").get("partsCpuMsPer1000Events").asDouble());
            }
        }
        report.measured("endToEndEventsPerSecond", Stats.spread(endToEnd));
        report.measured("watcherEventsPerSecond", Stats.spread(watcher));
        report.measured("plannerLiveEventsPerSecond", Stats.spread(plannerLive));
        report.measured("endToEndCpuMsPer1000Events", Stats.spread(cpuEndToEnd));
        report.measured("plannerLiveCpuMsPer1000Events", Stats.spread(cpuPlannerLive));
        if (!floorCpu.isEmpty()) {
            // the parts alone, summed along the path: CPU per event, and the rate the machine's cores allow for it
            double cpuMs = Stats.median(floorCpu);
            report.measured("partsFloorCpuMsPer1000Events", Stats.spread(floorCpu));
            report.measured("partsFloorMaxEventsPerSecond",
                    Stats.round(Runtime.getRuntime().availableProcessors() * 1e6 / cpuMs));
        }
        report.measured("runs", detail);
        double median = Stats.median(endToEnd);
        report.target("watcher -> Kafka -> planner >= 20000 events/s (median of runs)", TARGET, median >= TARGET);
        return report;
    }

    /** Time the JIT compilers spent so far (summed over their threads), or 0 when the JVM does not say. */
    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private ObjectNode once() throws Exception {
        String zone = "throughput.bench.example";
        try (Rig rig = Rig.start(partitions)) {
            long c0 = System.nanoTime();
            if (mix) {
                Fixtures.createMixed(rig.kubernetes().installCrds(), 0, services, zone, 8);
            } else {
                Fixtures.createServices(rig.kubernetes().client(), 0, services, zone, 8);
            }
            double createMs = millisSince(c0);
            StageContext planner = rig.stage("planner");
            rig.planner(planner, Map.of("domain-filter", zone, "txt-owner-id", Pipeline.OWNER, "policy", "sync"));
            if (!Rig.await(Duration.ofSeconds(60), Duration.ofMillis(20), () -> planner.readiness().isReady())) {
                throw new IllegalStateException("planner not ready");
            }
            Set<String> planned = ConcurrentHashMap.newKeySet();
            List<ConsumerRecord<String, byte[]>> sourceRecords = Collections.synchronizedList(new ArrayList<>());
            List<ConsumerRecord<String, byte[]>> planRecords = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger sources = new AtomicInteger();
            AtomicLong sourcesDoneAt = new AtomicLong();
            try (TopicTail tail = TopicTail.start(rig.bootstrap(), List.of(Topics.SOURCES, Topics.PLANS), rec -> {
                if (rec.value() == null) {
                    return;
                }
                if (rec.topic().equals(Topics.SOURCES)) {
                    if (floor && sourceRecords.size() < services) {
                        sourceRecords.add(rec);
                    }
                    if (sources.incrementAndGet() == services) {
                        sourcesDoneAt.set(System.nanoTime());
                    }
                    return;
                }
                ChangePlan plan = decode(rec.value());
                if (floor && planned.size() < services) {
                    planRecords.add(rec);
                }
                for (Endpoint e : plan.create()) {
                    if (e.recordType().equals("A")) {
                        planned.add(e.dnsName());
                    }
                }
            })) {
                long t0 = System.nanoTime();
                long cpu0 = Machine.processCpuNanos();
                long jit0 = jitMillis();
                rig.watcher(rig.stage("watcher"), Map.of("cluster-name", "bench", "source",
                        mix ? "service,crd,gateway-httproute" : "service", "domain-filter", zone));
                await(() -> planned.size() >= services, "plans for " + services + " services");
                long t1 = System.nanoTime();
                long cpu1 = Machine.processCpuNanos();
                long jit1 = jitMillis();
                await(() -> sourcesDoneAt.get() > 0, "sources");
                // the live path alone: N more objects' states straight onto the topic
                List<SourceState> direct = new ArrayList<>();
                for (int i = services; i < 2 * services; i++) {
                    direct.add(Fixtures.sourceState("direct", i, zone, Fixtures.ip(i)));
                }
                long t2;
                long cpu2;
                try (Publisher publisher = new Publisher(rig.bootstrap())) {
                    t2 = System.nanoTime();
                    cpu2 = Machine.processCpuNanos();
                    for (SourceState s : direct) {
                        publisher.send(Topics.SOURCES, RecordKey.of(zone, s.ref().identity()), s);
                    }
                    publisher.flush();
                }
                await(() -> planned.size() >= 2 * services, "plans for the directly published states");
                long t3 = System.nanoTime();
                long cpu3 = Machine.processCpuNanos();
                ObjectNode r = Report.mapper().createObjectNode();
                r.put("createServicesMs", Stats.round(createMs));
                r.put("endToEndMs", Stats.round((t1 - t0) / 1e6));
                r.put("endToEndEventsPerSecond", Stats.round(services / ((t1 - t0) / 1e9)));
                r.put("watcherEventsPerSecond", Stats.round(services / ((sourcesDoneAt.get() - t0) / 1e9)));
                r.put("plannerLiveMs", Stats.round((t3 - t2) / 1e6));
                r.put("plannerLiveEventsPerSecond", Stats.round(services / ((t3 - t2) / 1e9)));
                // CPU of the whole JVM (broker, API emulator, bench included) per 1,000 events: on a shared host
                // this says more about the cost per event than the rates, which follow the neighbours' load
                r.put("endToEndCpuMsPer1000Events", Stats.round((cpu1 - cpu0) / 1e6 / (services / 1000.0)));
                r.put("plannerLiveCpuMsPer1000Events", Stats.round((cpu3 - cpu2) / 1e6 / (services / 1000.0)));
                // of that CPU, the JIT compilers' (a JVM still warming up spends much of the window compiling)
                r.put("endToEndJitMs", jit1 - jit0);
                if (floor) {
                    try {
                        r.set("floor", floor(rig, sourceRecords, planRecords));
                    } catch (RuntimeException e) { // the run's figures stand; the floor says why it has none
                        r.put("floorError", Throwables.getCausalChain(e).stream().map(Throwable::toString)
                                .collect(Collectors.joining(" <- ")));
                    }
                }
                return r;
            }
        }
    }

    /**
     * The end-to-end path's parts alone, per Service: the API emulator and fabric8 listing it, the SourceState
     * hop and its share of the plans hop (the plans the end-to-end phase wrote, spread over its Services).
     */
    private ObjectNode floor(Rig rig, List<ConsumerRecord<String, byte[]>> sourceRecords,
                             List<ConsumerRecord<String, byte[]>> planRecords) {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        // once: a second informer's list right after the first one closed hung the mock API server (10 s timeout)
        PartsFloor.Figure informer = PartsFloor.informer(rig.kubernetes().client(), services, timeout);
        // each hop with its writer's producer settings: the watcher's bigger batches, the planner's defaults
        PartsFloor.Figure sourcesHop = PartsFloor.cheapest(FLOOR_TRIES, () -> PartsFloor.kafkaHop(rig.bootstrap(),
                "bench.floor.sources." + System.nanoTime(), partitions, List.copyOf(sourceRecords),
                Map.of("batch.size", WatcherVerticle.PRODUCER_BATCH_BYTES), HOP_TIMEOUT));
        PartsFloor.Figure plansHop = PartsFloor.cheapest(FLOOR_TRIES, () -> PartsFloor.kafkaHop(rig.bootstrap(),
                "bench.floor.plans." + System.nanoTime(), partitions, List.copyOf(planRecords), Map.of(), HOP_TIMEOUT));
        double plansPerService = planRecords.size() / (double) services;
        double cpu = informer.cpuMsPer1000Events() + sourcesHop.cpuMsPer1000Events()
                + plansHop.cpuMsPer1000Events() * plansPerService;
        ObjectNode f = Report.mapper().createObjectNode();
        f.putPOJO("informer", informer);
        f.putPOJO("sourcesHop", sourcesHop);
        f.putPOJO("plansHop", plansHop);
        f.put("plans", planRecords.size());
        f.put("planBytes", planRecords.stream().mapToLong(r -> r.value().length).sum());
        f.put("partsCpuMsPer1000Events", Stats.round(cpu));
        return f;
    }

    private void await(BooleanSupplier condition, String what) {
        if (!Rig.await(Duration.ofSeconds(timeoutSeconds), Duration.ofMillis(5), condition)) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }

    private static ChangePlan decode(byte[] value) {
        try {
            return JsonCodec.decode(value, ChangePlan.class);
        } catch (CodecException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
