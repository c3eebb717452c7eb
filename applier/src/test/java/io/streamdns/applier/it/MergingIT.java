package io.streamdns.applier.it;

import static io.streamdns.applier.it.TopicClient.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.Topics;
import io.streamdns.model.registry.TxtRecordFormat;
import io.streamdns.runtime.StageContext;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queued plans of a partition merge into shared ChangeResourceRecordSets calls, each plan still answered on its own:
 * the applier on an in-process broker against the Route 53 emulator (5 req/s) through the real SDK client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class MergingIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CRRS = "ChangeResourceRecordSets";

    @RegisterExtension
    static final ApplierRig RIG = ApplierRig.rig();


    StageContext deploy(String zone, Map<String, String> flags) throws InterruptedException {
        String group = "g-" + zone + "-" + UUID.randomUUID();
        RIG.topics.startGroupAtEnd(group);
        Map<String, String> m = new HashMap<>(flags);
        m.put("domain-filter", zone);
        StageContext stage = RIG.deploy(zone, group, m).stage();
        TopicClient.await(WAIT, "applier ready", () -> stage.readiness().isReady());
        return stage;
    }

    static Endpoint txt(String name) {
        return new Endpoint("a-" + name, "TXT", List.of(TxtRecordFormat.value(Map.of("owner", "default",
                "resource", "service/default/web"))), 0, null, Map.of(), Map.of(Labels.OWNED_RECORD, name));
    }

    static ChangePlan create(String shard, String name, String ip) {
        return new ChangePlan("plan-" + UUID.randomUUID(), shard, System.currentTimeMillis(),
                System.currentTimeMillis() - 100, List.of(Endpoint.of(name, "A", ip), txt(name)), List.of(), List.of(),
                List.of(), List.of());
    }

    static ChangePlan update(String shard, String name, String from, String to) {
        return new ChangePlan("plan-" + UUID.randomUUID(), shard, System.currentTimeMillis(),
                System.currentTimeMillis() - 100, List.of(), List.of(Endpoint.of(name, "A", from)),
                List.of(Endpoint.of(name, "A", to)), List.of(), List.of());
    }

    /** The latest result of each plan, once every one of them has one. */
    Map<String, ApplyResult> results(List<ChangePlan> plans) throws InterruptedException {
        return awaitValue(WAIT, "a result for each of " + plans.size() + " plans", () -> {
            Map<String, ApplyResult> byId = new LinkedHashMap<>();
            for (var r : RIG.topics.readAll(Topics.RESULTS)) {
                ApplyResult a = TopicClient.decode(r.value(), ApplyResult.class);
                byId.put(a.planId(), a);
            }
            return plans.stream().allMatch(p -> byId.containsKey(p.planId())) ? byId : null;
        });
    }

    List<RecordSet> records(String zoneId, String type) {
        return RIG.emulator.records(zoneId).stream().filter(r -> r.type().equals(type)).toList();
    }

    @Test
    void fortySmallPlansIntoOneZoneShareCallsAndEachGetsItsOwnResult() throws Exception {
        String zone = "merge.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        RIG.emulator.throttle().configure(5, 5);
        StageContext stage = deploy(zone, Map.of("aws-api-rate", "5", "aws-api-retries", "30"));
        long before = RIG.emulator.counters().total(CRRS);
        List<ChangePlan> plans = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            plans.add(create(zone, String.format("h%02d.%s", i, zone), "10.0.0." + (i + 1)));
        }
        RIG.topics.publishAll(plans);
        Map<String, ApplyResult> results = results(plans);
        long calls = RIG.emulator.counters().total(CRRS) - before;
        System.out.printf("merging IT: 40 plans took %d ChangeResourceRecordSets calls (%s)%n", calls,
                RIG.emulator.counters().snapshot().get(CRRS));
        for (ChangePlan p : plans) {
            String name = p.create().get(0).dnsName();
            ApplyResult r = results.get(p.planId());
            assertThat(r.status()).as(p.planId()).isEqualTo(ApplyResult.Status.APPLIED);
            assertThat(r.shard()).isEqualTo(zone);
            assertThat(r.outcomes()).as("exactly its own changes").extracting(ChangeOutcome::dnsName, ChangeOutcome::status)
                    .containsExactlyInAnyOrder(Tuple.tuple(name, ChangeOutcome.Status.APPLIED),
                            Tuple.tuple("a-" + name, ChangeOutcome.Status.APPLIED));
            assertThat(r.changeIds()).isNotEmpty();
            assertThat(r.endToEndMillis()).isPositive();
        }
        assertThat(records(zoneId, "A")).extracting(RecordSet::name).hasSize(40).doesNotHaveDuplicates();
        assertThat(records(zoneId, "A")).allSatisfy(rs -> assertThat(rs.values()).containsExactly(
                "10.0.0." + (Integer.parseInt(rs.name().substring(1, 3)) + 1)));
        assertThat(records(zoneId, "TXT")).hasSize(40);
        // one plan per call would take 40 (plus throttled retries)
        assertThat(calls).isLessThan(plans.size() / 2);
        var merged = stage.registry().get("streamdns.applier.plans.merged").summary();
        assertThat(merged.max()).isGreaterThan(1);
    }

    @Test
    void queuedPlansOnOneNameApplyInOrder() throws Exception {
        String zone = "order.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        StageContext stage = deploy(zone, Map.of("aws-api-rate", "50"));
        // slow answers keep the first plan in flight while the rest queue up behind it
        RIG.emulator.faults().latencyMs(400);
        ChangePlan blocker = create(zone, "first." + zone, "10.1.0.1");
        ChangePlan createX = create(zone, "x." + zone, "10.0.0.1");
        ChangePlan createY = create(zone, "y." + zone, "10.0.0.3");
        ChangePlan updateX = update(zone, "x." + zone, "10.0.0.1", "10.0.0.2");
        ChangePlan createZ = create(zone, "z." + zone, "10.0.0.4");
        List<ChangePlan> plans = List.of(blocker, createX, createY, updateX, createZ);
        RIG.topics.publishAll(plans);
        Map<String, ApplyResult> results = results(plans);
        var merged = stage.registry().get("streamdns.applier.plans.merged").summary();
        System.out.printf("order IT: %d plans in %d runs (largest %d)%n", plans.size(), merged.count(), (long) merged.max());
        for (ChangePlan p : plans) {
            ApplyResult r = results.get(p.planId());
            assertThat(r.status()).as(p.planId()).isEqualTo(ApplyResult.Status.APPLIED);
            assertThat(r.outcomes()).extracting(ChangeOutcome::dnsName).containsExactlyInAnyOrderElementsOf(
                    Stream.of(p.create(), p.updateNew()).flatMap(List::stream).map(Endpoint::dnsName).toList());
        }
        assertThat(results.get(updateX.planId()).outcomes()).singleElement()
                .satisfies(o -> assertThat(o.action()).isEqualTo(ChangeOutcome.Action.UPDATE));
        assertThat(records(zoneId, "A")).filteredOn(rs -> rs.name().startsWith("x.")).singleElement()
                .satisfies(rs -> assertThat(rs.values()).as("the later plan wins").containsExactly("10.0.0.2"));
        assertThat(records(zoneId, "A")).extracting(RecordSet::name).containsExactlyInAnyOrder(
                "first." + zone + ".", "x." + zone + ".", "y." + zone + ".", "z." + zone + ".");
    }
}
