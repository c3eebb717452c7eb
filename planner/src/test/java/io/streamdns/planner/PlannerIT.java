package io.streamdns.planner;

import static io.streamdns.planner.PlannerHarness.WAIT;
import static io.streamdns.planner.PlannerHarness.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ChangePlan;
import io.streamdns.model.DeadLetter;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Provenance;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.model.shard.RecordKey;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The planner stage against a real broker: plans out, DLQ, restart, debounce. One broker, one shard per test. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class PlannerIT {
    @RegisterExtension
    static final BrokerRig RIG = new BrokerRig(Topics.DEFAULT_PARTITIONS);

    private static ZoneRecord rec(String shard, String name, String type, String... values) {
        return new ZoneRecord(PlanTap.ZONE, shard, name, type, 300, List.of(values), null, null, Map.of());
    }

    private static Stream<Endpoint> all(ChangePlan p) {
        return Stream.of(p.create(), p.updateNew(), p.delete()).flatMap(List::stream);
    }

    @Test
    void sourcesAndZoneStateInPlansOut(Vertx vertx) throws Exception {
        String shard = "alpha.com";
        try (PlannerHarness h = new PlannerHarness(vertx, RIG.bootstrap());
             PlanTap tap = new PlanTap(RIG.bootstrap(), Set.of(shard), false)) {
            h.zone(shard, rec(shard, "old.alpha.com", "A", "192.0.2.9"));
            h.zone(shard, rec(shard, "a-old.alpha.com", "TXT",
                    "\"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/old\""));
            h.zone(shard, rec(shard, "manual.alpha.com", "A", "192.0.2.50"));
            h.source(shard, source("c1", "web", "7", 1000, Endpoint.of("www.alpha.com", "A", "192.0.2.1")));
            h.source(shard, source("c1", "old", "3", 1000, Endpoint.of("old.alpha.com", "A", "192.0.2.10")));
            h.source(shard, source("c1", "manual", "1", 1000, Endpoint.of("manual.alpha.com", "A", "192.0.2.51")));
            h.synced("c1");

            PlannerHarness.Running planner = h.deployReady(PlannerHarness.config(shard, "g-alpha", Map.of()), "p-alpha");
            ChangePlan full = Await.value("the full plan", WAIT, () -> tap.plans.stream().findFirst().orElse(null));
            assertThat(full.earliestEventAt()).isZero();
            assertThat(full.create()).extracting(e -> e.dnsName() + "/" + e.recordType() + " " + e.targets())
                    .containsExactly("www.alpha.com/A [192.0.2.1]", "a-www.alpha.com/TXT [\"heritage=external-dns,"
                            + "external-dns/cluster=c1,external-dns/owner=default,external-dns/resource=service/default/web\"]");
            assertThat(full.updateOld()).extracting(Endpoint::toString)
                    .containsExactly("old.alpha.com/A [192.0.2.9] ttl=300",
                            "a-old.alpha.com/TXT [\"heritage=external-dns,external-dns/owner=default,"
                                    + "external-dns/resource=service/default/old\"] ttl=300");
            assertThat(full.updateNew().get(0).targets()).containsExactly("192.0.2.10");
            assertThat(full.skipped()).extracting(r -> r.dnsName() + " " + r.reason().split(":")[0])
                    .containsExactly("manual.alpha.com unowned");
            assertThat(full.provenance()).contains(
                    new Provenance("www.alpha.com", "c1", "Service", "default", "web", "7", 1000));

            // live: a changed object is planned against the in-flight create, with its event time and version
            h.source(shard, source("c1", "web", "8", 5000, Endpoint.of("www.alpha.com", "A", "192.0.2.2")));
            ChangePlan next = Await.value("the incremental plan", WAIT, () -> tap.plans.size() > 1 ? tap.plans.get(1) : null);
            assertThat(next.updateOld()).extracting(Endpoint::toString).first().isEqualTo("www.alpha.com/A [192.0.2.1]");
            assertThat(next.updateNew().get(0).targets()).containsExactly("192.0.2.2");
            assertThat(next.earliestEventAt()).isEqualTo(5000);
            assertThat(next.provenance()).extracting(Provenance::resourceVersion).containsExactly("8");
            h.undeploy(planner);
        }
    }

    @Test
    void malformedInputGoesToTheDlqAndPlanningGoesOn(Vertx vertx) throws Exception {
        String shard = "bravo.com";
        try (PlannerHarness h = new PlannerHarness(vertx, RIG.bootstrap());
             PlanTap tap = new PlanTap(RIG.bootstrap(), Set.of(shard), false)) {
            // one before the planner starts (its restore meets it), the others while it runs
            h.send(Topics.SOURCES, shard + "|c1/Service/default/bad", "{not json".getBytes(StandardCharsets.UTF_8));
            PlannerHarness.Running planner = h.deployReady(PlannerHarness.config(shard, "g-bravo", Map.of()), "p-bravo");
            h.send(Topics.ZONE_STATE, shard + "|Z1/x.bravo.com/A/", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));
            h.send(Topics.SOURCES, shard + "|c1/Service/default/wrong", JsonCodec.encode(
                    source("c1", "web", "1", 1, Endpoint.of("www.bravo.com", "A", "192.0.2.1"))));
            h.source(shard, source("c1", "good", "1", 2000, Endpoint.of("good.bravo.com", "A", "192.0.2.7")));

            Await.until("a plan for good.bravo.com", WAIT, () -> tap.plans.stream().flatMap(PlannerIT::all)
                    .anyMatch(e -> e.dnsName().equals("good.bravo.com")));
            Await.until("three dead letters", WAIT, () -> h.deadLetters().stream()
                    .filter(d -> d.key() != null && d.key().startsWith(shard)).count() == 3);
            List<DeadLetter> letters = h.deadLetters().stream().filter(d -> Objects.requireNonNullElse(d.key(), "")
                    .startsWith(shard)).toList();
            assertThat(letters).allSatisfy(d -> assertThat(d.stage()).isEqualTo("planner"));
            assertThat(letters).extracting(DeadLetter::reason).anyMatch(r -> r.contains("undecodable SourceState"))
                    .anyMatch(r -> r.contains("schema version")).anyMatch(r -> r.contains("differs from the value"));
            assertThat(tap.plans.stream().flatMap(PlannerIT::all)).noneMatch(e -> e.dnsName().equals("www.bravo.com"));
            h.undeploy(planner);
        }
    }

    @Test
    void aRestartRebuildsStateAndPlansNothingNew(Vertx vertx) throws Exception {
        String shard = "charlie.com";
        try (PlannerHarness h = new PlannerHarness(vertx, RIG.bootstrap());
             PlanTap tap = new PlanTap(RIG.bootstrap(), Set.of(shard), true)) {
            PlannerConfig config = PlannerHarness.config(shard, "g-charlie", Map.of());
            PlannerHarness.Running first = h.deployReady(config, "p-charlie-1");
            for (int i = 0; i < 5; i++) {
                h.source(shard, source("c1", "svc" + i, "1", 1000, Endpoint.of("n" + i + ".charlie.com", "A", "192.0.2." + i),
                        Endpoint.of("n" + i + ".charlie.com", "AAAA", "2001:db8::" + i)));
            }
            Await.until("20 records applied", WAIT, () -> tap.zone.size() == 20);
            h.undeploy(first);
            int before = tap.plans.size();

            PlannerHarness.Running second = h.deployReady(config, "p-charlie-2");
            h.source(shard, source("c1", "marker", "1", 3000, Endpoint.of("marker.charlie.com", "A", "192.0.2.99")));
            Await.until("the marker's plan", WAIT, () -> tap.plans.stream().flatMap(PlannerIT::all)
                    .anyMatch(e -> e.dnsName().equals("marker.charlie.com")));
            List<ChangePlan> after = tap.plans.subList(before, tap.plans.size());
            assertThat(after).hasSize(1);
            assertThat(after.get(0).create()).extracting(Endpoint::dnsName)
                    .containsExactly("marker.charlie.com", "a-marker.charlie.com");
            assertThat(tap.duplicateCreates).hasValue(0);
            h.undeploy(second);
        }
    }

    @Test
    void aThousandRapidUpdatesOfOneNameBecomeAHandfulOfPlans(Vertx vertx) throws Exception {
        String shard = "delta.com";
        try (PlannerHarness h = new PlannerHarness(vertx, RIG.bootstrap());
             PlanTap tap = new PlanTap(RIG.bootstrap(), Set.of(shard), true)) {
            PlannerHarness.Running planner = h.deployReady(
                    PlannerHarness.config(shard, "g-delta", Map.of("debounce", "200ms", "debounce-max", "2s")), "p-delta");
            for (int i = 0; i < 1000; i++) {
                var s = source("c1", "busy", Integer.toString(i), 10_000 + i,
                        Endpoint.of("busy.delta.com", "A", "10.0." + (i / 250) + "." + (i % 250)));
                h.producer.send(new ProducerRecord<>(Topics.SOURCES,
                        RecordKey.of(shard, s.ref().identity()),
                        JsonCodec.encode(s)));
            }
            h.producer.flush();
            Await.until("the last target applied", WAIT, () -> tap.zone.values().stream()
                    .anyMatch(r -> r.name().equals("busy.delta.com") && r.values().equals(List.of("10.0.3.249"))));
            assertThat(tap.plans).hasSizeBetween(1, 10);
            assertThat(tap.plans.get(0).earliestEventAt()).isBetween(10_000L, 11_000L);
            h.undeploy(planner);
        }
    }

    @Test
    void aBurstOfNamesIsPlannedASliceOfNamesPerTurn(Vertx vertx) throws Exception {
        String shard = "echo.com";
        try (PlannerHarness h = new PlannerHarness(vertx, RIG.bootstrap());
             PlanTap tap = new PlanTap(RIG.bootstrap(), Set.of(shard), false)) {
            PlannerConfig config = PlannerHarness.config(shard, "g-echo", Map.of("debounce", "500ms", "debounce-max", "5s"));
            config = config.withTuning(config.tuning().withNamesPerTurn(5));
            PlannerHarness.Running planner = h.deployReady(config, "p-echo");
            // published together, well inside one quiet window: one debounced batch of 23 names
            for (int i = 0; i < 23; i++) {
                var s = source("c1", "svc" + i, "1", 20_000 + i, Endpoint.of("svc" + i + ".echo.com", "A", "10.1.0." + i));
                h.producer.send(new ProducerRecord<>(Topics.SOURCES,
                        RecordKey.of(shard, s.ref().identity()),
                        JsonCodec.encode(s)));
            }
            h.producer.flush();
            Await.until("every name planned", WAIT, () -> tap.plans.stream().flatMap(p -> p.create().stream())
                    .filter(e -> e.recordType().equals("A")).count() == 23);
            assertThat(tap.plans).allSatisfy(p -> assertThat(p.create()).filteredOn(e -> e.recordType().equals("A"))
                    .hasSizeLessThanOrEqualTo(5));
            assertThat(tap.plans).hasSizeGreaterThanOrEqualTo(5);
            h.undeploy(planner);
        }
    }

    @Test
    void deletesWaitForTheClaimantsSyncMarkerAndGoOutWhenItArrives(Vertx vertx) throws Exception {
        String shard = "foxtrot.com";
        try (PlannerHarness h = new PlannerHarness(vertx, RIG.bootstrap());
             PlanTap tap = new PlanTap(RIG.bootstrap(), Set.of(shard), false)) {
            for (int i = 0; i < 3; i++) { // owned by us, claimed by cluster c9, which has not published anything yet
                h.zone(shard, rec(shard, "n" + i + ".foxtrot.com", "A", "192.0.2." + i));
                h.zone(shard, rec(shard, "a-n" + i + ".foxtrot.com", "TXT", "\"heritage=external-dns,"
                        + "external-dns/cluster=c9,external-dns/owner=default,external-dns/resource=service/default/s" + i + "\""));
            }
            h.send(Topics.SOURCES, "!bogus|c9", "{}".getBytes(StandardCharsets.UTF_8));
            PlannerHarness.Running planner = h.deployReady(PlannerHarness.config(shard, "g-foxtrot", Map.of()), "p-foxtrot");
            ChangePlan report = Await.value("a report of the held deletes", WAIT, () -> tap.plans.stream()
                    .filter(p -> !p.skipped().isEmpty()).findFirst().orElse(null));
            assertThat(report.delete()).isEmpty();
            assertThat(report.skipped()).extracting(r -> r.dnsName() + " " + r.reason()).containsExactly(
                    "n0.foxtrot.com delete-held-unsynced: delete held: cluster c9 has not synced on partition "
                            + Partitioning.partitionOfShard(shard, Topics.DEFAULT_PARTITIONS),
                    "n1.foxtrot.com delete-held-unsynced: delete held: cluster c9 has not synced on partition "
                            + Partitioning.partitionOfShard(shard, Topics.DEFAULT_PARTITIONS),
                    "n2.foxtrot.com delete-held-unsynced: delete held: cluster c9 has not synced on partition "
                            + Partitioning.partitionOfShard(shard, Topics.DEFAULT_PARTITIONS));
            Await.until("the held gauge at 3", WAIT, () -> planner.context().registry().find("streamdns.planner.deletes.held")
                    .tag("reason", "delete-held-unsynced").gauge().value() == 3.0);
            Await.until("the malformed control key dead-lettered", WAIT, () -> h.deadLetters().stream()
                    .anyMatch(d -> "!bogus|c9".equals(d.key()) && d.reason().contains("malformed control key")));
            assertThat(tap.plans.stream().flatMap(p -> p.delete().stream())).isEmpty();

            h.synced("c9");
            Await.until("the deletes out", WAIT, () -> tap.plans.stream().flatMap(p -> p.delete().stream()).count() == 6);
            Await.until("the held gauge at 0", WAIT, () -> planner.context().registry().find("streamdns.planner.deletes.held")
                    .tag("reason", "delete-held-unsynced").gauge().value() == 0.0);
            h.undeploy(planner);
        }
    }

    @Test
    void aStateRefusedAtRestoreNeverReadsAsObjectDeleted(Vertx vertx) throws Exception {
        String shard = "golf.com";
        try (PlannerHarness h = new PlannerHarness(vertx, RIG.bootstrap());
             PlanTap tap = new PlanTap(RIG.bootstrap(), Set.of(shard), false)) {
            h.zone(shard, rec(shard, "s.golf.com", "A", "192.0.2.1"));
            h.zone(shard, rec(shard, "a-s.golf.com", "TXT", "\"heritage=external-dns,external-dns/cluster=c7,"
                    + "external-dns/owner=default,external-dns/resource=service/default/s\""));
            // a newer watcher's state this build cannot read (version skew), and nothing accepted before it
            h.send(Topics.SOURCES, shard + "|c7/Service/default/s", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));
            h.synced("c7");
            PlannerHarness.Running planner = h.deployReady(PlannerHarness.config(shard, "g-golf", Map.of()), "p-golf");
            ChangePlan report = Await.value("the held delete reported", WAIT, () -> tap.plans.stream()
                    .filter(p -> !p.skipped().isEmpty()).findFirst().orElse(null));
            assertThat(report.skipped()).singleElement().satisfies(r -> assertThat(r.reason())
                    .contains("the state of c7/Service/default/s was refused"));
            assertThat(tap.plans.stream().flatMap(p -> p.delete().stream())).isEmpty();

            h.send(Topics.SOURCES, shard + "|c7/Service/default/s", null); // the object is gone for sure
            Await.until("the delete out", WAIT, () -> tap.plans.stream().flatMap(p -> p.delete().stream()).count() == 2);
            h.undeploy(planner);
        }
    }
}
