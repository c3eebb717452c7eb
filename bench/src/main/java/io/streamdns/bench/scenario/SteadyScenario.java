package io.streamdns.bench.scenario;

import io.streamdns.applier.ApplierConfig;
import io.streamdns.bench.Fixtures;
import io.streamdns.bench.Pipeline;
import io.streamdns.bench.Report;
import io.streamdns.bench.Rig;
import io.streamdns.bench.Stats;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A zone of 20,000 records and nothing changing for N minutes: how often does streamdns list it? Only its drift
 * check may (one listing every --drift-interval); external-dns lists the whole zone every minute. Writes in the
 * window fail the target too: with nothing changing there is nothing to write.
 */
@Command(name = "steady", mixinStandardHelpOptions = true,
        description = "N quiet minutes on a 20,000-record zone: List calls per zone per hour (target: drift checks only).")
public final class SteadyScenario extends Scenario {
    @Option(names = "--records", defaultValue = "20000", description = "Records in the zone (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--services", defaultValue = "200", description = "Of those, owned by streamdns through Services (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--minutes", defaultValue = "5", description = "Quiet minutes observed (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--drift-interval", description = "Applier --drift-interval (default: the applier's own).")
    String driftInterval;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    /** Route 53 returns at most 300 record sets per ListResourceRecordSets page; so does external-dns ask. */
    static final int PAGE = 300;

    @Override
    protected Report measure() throws Exception {
        Map<String, String> applierFlags = new HashMap<>();
        if (driftInterval != null) {
            applierFlags.put("drift-interval", driftInterval);
        }
        Duration drift = ApplierConfig.fromMap(applierFlags).driftInterval();
        Report report = new Report("steady").param("records", records).param("services", services)
                .param("minutes", minutes).param("driftIntervalSeconds", drift.toSeconds());
        String zone = "steady.bench.example";
        try (Rig rig = Rig.start(partitions)) {
            Fixtures.createServices(rig.kubernetes().client(), 0, services, zone, 4);
            long beforeStart = System.nanoTime();
            Pipeline pipeline = Pipeline.start(rig, zone, Route53EmulatorOptions.defaults(), Map.of(), applierFlags,
                    (r53, zoneId) -> fill(r53, zoneId, zone, records - 2 * services)).watch();
            long started = System.nanoTime() - beforeStart;
            if (!Rig.await(Duration.ofSeconds(300), Duration.ofMillis(200),
                    () -> pipeline.count(Pipeline.serviceRecords("A")) >= services
                            && pipeline.count(Pipeline.serviceRecords("TXT")) >= services)) {
                throw new IllegalStateException("the services' records did not appear");
            }
            Route53Emulator r53 = pipeline.route53();
            int zoneSize = r53.records(pipeline.zoneId()).size();
            long list0 = r53.counters().total("ListResourceRecordSets");
            long change0 = r53.counters().total("ChangeResourceRecordSets");
            long zones0 = r53.counters().total("ListHostedZones");
            long windowStart = System.nanoTime();
            Thread.sleep((long) (minutes * 60_000));
            long windowEnd = System.nanoTime();
            long lists = r53.counters().total("ListResourceRecordSets") - list0;
            long changes = r53.counters().total("ChangeResourceRecordSets") - change0;
            long zoneLists = r53.counters().total("ListHostedZones") - zones0;
            // drift timers fire every interval from the applier's start, which lies between beforeStart and now
            long checks = driftChecksIn(windowStart - beforeStart, windowEnd - beforeStart, started, drift.toNanos());
            long pages = (zoneSize + PAGE - 1) / PAGE;
            long allowed = checks * pages;
            double hours = (windowEnd - windowStart) / 3.6e12;
            report.measured("zoneRecords", zoneSize);
            report.measured("listCalls", lists);
            report.measured("listCallsPerZonePerHour", lists / hours);
            report.measured("listHostedZonesCalls", zoneLists);
            report.measured("changeCalls", changes);
            report.measured("driftChecksInWindow", checks);
            report.measured("pagesPerListing", pages);
            report.measured("externalDnsListCallsPerZonePerHour", pages * 60);
            report.measured("driftOnlyListCallsPerZonePerHour", Stats.round(pages * 3600.0 / drift.toSeconds()));
            report.target("List calls in the window <= drift checks due x pages per listing, and no writes", allowed,
                    lists <= allowed && changes == 0);
            return report;
        }
    }

    /**
     * At most how many drift checks can fall in the window [from, to]: they fire at s + m x interval (m >= 1), where the
     * applier started at an unknown s within [0, started]; all offsets from just before the pipeline started.
     */
    static long driftChecksIn(long from, long to, long started, long interval) {
        long mMax = to / interval;
        long mMin = Math.max(1, Math.floorDiv(from - started + interval - 1, interval));
        return Math.max(0, mMax - mMin + 1);
    }

    /** Records nobody owns (no ownership TXT): streamdns must neither touch nor re-list them. */
    private static void fill(Route53Emulator r53, String zoneId, String zone, int n) {
        List<ChangeRequest> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(ChangeRequest.of("CREATE", "other-" + i + "." + zone, "A", 300, List.of(Fixtures.ip(i))));
            if (batch.size() == 1000 || i == n - 1) {
                r53.change(zoneId, batch);
                batch = new ArrayList<>();
            }
        }
    }
}
