package io.streamdns.bench.scenario;

import io.streamdns.bench.Fixtures;
import io.streamdns.bench.Machine;
import io.streamdns.bench.Pipeline;
import io.streamdns.bench.Publisher;
import io.streamdns.bench.Report;
import io.streamdns.bench.Rig;
import io.streamdns.bench.ShardFixture;
import io.streamdns.bench.Stats;
import io.streamdns.bench.TopicTail;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.runtime.StageContext;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap per name: the planner's shard index alone, then the whole planner stage (its index, Kafka clients, buffers)
 * after restoring a partition of N names whose zone already holds them; and the watcher's heap per Service at 10,000
 * Services (informer caches and its published-state index). Heap is measured as used heap after full collections,
 * before and after; the difference is divided by the count.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Planner heap per name at 100,000 names (target <= 1 KB/name); watcher heap per Service at 10,000.")
public final class MemoryScenario extends Scenario {
    @Option(names = "--names", defaultValue = "100000", description = "Names in the planner's shard (default: ${DEFAULT-VALUE}).")
    int names;

    @Option(names = "--services", defaultValue = "10000", description = "Services the watcher watches (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    static final double PLANNER_LIMIT = 1024;
    /** The issue sets no figure for the watcher; 10 KB is the bench's own bar (a Service object is 2-3 KB as JSON). */
    static final double WATCHER_LIMIT = 10 * 1024;

    @Override
    protected Report measure() throws Exception {
        Report report = new Report("memory").param("names", names).param("services", services);
        long h0 = Machine.settledHeapUsed();
        ShardPlanner shard = ShardFixture.inSync(ShardFixture.planner(), names);
        long h1 = Machine.settledHeapUsed();
        Reference.reachabilityFence(shard);
        shard = null;
        report.measured("plannerIndexBytesPerName", (h1 - h0) / (double) names);
        double stage = plannerStage();
        report.measured("plannerStageBytesPerName", stage);
        double watcher = watcher();
        report.measured("watcherBytesPerService", watcher);
        report.measured("rssBytesAtEnd", rss());
        report.target("planner stage <= 1024 bytes/name at " + names + " names; watcher <= 10 KB/Service (bench's own bar)",
                PLANNER_LIMIT, stage <= PLANNER_LIMIT && watcher <= WATCHER_LIMIT);
        return report;
    }

    /** The planner verticle restoring a partition whose sources and zone state hold {@code names} names. */
    private double plannerStage() throws Exception {
        try (Rig rig = Rig.start(partitions)) {
            String zone = ShardFixture.ZONE;
            publish(rig); // in a method of its own: its shard must not be reachable from this frame at h0
            long h0 = Machine.settledHeapUsed();
            StageContext planner = rig.stage("planner");
            rig.planner(planner, Map.of("domain-filter", zone, "txt-owner-id", Pipeline.OWNER, "policy", "sync"));
            if (!Rig.await(Duration.ofSeconds(600), Duration.ofMillis(100), () -> planner.readiness().isReady())) {
                throw new IllegalStateException("planner did not restore " + names + " names");
            }
            Thread.sleep(2000); // let the first fetches after the restore settle
            long h1 = Machine.settledHeapUsed();
            return (h1 - h0) / (double) names;
        }
    }

    /** Sources and zone state of a shard of {@code names} names, in sync, onto the topics. */
    private void publish(Rig rig) {
        String zone = ShardFixture.ZONE;
        try (Publisher publisher = new Publisher(rig.bootstrap())) {
            ShardPlanner source = ShardFixture.desiredOnly(ShardFixture.planner(), names);
            for (int i = 0; i < names; i++) {
                SourceState s = ShardFixture.source(i, Fixtures.ip(i));
                publisher.send(Topics.SOURCES, RecordKey.of(zone, s.ref().identity()), s);
            }
            for (ZoneRecord r : ShardFixture.asZone(source.planAll().changes().create())) {
                publisher.send(Topics.ZONE_STATE, RecordKey.of(zone, r.identity()), r);
            }
            publisher.flush();
        }
    }

    /** The watcher's informers and index at {@code services} Services (the API emulator's own objects excluded). */
    private double watcher() throws Exception {
        try (Rig rig = Rig.start(partitions)) {
            String zone = "memory.bench.example";
            Fixtures.createServices(rig.kubernetes().client(), 0, services, zone, 8);
            AtomicInteger published = new AtomicInteger();
            long h0 = Machine.settledHeapUsed();
            StageContext watcher = rig.stage("watcher");
            try (TopicTail tail = TopicTail.start(rig.bootstrap(), List.of(Topics.SOURCES), r -> published.incrementAndGet())) {
                rig.watcher(watcher, Map.of("cluster-name", "bench", "source", "service", "domain-filter", zone));
                if (!Rig.await(Duration.ofSeconds(300), Duration.ofMillis(100), () -> watcher.readiness().isReady()
                        && published.get() >= services)) {
                    throw new IllegalStateException("watcher did not publish " + services + " services");
                }
            }
            Thread.sleep(1000);
            long h1 = Machine.settledHeapUsed();
            return (h1 - h0) / (double) services;
        }
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no RSS figure
        }
        return -1;
    }
}
