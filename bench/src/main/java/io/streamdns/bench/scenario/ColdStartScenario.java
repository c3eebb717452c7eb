package io.streamdns.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdns.bench.Fixtures;
import io.streamdns.bench.Pipeline;
import io.streamdns.bench.Report;
import io.streamdns.bench.Rig;
import io.streamdns.bench.Stats;
import io.streamdns.bench.Timeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.EmulatorCounters;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * A cold start into an empty zone: N LoadBalancer Services over C clusters exist when the watchers start (one per
 * cluster, each on its cluster's own API emulator), so their informers hand over all of them at
 * once ({@code --live} creates them while the watchers run instead); Route 53 at its 5 requests/s. Measures the time
 * until every A record and its ownership TXT exist and the calls it took, against Route 53's own lower bound:
 * ceil(changes / 1000) requests, but also ceil(value characters / 32,000), Route 53's other per-request limit; the
 * larger is the bound, and the time bound is that many requests at 5 per second. A timeline says where the time went.
 */
abstract class ColdStartScenario extends Scenario {
    @Option(names = "--runs", defaultValue = "3", description = "(default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--timeout", defaultValue = "900", description = "Seconds a run may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--live", description = "Create the Services while the watchers run (the clock then includes the "
            + "API emulator's create rate, ~100/s at 10,000 objects) instead of before they start, so their informers "
            + "see them all at once (default).")
    boolean live;

    abstract String name();

    abstract int services();

    abstract int clusters();

    abstract double limit();

    @Override
    protected Report measure() throws Exception {
        Report report = new Report(name()).param("services", services()).param("clusters", clusters())
                .param("runs", runs).param("partitions", partitions).param("live", live)
                .param("route53RatePerSecond", Route53EmulatorOptions.ROUTE53_RATE);
        List<Double> seconds = new ArrayList<>();
        List<Double> timeRatio = new ArrayList<>();
        List<Double> callRatio = new ArrayList<>();
        ArrayNode detail = Report.mapper().createArrayNode();
        for (int run = 0; run < runs; run++) {
            ObjectNode r = once();
            detail.add(r);
            seconds.add(r.get("seconds").asDouble());
            timeRatio.add(r.get("timeRatio").asDouble());
            callRatio.add(r.get("callRatio").asDouble());
        }
        report.measured("seconds", Stats.spread(seconds));
        report.measured("timeRatio", Stats.spread(timeRatio));
        report.measured("callRatio", Stats.spread(callRatio));
        report.measured("runs", detail);
        double t = Stats.median(timeRatio);
        double c = Stats.median(callRatio);
        report.target("time and ChangeResourceRecordSets calls <= " + limit() + "x Route 53's lower bound "
                + "(max(ceil(changes/1000), ceil(chars/32000)) requests at 5/s); medians: time " + Stats.round(t)
                + "x, calls " + Stats.round(c) + "x", limit(), t <= limit() && c <= limit());
        return report;
    }

    /** Cluster k's API: the rig's emulator for one cluster, else one API emulator per cluster (closed with the rig). */
    private static List<KubernetesClient> clusters(Rig rig, int count) {
        if (count == 1) {
            return List.of(rig.kubernetes().client());
        }
        List<KubernetesClient> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            KubernetesEmulator api = KubernetesEmulator.start("fleet-" + k);
            rig.onClose(api);
            out.add(api.client());
        }
        return out;
    }

    /** Service i lives in cluster i % count (its own API server: a create costs time linear in what it holds). */
    private void createServices(List<KubernetesClient> apis, String zone) {
        int c = apis.size();
        for (int k = 0; k < c; k++) {
            int cluster = k;
            KubernetesClient api = apis.get(k);
            List<Integer> mine = new ArrayList<>();
            for (int i = cluster; i < services(); i += c) {
                mine.add(i);
            }
            Fixtures.createServices(api, Fixtures.NAMESPACE, mine, zone, 8);
        }
    }

    private static Pipeline watch(Pipeline pipeline, List<KubernetesClient> apis) {
        return apis.size() == 1 ? pipeline.watch() : pipeline.watchFleet(apis);
    }

    private ObjectNode once() throws Exception {
        String zone = name() + ".bench.example";
        try (Rig rig = Rig.start(partitions, clusters() + 2)) {
            List<KubernetesClient> apis = clusters(rig, clusters());
            long t0;
            long t0Millis;
            double createMs;
            double watcherReadyMs = 0;
            Pipeline pipeline;
            Timeline timeline;
            int journalFrom;
            if (live) {
                pipeline = Pipeline.start(rig, zone, Route53EmulatorOptions.defaults(), Map.of(),
                        Map.of("drift-interval", "1h"));
                watch(pipeline, apis);
                journalFrom = pipeline.route53().store().journal().size();
                timeline = Timeline.start(rig.bootstrap());
                t0 = System.nanoTime();
                t0Millis = System.currentTimeMillis();
                createServices(apis, zone);
                createMs = millisSince(t0);
            } else {
                long c0 = System.nanoTime();
                createServices(apis, zone);
                createMs = millisSince(c0);
                pipeline = Pipeline.start(rig, zone, Route53EmulatorOptions.defaults(), Map.of(),
                        Map.of("drift-interval", "1h"));
                journalFrom = pipeline.route53().store().journal().size();
                timeline = Timeline.start(rig.bootstrap());
                t0 = System.nanoTime();
                t0Millis = System.currentTimeMillis();
                watch(pipeline, apis);
                watcherReadyMs = millisSince(t0);
            }
            rig.onClose(timeline);
            Route53Emulator r53 = pipeline.route53();
            long listBefore = r53.counters().total("ListResourceRecordSets");
            boolean done = Rig.await(Duration.ofSeconds(timeoutSeconds), Duration.ofMillis(100),
                    // the zone's set count first: listing 200,000 sets ten times a second would be the measurement
                    () -> r53.store().zone(pipeline.zoneId()).recordSetCount() >= 2L * services()
                            && pipeline.count(Pipeline.serviceRecords("A")) >= services()
                            && pipeline.count(Pipeline.serviceRecords("TXT")) >= services());
            double secs = millisSince(t0) / 1000;
            if (!done) {
                throw new IllegalStateException("records incomplete after " + timeoutSeconds + " s: A "
                        + pipeline.count(Pipeline.serviceRecords("A")) + ", TXT " + pipeline.count(Pipeline.serviceRecords("TXT")));
            }
            List<RecordSet> made = r53.records(pipeline.zoneId()).stream()
                    .filter(Pipeline.serviceRecords("A").or(Pipeline.serviceRecords("TXT"))).toList();
            long changes = made.size();
            long chars = made.stream().mapToLong(RecordSet::valueChars).sum();
            long byCount = (changes + 999) / 1000;
            long byChars = (chars + 31_999) / 32_000;
            long bound = Math.max(byCount, byChars);
            double boundSeconds = bound / Route53EmulatorOptions.ROUTE53_RATE;
            long calls = r53.counters().total("ChangeResourceRecordSets");
            ObjectNode r = Report.mapper().createObjectNode();
            r.put("seconds", Stats.round(secs));
            r.put("createServicesMs", Stats.round(createMs));
            r.put("changes", changes);
            r.put("valueChars", chars);
            r.put("lowerBoundCalls", bound);
            r.put("lowerBoundCallsByCount", byCount);
            r.put("lowerBoundSeconds", Stats.round(boundSeconds));
            r.put("changeCalls", calls);
            r.put("changeCallsAccepted", r53.counters().count("ChangeResourceRecordSets", EmulatorCounters.OK));
            r.put("throttled", r53.counters().count("ChangeResourceRecordSets", "Throttling"));
            r.put("listCalls", r53.counters().total("ListResourceRecordSets") - listBefore);
            r.put("callRatio", Stats.round(calls / (double) bound));
            r.put("callRatioByCount", Stats.round(calls / (double) byCount));
            r.put("timeRatio", Stats.round(secs / boundSeconds));
            r.put("watcherReadyMs", Stats.round(watcherReadyMs));
            r.set("timeline", timeline.report(t0Millis, Timeline.calls(r53.store(), journalFrom),
                    Route53EmulatorOptions.ROUTE53_RATE));
            return r;
        }
    }
}
