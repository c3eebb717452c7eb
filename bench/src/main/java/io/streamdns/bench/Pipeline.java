package io.streamdns.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamdns.runtime.StageContext;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * watcher → planner → applier on one rig, for one zone, deployed as {@code streamdns run} would (applier first so
 * zone state exists, then planner, then watcher), and ready: zones listed, partitions restored, informers synced.
 * {@link #start} brings up applier and planner; {@link #watch} adds the watcher, whose informers then see every
 * Service that exists at once.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    public static final String OWNER = "bench";

    private final Rig rig;
    private final String zone;
    private final String zoneId;
    private final List<StageContext> stages = new ArrayList<>();
    private StageContext watcher;
    private StageContext planner;
    private StageContext applier;

    private Pipeline(Rig rig, String zone, String zoneId) {
        this.rig = rig;
        this.zone = zone;
        this.zoneId = zoneId;
    }

    /**
     * @param route53 the emulator to start, or null for no applier (and no Route 53)
     */
    public static Pipeline start(Rig rig, String zone, Route53EmulatorOptions route53, Map<String, String> plannerFlags,
                                 Map<String, String> applierFlags) {
        return start(rig, zone, route53, plannerFlags, applierFlags, (r53, id) -> { });
    }

    /** @param prepareZone fills the new zone before any stage starts (so the applier's first listing sees it) */
    public static Pipeline start(Rig rig, String zone, Route53EmulatorOptions route53, Map<String, String> plannerFlags,
                                 Map<String, String> applierFlags, BiConsumer<Route53Emulator, String> prepareZone) {
        String zoneId = null;
        if (route53 != null) {
            Route53Emulator emulator = rig.route53(route53);
            zoneId = emulator.createZone(zone, false);
            prepareZone.accept(emulator, zoneId);
        }
        Pipeline p = new Pipeline(rig, zone, zoneId);
        if (route53 != null) {
            p.applier = rig.stage("applier");
            Map<String, String> flags = new HashMap<>(Map.of("domain-filter", zone, "txt-owner-id", OWNER));
            flags.putAll(applierFlags);
            rig.applier(p.applier, flags);
            p.stages.add(p.applier);
        }
        p.planner = rig.stage("planner");
        Map<String, String> pf = new HashMap<>(Map.of("domain-filter", zone, "txt-owner-id", OWNER, "policy", "sync"));
        pf.putAll(plannerFlags);
        rig.planner(p.planner, pf);
        p.stages.add(p.planner);
        p.awaitReady();
        return p;
    }

    /** Deploys the watcher of the Kubernetes emulator and waits until its informers synced. */
    public Pipeline watch() {
        watcher = rig.stage("watcher");
        rig.watcher(watcher, Map.of("cluster-name", "bench", "source", "service", "domain-filter", zone));
        stages.add(watcher);
        awaitReady();
        return this;
    }

    /**
     * Deploys one watcher per cluster, each on its own cluster's API (clusters {@code fleet-0…}), and waits until
     * all synced.
     */
    public Pipeline watchFleet(List<KubernetesClient> clusters) {
        for (int c = 0; c < clusters.size(); c++) {
            StageContext w = rig.stage("watcher-" + c);
            rig.watcher(w, Map.of("cluster-name", "fleet-" + c, "source", "service", "domain-filter", zone),
                    clusters.get(c));
            stages.add(w);
            if (watcher == null) {
                watcher = w;
            }
        }
        awaitReady();
        return this;
    }

    private void awaitReady() {
        long t0 = System.nanoTime();
        if (!Rig.await(Duration.ofSeconds(300), Duration.ofMillis(20),
                () -> stages.stream().allMatch(s -> s.readiness().isReady()))) {
            throw new IllegalStateException("pipeline not ready: " + stages.stream()
                    .map(s -> s.readiness().snapshot()).toList());
        }
        LOG.info("stages ready {} ms after deployment", (System.nanoTime() - t0) / 1_000_000);
    }

    public String zone() {
        return zone;
    }

    public String zoneId() {
        return zoneId;
    }

    public Route53Emulator route53() {
        return rig.route53();
    }

    public StageContext watcherStage() {
        return watcher;
    }

    public StageContext plannerStage() {
        return planner;
    }

    public StageContext applierStage() {
        return applier;
    }

    /** Record sets of the zone (emulator's view, names with the trailing dot) matching the predicate. */
    public long count(Predicate<RecordSet> which) {
        return rig.route53().records(zoneId).stream().filter(which).count();
    }

    /** A record of one of the bench's services ({@code svc-…}) or its ownership TXT ({@code a-svc-…}). */
    public static Predicate<RecordSet> serviceRecords(String type) {
        String prefix = type.equals("TXT") ? "a-svc-" : "svc-";
        return r -> r.type().equals(type) && r.name().startsWith(prefix);
    }
}
