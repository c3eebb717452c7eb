package io.streamdns.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdns.bench.Fixtures;
import io.streamdns.bench.Report;
import io.streamdns.bench.Stats;
import io.streamdns.bench.fault.Processes;
import io.streamdns.bench.fault.ZoneWatch;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.FaultSettings;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fault suite: every stage and the broker in a JVM of its own (from this jar), the Route 53 emulator and the
 * Kubernetes API in this one. Per case a fresh pipeline (broker, a watcher, two planners, two appliers) takes a burst
 * of Services spread over six zones (one per partition) while a fault hits: {@code kill -9} of an applier or a
 * planner mid-burst, {@code kill -9} of the broker and a restart on the same data dir, the watcher down while
 * Services are deleted, Route 53 at 2 requests/s with 20 % 503s. Each case reports lost changes, duplicate writes,
 * foreign records touched (a few are seeded in every zone) and the longest stall of a zone.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Stages as separate JVMs under kill -9, broker restarts, watcher downtime and a degraded Route 53.")
public final class FaultScenario extends Scenario {
    static final List<String> CASES = List.of("none", "applier-kill", "planner-kill", "broker-restart", "watcher-down",
            "route53-degraded");

    @Option(names = "--cases", split = ",", defaultValue = "none,applier-kill,planner-kill,broker-restart,watcher-down,route53-degraded",
            description = "Cases to run (default: ${DEFAULT-VALUE}).")
    List<String> cases;

    @Option(names = "--services", defaultValue = "600", description = "Services in the burst (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--rate", defaultValue = "60", description = "Services created per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--timeout", defaultValue = "180", description = "Seconds to converge after the burst (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--stall-limit", defaultValue = "10", description = "Longest stall allowed, seconds (default: ${DEFAULT-VALUE}).")
    long stallLimitSeconds;

    @Option(names = "--settle", defaultValue = "10", description = "Seconds between the stages being ready and the burst (default: ${DEFAULT-VALUE}).")
    long settleSeconds;

    private static final int PARTITIONS = 6;
    private static final String OWNER = "faults";

    @Override
    protected Report measure() throws Exception {
        for (String c : cases) {
            if (!CASES.contains(c)) {
                throw invalid("--cases", c + " is not one of " + CASES);
            }
        }
        Report report = new Report("faults").param("services", services).param("rate", rate).param("cases", cases)
                .param("partitions", PARTITIONS).param("planners", 2).param("appliers", 2);
        ArrayNode runs = Report.mapper().createArrayNode();
        boolean met = true;
        long worstStall = 0;
        for (String c : cases) {
            ObjectNode r = runCase(c);
            runs.add(r);
            worstStall = Math.max(worstStall, r.get("longestStallMs").asLong());
            met &= r.get("lost").asLong() == 0 && r.get("duplicates").asLong() == 0
                    && r.get("foreignTouched").asLong() == 0 && r.get("longestStallMs").asLong() <= stallLimitSeconds * 1000;
        }
        report.measured("cases", runs);
        report.measured("worstStallSeconds", Stats.round(worstStall / 1000.0));
        report.target("every case: 0 lost, 0 duplicates, 0 foreign records touched, longest stall <= "
                + stallLimitSeconds + " s", stallLimitSeconds, met);
        return report;
    }

    private ObjectNode runCase(String name) throws Exception {
        Path dir = Files.createTempDirectory("streamdns-faults-" + name);
        List<String> zones = Fixtures.zonesPerPartition(PARTITIONS, PARTITIONS, "faults.example");
        Route53EmulatorOptions options = Route53EmulatorOptions.defaults()
                .withZones(zones.stream().map(z -> new Route53EmulatorOptions.ZoneSpec(z, false)).toList());
        if (name.equals("route53-degraded")) {
            options = options.withRateLimit(2, 2).withFaults(FaultSettings.NONE.withUnavailableRate(0.2));
        }
        Route53Emulator route53 = Route53Emulator.startBlocking(options);
        Map<String, String> zoneIds = new LinkedHashMap<>();
        zones.forEach(z -> zoneIds.put(z, route53.zoneId(z)));
        ObjectNode out = Report.mapper().createObjectNode();
        out.put("case", name);
        try (KubernetesEmulator k8s = KubernetesEmulator.start();
             Processes procs = new Processes(dir);
             ZoneWatch watch = new ZoneWatch(route53, zoneIds)) {
            seedForeign(route53, zoneIds, watch);
            watch.startCounting();
            Path kubeconfig = k8s.writeKubeconfig(dir.resolve("kubeconfig"));
            int brokerPort = Processes.freePort();
            Processes.Broker broker = procs.broker(dir.resolve("kafka"), brokerPort, PARTITIONS);
            String filters = String.join(",", zones);
            List<String> common = List.of("--kafka-bootstrap-servers=" + broker.bootstrap(), "--domain-filter=" + filters);
            Duration ready = Duration.ofSeconds(120);
            List<String> watcherArgs = concat(common, "--cluster-name=fault-cluster", "--kubeconfig=" + kubeconfig);
            Processes.Jvm watcher = procs.stage("watcher", "watcher", watcherArgs, ready);
            List<String> plannerArgs = concat(common, "--txt-owner-id=" + OWNER, "--policy=sync");
            Processes.Jvm planner1 = procs.stage("planner-1", "planner", plannerArgs, ready);
            procs.stage("planner-2", "planner", plannerArgs, ready);
            List<String> applierArgs = concat(common, "--txt-owner-id=" + OWNER, "--aws-endpoint-url=" + route53.endpoint(),
                    "--aws-api-rate-share=2");
            Processes.Jvm applier1 = procs.stage("applier-1", "applier", applierArgs, ready);
            procs.stage("applier-2", "applier", applierArgs, ready);
            Processes.sleep(settleSeconds * 1000); // consumer groups settle: the baseline has no rebalance mid-burst
            watch.resetStall();

            long t0 = System.nanoTime();
            int faultAt = name.equals("watcher-down") || name.equals("none") || name.equals("route53-degraded")
                    ? -1 : services * 2 / 5;
            long faultMillis = -1;
            for (int i = 0; i < services; i++) {
                String zone = zones.get(i % zones.size());
                String ip = Fixtures.ip(i + 1);
                watch.want(zone, Fixtures.hostName(i, zone), ip);
                k8s.client().services().inNamespace(Fixtures.NAMESPACE).resource(Fixtures.loadBalancer(i, zone, ip)).create();
                if (i == faultAt) {
                    faultMillis = System.currentTimeMillis();
                    switch (name) {
                        case "applier-kill" -> applier1.kill9();
                        case "planner-kill" -> planner1.kill9();
                        case "broker-restart" -> {
                            broker.jvm().kill9();
                            Processes.sleep(3000);
                            broker = procs.broker(dir.resolve("kafka"), brokerPort, PARTITIONS);
                        }
                        default -> throw new IllegalStateException(name);
                    }
                }
                pace(t0, i + 1);
            }
            double burstSeconds = (System.nanoTime() - t0) / 1e9;
            boolean converged = awaitConverged(watch);
            out.put("burstSeconds", Stats.round(burstSeconds));
            out.put("convergedSeconds", Stats.round((System.nanoTime() - t0) / 1e9));
            if (name.equals("watcher-down") && converged) {
                watch.resetStall();
                watcher.kill9();
                int deleted = 0;
                for (int i = 0; i < services; i += 5) {
                    String zone = zones.get(i % zones.size());
                    k8s.client().services().inNamespace(Fixtures.NAMESPACE).withName(Fixtures.serviceName(i)).delete();
                    watch.wantGone(zone, Fixtures.hostName(i, zone));
                    deleted++;
                }
                long t1 = System.nanoTime();
                procs.stage("watcher-again", "watcher", watcherArgs, ready);
                converged = awaitConverged(watch);
                out.put("deletedWhileDown", deleted);
                out.put("deletesDoneSeconds", Stats.round((System.nanoTime() - t1) / 1e9));
            }
            ZoneWatch.Writes writes = watch.writes();
            out.put("converged", converged);
            out.put("lost", watch.unmet());
            out.put("duplicates", writes.duplicates());
            out.put("foreignTouched", writes.foreignTouched());
            out.put("acceptedChanges", writes.total());
            out.put("longestStallMs", watch.longestStallMs());
            out.put("longestStallZone", watch.longestStallZone());
            out.put("faultAtMillis", faultMillis);
            out.put("changeCalls", route53.counters().total("ChangeResourceRecordSets"));
            out.put("throttled", route53.counters().count("ChangeResourceRecordSets", "Throttling"));
            out.put("unavailable", route53.counters().count("ChangeResourceRecordSets", "ServiceUnavailable"));
            out.put("logs", dir.toString());
        } finally {
            route53.close().toCompletionStage().toCompletableFuture().get();
        }
        return out;
    }

    private boolean awaitConverged(ZoneWatch watch) {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (watch.unmet() == 0) {
                return true;
            }
            Processes.sleep(250);
        }
        return false;
    }

    /** In every zone: a hand-made A record, and an A record with the ownership TXT of another owner. */
    private static void seedForeign(Route53Emulator route53, Map<String, String> zoneIds, ZoneWatch watch) {
        zoneIds.forEach((zone, id) -> {
            route53.change(id, List.of(
                    ChangeRequest.of("CREATE", "hand-made." + zone, "A", 300, List.of("192.0.2.1")),
                    ChangeRequest.of("CREATE", "other-owner." + zone, "A", 300, List.of("192.0.2.2")),
                    ChangeRequest.of("CREATE", "a-other-owner." + zone, "TXT", 300, List.of(
                            "\"heritage=external-dns,external-dns/owner=someone-else,external-dns/resource=service/x/y\""))));
            watch.foreign("hand-made." + zone);
            watch.foreign("other-owner." + zone);
            watch.foreign("a-other-owner." + zone);
        });
    }

    private void pace(long t0, int created) {
        long dueNanos = (long) (created * 1e9 / rate);
        long wait = dueNanos - (System.nanoTime() - t0);
        if (wait > 0) {
            Processes.sleep(wait / 1_000_000);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
