package io.streamdns.applier.it;

import static io.streamdns.applier.it.TopicClient.await;
import static io.streamdns.applier.it.TopicClient.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.applier.provider.Route53Api;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.DeadLetter;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.registry.TxtRecordFormat;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The applier end to end: plans on a real Kafka broker, Route 53 through the real SDK v2 async client against the
 * RIG.emulator. One broker, one emulator, one SDK client for the class; each test has its own zone, domain filter and
 * consumer group (started at the end of the plans topic).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class ApplierIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final ApplierRig RIG = ApplierRig.rig();


    ApplierRig.Running deploy(String zone, Map<String, String> flags) throws InterruptedException {
        return deploy(zone, flags, Route53Api.of(RIG.client));
    }

    ApplierRig.Running deploy(String zone, Map<String, String> flags, Route53Api api) throws InterruptedException {
        String group = "g-" + zone + "-" + UUID.randomUUID();
        RIG.topics.startGroupAtEnd(group);
        Map<String, String> m = new HashMap<>(flags);
        m.putIfAbsent("domain-filter", zone);
        ApplierRig.Running r = RIG.deploy(zone, group, m, api);
        await(WAIT, "applier ready", () -> r.stage().readiness().isReady());
        return r;
    }

    static ChangePlan plan(String shard, List<Endpoint> create) {
        return new ChangePlan("plan-" + UUID.randomUUID(), shard, System.currentTimeMillis(),
                System.currentTimeMillis() - 1000, create, List.of(), List.of(), List.of(), List.of());
    }

    static List<Endpoint> hosts(String zone, String prefix, int n) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Endpoint.of(String.format("%s%03d.%s", prefix, i, zone), "A", "10.0." + (i / 250) + "." + (i % 250)));
        }
        return out;
    }

    static String owned(String owner) {
        return TxtRecordFormat.value(Map.of("owner", owner, "resource", "service/default/web"));
    }

    ApplyResult result(String planId) throws InterruptedException {
        return awaitValue(WAIT, "result of " + planId, () -> {
            List<ApplyResult> r = RIG.topics.results(planId);
            return r.isEmpty() ? null : r.get(r.size() - 1);
        });
    }

    List<RecordSet> records(String zoneId, String type) {
        return RIG.emulator.records(zoneId).stream().filter(r -> r.type().equals(type)).toList();
    }

    @Test
    void zoneStateIsPublishedOnAssignmentAndVanishedRecordsAreTombstoned() throws Exception {
        String zone = "assign.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        RIG.emulator.change(zoneId, List.of(
                ChangeRequest.of("CREATE", "www." + zone, "A", 60, List.of("10.0.0.1")),
                ChangeRequest.of("CREATE", "a-www." + zone, "TXT", 300, List.of(owned("me"))),
                ChangeRequest.of("CREATE", "w." + zone, "A", 300, List.of("10.0.0.2")).weighted("c1", 10),
                ChangeRequest.of("CREATE", "*." + zone, "CNAME", 300, List.of("lb.example.net"))));
        String stale = zone + "|" + zoneId + "/gone." + zone + "/A/";
        RIG.topics.publishRaw(Topics.ZONE_STATE, stale, JsonCodec.encode(new ZoneRecord(zoneId, zone,
                "gone." + zone, "A", 300, List.of("10.9.9.9"), null, null, Map.of())));
        // another applier group's zone on the shared topic, and a record with a malformed key
        String foreign = "other.org|ZOTHER" + UUID.randomUUID() + "/www.other.org/A/";
        RIG.topics.publishRaw(Topics.ZONE_STATE, foreign, JsonCodec.encode(new ZoneRecord("ZOTHER", "other.org",
                "www.other.org", "A", 300, List.of("10.8.8.8"), null, null, Map.of())));
        String malformed = "no-separator-" + UUID.randomUUID();
        RIG.topics.publishRaw(Topics.ZONE_STATE, malformed, "{}".getBytes());

        deploy(zone, Map.of()); // ready: every partition listed despite the malformed key

        String prefix = zone + "|" + zoneId + "/";
        Map<String, ZoneRecord> state = awaitValue(WAIT, "zone-state of " + zone, () -> {
            Map<String, ZoneRecord> s = RIG.topics.zoneState(prefix);
            return s.size() >= 7 && s.get(stale) == null && s.containsKey(stale) ? s : null;
        });
        assertThat(state.keySet()).contains(prefix + "www." + zone + "/A/", prefix + "a-www." + zone + "/TXT/",
                prefix + "w." + zone + "/A/c1", prefix + "*." + zone + "/CNAME/", prefix + zone + "/NS/", prefix + zone + "/SOA/");
        assertThat(state.get(prefix + "w." + zone + "/A/c1").providerSpecific()).containsEntry("aws/weight", "10");
        assertThat(state.get(prefix + "www." + zone + "/A/").ttl()).isEqualTo(60);
        assertThat(state.get(prefix + "a-www." + zone + "/TXT/").values()).containsExactly(owned("me"));
        assertThat(state.get(stale)).as("tombstone").isNull();
        assertThat(RIG.topics.zoneState("other.org|").get(foreign)).as("another group's record is not tombstoned").isNotNull();
        DeadLetter letter = awaitValue(WAIT, "dead letter", () -> RIG.topics.readAll(Topics.DLQ)
                .stream().filter(r -> r.key().endsWith(malformed)).map(r -> TopicClient.decode(r.value(), DeadLetter.class))
                .findFirst().orElse(null));
        assertThat(letter.topic()).isEqualTo(Topics.ZONE_STATE);
        assertThat(letter.reason()).contains("malformed zone-state key");
        // and the next good record is applied
        ChangePlan p = plan(zone, hosts(zone, "after", 1));
        RIG.topics.publish(p);
        assertThat(result(p.planId()).status()).isEqualTo(ApplyResult.Status.APPLIED);
    }

    /**
     * external-dns's suitableZones through the SDK: a record goes to every private zone that holds it and to the
     * public zone of the longest name, not to a public parent zone.
     */
    @Test
    void aRecordLandsInEveryMatchingPrivateZoneAndTheBestPublicZone() throws Exception {
        String zone = "suitable.example.com";
        String publicParent = RIG.emulator.createZone(zone, false);
        String privateParent = RIG.emulator.createZone(zone, true);
        String publicChild = RIG.emulator.createZone("app." + zone, false);
        String privateChild = RIG.emulator.createZone("app." + zone, true);
        deploy(zone, Map.of());
        String name = "www.app." + zone;
        ChangePlan p = plan(zone, List.of(Endpoint.of(name, "A", "10.0.7.1")));
        RIG.topics.publish(p);
        ApplyResult r = result(p.planId());
        assertThat(r.status()).as(r.toString()).isEqualTo(ApplyResult.Status.APPLIED);
        for (String zoneId : List.of(privateParent, publicChild, privateChild)) {
            assertThat(records(zoneId, "A")).as("zone " + zoneId).singleElement()
                    .satisfies(s -> assertThat(s.values()).containsExactly("10.0.7.1"));
        }
        assertThat(records(publicParent, "A")).as("the public parent zone: app. is the better public zone").isEmpty();
    }

    /**
     * {@code --aws-zone-match-parent}: a domain filter for a sub-domain manages its parent zone only with the flag,
     * as external-dns; the record stays inside the filter either way.
     */
    @Test
    void aParentZoneOfTheFilteredDomainIsManagedOnlyWithZoneMatchParent() throws Exception {
        String zone = "parent-match.example.com";
        String filter = "app." + zone;
        String zoneId = RIG.emulator.createZone(zone, false);
        String name = "www." + filter;

        ApplierRig.Running without = deploy(filter, Map.of());
        ChangePlan first = plan(filter, List.of(Endpoint.of(name, "A", "10.0.8.1")));
        RIG.topics.publish(first);
        ApplyResult skipped = result(first.planId());
        assertThat(skipped.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ChangeOutcome.Status.SKIPPED);
            assertThat(o.message()).contains("no managed zone holds " + name);
        });
        assertThat(records(zoneId, "A")).isEmpty();
        RIG.undeploy(without);

        deploy(filter, Map.of("aws-zone-match-parent", "true"));
        ChangePlan second = plan(filter, List.of(Endpoint.of(name, "A", "10.0.8.1"),
                Endpoint.of("outside." + zone, "A", "10.0.8.2")));
        RIG.topics.publish(second);
        ApplyResult applied = result(second.planId());
        assertThat(applied.outcomes()).extracting(ChangeOutcome::dnsName, ChangeOutcome::status).containsExactlyInAnyOrder(
                Tuple.tuple(name, ChangeOutcome.Status.APPLIED), Tuple.tuple("outside." + zone, ChangeOutcome.Status.SKIPPED));
        assertThat(records(zoneId, "A")).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo(name + "."));
    }

    @Test
    void throttlingAtFiveRequestsPerSecondWithHalfTheCallsThrottledConverges() throws Exception {
        String zone = "throttle.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        RIG.emulator.throttle().configure(5, 5);
        long bucketBefore = RIG.emulator.counters().count("ChangeResourceRecordSets", "Throttling");
        ThrottleInjectingApi api = new ThrottleInjectingApi(Route53Api.of(RIG.client), 0.5);
        // batches of 10 make one plan 6 back-to-back calls; the applier starts at the full 5/s account quota
        ApplierRig.Running r = deploy(zone, Map.of("aws-api-rate", "5", "aws-api-retries", "30", "aws-batch-change-size", "10"), api);
        ChangePlan p = plan(zone, hosts(zone, "t", 60));
        long t0 = System.nanoTime();
        RIG.topics.publish(p);
        ApplyResult result = awaitValue(Duration.ofSeconds(120), "result", () -> {
            List<ApplyResult> rs = RIG.topics.results(p.planId());
            return rs.isEmpty() ? null : rs.get(0);
        });
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertThat(result.status()).isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(result.changeIds()).hasSize(6);
        assertThat(records(zoneId, "A")).hasSize(60);
        long bucket = RIG.emulator.counters().count("ChangeResourceRecordSets", "Throttling") - bucketBefore;
        double rate = r.stage().registry().get("streamdns.applier.rate.limit").gauge().value();
        double throttles = r.stage().registry().get("streamdns.applier.throttles").counter().count();
        System.out.printf("throttling IT: 6 batches took %d calls (%d injected throttles, %d by the emulator's 5/s bucket),"
                + " %d attempts in the result, ~%d s; limiter ends at %.2f/s%n", api.calls.get(), api.injected.get(), bucket,
                result.attempts(), seconds, rate);
        assertThat(api.injected.get()).isPositive();
        assertThat(throttles).isEqualTo(api.injected.get() + bucket);
    }

    @Test
    void injectedServerErrorsConverge() throws Exception {
        String zone = "errors.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        RIG.emulator.faults().internalErrorRate(0.3);
        RIG.emulator.faults().unavailableRate(0.2);
        deploy(zone, Map.of("aws-api-retries", "30", "aws-batch-change-size", "3"));
        ChangePlan p = plan(zone, hosts(zone, "e", 30));
        RIG.topics.publish(p);
        ApplyResult result = result(p.planId());
        assertThat(result.status()).isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(result.attempts()).isGreaterThan(result.changeIds().size());
        assertThat(records(zoneId, "A")).hasSize(30);
        System.out.println("5xx IT: emulator counters " + RIG.emulator.counters().snapshot());
        assertThat(RIG.emulator.counters().count("ChangeResourceRecordSets", "InternalFailure")
                + RIG.emulator.counters().count("ChangeResourceRecordSets", "ServiceUnavailable")).isPositive();
    }

    @Test
    void aPoisonChangeInABatchOf500LeavesTheOther499Applied() throws Exception {
        String zone = "poison.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        deploy(zone, Map.of());
        List<Endpoint> creates = new ArrayList<>(hosts(zone, "h", 500));
        creates.set(321, Endpoint.of(creates.get(321).dnsName(), "A", "1.2.3"));
        long callsBefore = RIG.emulator.counters().total("ChangeResourceRecordSets");
        ChangePlan p = plan(zone, creates);
        RIG.topics.publish(p);
        ApplyResult r = result(p.planId());
        long calls = RIG.emulator.counters().total("ChangeResourceRecordSets") - callsBefore;
        System.out.printf("poison IT: %d ChangeResourceRecordSets calls to isolate 1 bad change of 500, %d attempts%n",
                calls, r.attempts());
        assertThat(r.status()).isEqualTo(ApplyResult.Status.PARTIAL);
        assertThat(r.outcomes()).filteredOn(o -> o.status() == ChangeOutcome.Status.APPLIED).hasSize(499);
        assertThat(r.outcomes()).filteredOn(o -> o.status() == ChangeOutcome.Status.REJECTED).singleElement()
                .satisfies(o -> {
                    assertThat(o.dnsName()).isEqualTo("h321." + zone);
                    assertThat(o.message()).contains("1.2.3");
                });
        assertThat(records(zoneId, "A")).hasSize(499);
        assertThat(r.changeIds()).isNotEmpty();
        assertThat(r.endToEndMillis()).isPositive();
    }

    @Test
    void aCreateCollidingWithAnUnownedRecordIsNotOverwritten() throws Exception {
        String zone = "collide.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        RIG.emulator.change(zoneId, List.of(ChangeRequest.of("CREATE", "www." + zone, "A", 300, List.of("192.0.2.1")),
                ChangeRequest.of("CREATE", "legacy." + zone, "A", 300, List.of("192.0.2.2"))));
        deploy(zone, Map.of("txt-owner-id", "me"));
        Endpoint txt = new Endpoint("a-www." + zone, "TXT", List.of(owned("me")), 0, null, Map.of(),
                Map.of(Labels.OWNED_RECORD, "www." + zone));
        ChangePlan p = new ChangePlan("plan-" + UUID.randomUUID(), zone, 1L, 0L,
                List.of(Endpoint.of("www." + zone, "A", "10.0.0.1"), txt),
                List.of(Endpoint.of("legacy." + zone, "A", "192.0.2.2")), List.of(Endpoint.of("legacy." + zone, "A", "10.0.0.9")),
                List.of(), List.of());
        RIG.topics.publish(p);
        ApplyResult r = result(p.planId());
        assertThat(r.status()).isEqualTo(ApplyResult.Status.FAILED);
        assertThat(r.outcomes()).extracting(ChangeOutcome::dnsName, ChangeOutcome::status).containsExactlyInAnyOrder(
                Tuple.tuple("www." + zone, ChangeOutcome.Status.SKIPPED),
                Tuple.tuple("a-www." + zone, ChangeOutcome.Status.SKIPPED),
                Tuple.tuple("legacy." + zone, ChangeOutcome.Status.SKIPPED));
        assertThat(r.outcomes()).filteredOn(o -> o.dnsName().equals("www." + zone)).singleElement()
                .satisfies(o -> assertThat(o.message()).contains("no ownership TXT").contains("left alone"));
        assertThat(records(zoneId, "A")).extracting(RecordSet::values)
                .containsExactlyInAnyOrder(List.of("192.0.2.1"), List.of("192.0.2.2"));
        assertThat(records(zoneId, "TXT")).isEmpty();
        ZoneRecord www = RIG.topics.zoneState(zone + "|" + zoneId + "/www." + zone + "/A/").values().iterator().next();
        assertThat(www.values()).containsExactly("192.0.2.1");
    }

    /**
     * A record with exactly our values but no TXT of ours: one made by hand before the applier listed the zone, one
     * of an external-dns with another --txt-prefix, and one made after the listing (our create is refused, the
     * re-read shows it). None is adopted, each is reported, and a later delete plan leaves them all in place.
     */
    @Test
    void anEqualRecordThatIsNotOursIsNeverAdoptedNorDeleted() throws Exception {
        String zone = "equal.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        RIG.emulator.change(zoneId, List.of(ChangeRequest.of("CREATE", "hand." + zone, "A", 300, List.of("10.0.0.1")),
                ChangeRequest.of("CREATE", "ext." + zone, "A", 300, List.of("10.0.0.2")),
                ChangeRequest.of("CREATE", "other-a-ext." + zone, "TXT", 300, List.of(owned("me")))));
        deploy(zone, Map.of("txt-owner-id", "me"));
        RIG.emulator.change(zoneId, List.of(ChangeRequest.of("CREATE", "late." + zone, "A", 300, List.of("10.0.0.3"))));
        List<Endpoint> wanted = new ArrayList<>();
        for (String[] host : new String[][] {{"hand", "10.0.0.1"}, {"ext", "10.0.0.2"}, {"late", "10.0.0.3"}}) {
            String name = host[0] + "." + zone;
            wanted.add(Endpoint.of(name, "A", host[1]));
            wanted.add(new Endpoint("a-" + name, "TXT", List.of(owned("me")), 0, null, Map.of(),
                    Map.of(Labels.OWNED_RECORD, name, Labels.OWNED_TYPE, "A")));
        }
        List<RecordSet> before = RIG.emulator.records(zoneId);
        ChangePlan create = plan(zone, wanted);
        RIG.topics.publish(create);
        ApplyResult created = result(create.planId());
        assertThat(created.outcomes()).hasSize(6).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(ChangeOutcome.Status.SKIPPED);
            assertThat(o.message()).contains("no ownership TXT").contains("left alone");
        });
        ChangePlan delete = new ChangePlan("plan-" + UUID.randomUUID(), zone, System.currentTimeMillis(), 0L, List.of(),
                List.of(), List.of(), wanted, List.of());
        RIG.topics.publish(delete);
        assertThat(result(delete.planId()).outcomes()).hasSize(6)
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(ChangeOutcome.Status.SKIPPED));
        assertThat(RIG.emulator.records(zoneId)).as("zone untouched (read through the emulator's store)")
                .containsExactlyInAnyOrderElementsOf(before);
        assertThat(records(zoneId, "TXT")).extracting(RecordSet::name).containsExactly("other-a-ext." + zone + ".");
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        String zone = "dry.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        deploy(zone, Map.of("dry-run", "true"));
        long callsBefore = RIG.emulator.counters().total("ChangeResourceRecordSets");
        ChangePlan p = plan(zone, hosts(zone, "d", 5));
        RIG.topics.publish(p);
        ApplyResult r = result(p.planId());
        assertThat(r.status()).isEqualTo(ApplyResult.Status.DRY_RUN);
        assertThat(r.outcomes()).hasSize(5).allSatisfy(o -> assertThat(o.status()).isEqualTo(ChangeOutcome.Status.DRY_RUN));
        assertThat(RIG.emulator.counters().total("ChangeResourceRecordSets")).isEqualTo(callsBefore);
        assertThat(RIG.emulator.records(zoneId)).extracting(RecordSet::type).containsExactlyInAnyOrder("NS", "SOA");
    }

    @Test
    void aMalformedPlanGoesToTheDeadLetterQueueAndTheNextOneIsApplied() throws Exception {
        String zone = "dlq.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        deploy(zone, Map.of());
        String badKey = zone + "|plan-bad-" + UUID.randomUUID();
        RIG.topics.publishRaw(Topics.PLANS, badKey, "{\"v\":1,\"planId\":\"x\"}".getBytes());
        ChangePlan good = plan(zone, hosts(zone, "g", 2));
        RIG.topics.publish(good);
        assertThat(result(good.planId()).status()).isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(records(zoneId, "A")).hasSize(2);
        DeadLetter letter = awaitValue(WAIT, "dead letter", () -> RIG.topics.readAll(Topics.DLQ)
                .stream().filter(r -> r.key().equals(badKey)).map(r -> TopicClient.decode(r.value(), DeadLetter.class))
                .findFirst().orElse(null));
        assertThat(letter.stage()).isEqualTo("applier");
        assertThat(letter.reason()).contains("shard");
    }

    @Test
    void theDriftCheckRepublishesWhatChangedBehindOurBack() throws Exception {
        String zone = "drift.example.com";
        String zoneId = RIG.emulator.createZone(zone, false);
        RIG.emulator.change(zoneId, List.of(ChangeRequest.of("CREATE", "keep." + zone, "A", 300, List.of("10.0.0.1")),
                ChangeRequest.of("CREATE", "gone." + zone, "A", 300, List.of("10.0.0.2"))));
        deploy(zone, Map.of("drift-interval", "1s"));
        String prefix = zone + "|" + zoneId + "/";
        await(WAIT, "initial zone-state", () -> RIG.topics.zoneState(prefix).get(prefix + "gone." + zone + "/A/") != null);
        RIG.emulator.change(zoneId, List.of(ChangeRequest.of("UPSERT", "keep." + zone, "A", 300, List.of("10.0.0.9")),
                ChangeRequest.of("DELETE", "gone." + zone, "A", 300, List.of("10.0.0.2")),
                ChangeRequest.of("CREATE", "new." + zone, "A", 300, List.of("10.0.0.3"))));
        await(WAIT, "drift republished", () -> {
            Map<String, ZoneRecord> s = RIG.topics.zoneState(prefix);
            ZoneRecord keep = s.get(prefix + "keep." + zone + "/A/");
            return keep != null && keep.values().equals(List.of("10.0.0.9")) && s.containsKey(prefix + "gone." + zone + "/A/")
                    && s.get(prefix + "gone." + zone + "/A/") == null && s.get(prefix + "new." + zone + "/A/") != null;
        });
    }
}
