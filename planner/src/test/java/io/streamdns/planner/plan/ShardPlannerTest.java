package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Provenance;
import io.streamdns.model.SourceState;
import io.streamdns.model.ZoneRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Incremental planning against the index: same answers as a full plan, in-flight overlay, results, provenance. */
class ShardPlannerTest {
    private static final String Z = "Z1";

    private static SourceState source(String cluster, String name, String rv, Endpoint... endpoints) {
        return new SourceState(cluster, "Service", "default", name, "uid-" + name, rv, 1000L, List.of(endpoints));
    }

    private static String id(SourceState s) {
        return s.ref().identity();
    }

    private static ZoneRecord zone(Endpoint e) {
        return new ZoneRecord(Z, "ex.com", e.dnsName(), e.recordType(), e.ttl() == 0 ? 300 : e.ttl(), e.targets(),
                e.setIdentifier(), null, e.providerSpecific());
    }

    /** What an applier would publish for a plan: the records as created or updated, tombstones for deletes. */
    private static void applyToZone(ShardPlanner p, Changes c) {
        for (Endpoint d : c.delete()) {
            p.putRecord(zone(d).identity(), null);
        }
        for (Endpoint e : c.updateNew()) {
            p.putRecord(zone(e).identity(), zone(e));
        }
        for (Endpoint e : c.create()) {
            p.putRecord(zone(e).identity(), zone(e));
        }
    }

    @Test
    void inFlightPlansAreNotPlannedTwiceAndZoneStateClearsThem() {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        SourceState web = source("c1", "web", "1", Endpoint.of("www.ex.com", "A", "192.0.2.1"));
        assertThat(p.putSource(id(web), web)).containsExactly("www.ex.com");

        ShardPlanner.ShardPlan first = p.plan(Set.of("www.ex.com"));
        assertThat(first.changes().create()).hasSize(2);
        assertThat(first.provenance()).containsExactly(
                new Provenance("www.ex.com", "c1", "Service", "default", "web", "1", 1000L));
        p.inFlight("plan-1", first.changes(), 0);

        assertThat(p.plan(Set.of("www.ex.com")).changes().isEmpty()).isTrue();
        assertThat(p.planAll().changes().isEmpty()).isTrue();

        applyToZone(p, first.changes());
        assertThat(p.hasInFlight()).isFalse();
        assertThat(p.planAll().changes().isEmpty()).isTrue();
    }

    /** external-dns's verified records: desired and in zone state (not merely in flight), by type, kept per plan. */
    @Test
    void verifiedRecordsCountWhatIsBothDesiredAndInTheZone() {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        int a = VerifiedRecords.TYPES.indexOf("A");
        SourceState web = source("c1", "web", "1", Endpoint.of("www.ex.com", "A", "192.0.2.1"));
        p.putSource(id(web), web);
        ShardPlanner.ShardPlan first = p.plan(Set.of("www.ex.com"));
        p.inFlight("plan-1", first.changes(), 0);
        assertThat(p.verified().counts()[a]).as("planned, in flight: not in the zone yet").isZero();

        applyToZone(p, first.changes());
        p.plan(Set.of("www.ex.com"));
        assertThat(p.verified().counts()[a]).isEqualTo(1);
        assertThat(p.verified().counts()[VerifiedRecords.TYPES.indexOf("TXT")]).as("the ownership TXT is no source's")
                .isZero();
        assertThat(p.planAll().changes().isEmpty()).isTrue();
        assertThat(p.verified().counts()[a]).as("a full plan counts the same").isEqualTo(1);

        p.putSource(id(web), null);
        p.plan(Set.of("www.ex.com"));
        assertThat(p.verified().counts()[a]).as("no longer desired").isZero();
    }

    @Test
    void aRejectedChangeIsForgottenAndPlannedAgain() {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        SourceState web = source("c1", "web", "1", Endpoint.of("www.ex.com", "A", "192.0.2.1"));
        p.putSource(id(web), web);
        Changes c = p.plan(Set.of("www.ex.com")).changes();
        p.inFlight("plan-1", c, 0);

        Set<String> refused = p.resolve("plan-1", false, List.of(
                new ChangeOutcome(ChangeOutcome.Action.CREATE, "www.ex.com", "A", null, ChangeOutcome.Status.REJECTED, Z, "no"),
                new ChangeOutcome(ChangeOutcome.Action.CREATE, "a-www.ex.com", "TXT", null, ChangeOutcome.Status.REJECTED, Z, "no")),
                10);
        assertThat(refused).containsExactly("www.ex.com");
        assertThat(p.hasInFlight()).isFalse();
        assertThat(p.plan(Set.of("www.ex.com")).changes()).isEqualTo(c);
    }

    @Test
    void acceptedChangesWaitForZoneStateWithinAGrace() {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        SourceState web = source("c1", "web", "1", Endpoint.of("www.ex.com", "A", "192.0.2.1"));
        p.putSource(id(web), web);
        Changes c = p.plan(Set.of("www.ex.com")).changes();
        p.inFlight("plan-1", c, 0);
        assertThat(p.resolve("plan-1", false, List.of(), 100)).isEmpty();
        assertThat(p.sweep(1000, 5000, 600_000)).isEmpty();
        assertThat(p.sweep(6000, 5000, 600_000)).containsExactly("www.ex.com");
        assertThat(p.hasInFlight()).isFalse();
    }

    @Test
    void aWholeFailedPlanIsForgotten() {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        SourceState web = source("c1", "web", "1", Endpoint.of("www.ex.com", "A", "192.0.2.1"));
        p.putSource(id(web), web);
        p.inFlight("plan-1", p.plan(Set.of("www.ex.com")).changes(), 0);
        assertThat(p.resolve("plan-1", true, List.of(), 10)).containsExactly("www.ex.com");
        assertThat(p.resolve("unknown", true, List.of(), 10)).isEmpty();
    }

    @Test
    void aTxtRecordTouchesTheNamesItMayOwn() {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        ZoneRecord txt = new ZoneRecord(Z, "ex.com", "a-www.ex.com", "TXT", 300,
                List.of("\"heritage=external-dns,external-dns/owner=default\""), null, null, Map.of());
        assertThat(p.putRecord(txt.identity(), txt)).containsExactlyInAnyOrder("a-www.ex.com", "www.ex.com");
        assertThat(p.putRecord(txt.identity(), null)).containsExactlyInAnyOrder("a-www.ex.com", "www.ex.com");
        assertThat(p.putRecord(txt.identity(), null)).isEmpty();
    }

    @Test
    void aTombstonedSourceDeletesItsRecords() {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        SourceState web = source("c1", "web", "1", Endpoint.of("www.ex.com", "A", "192.0.2.1"));
        p.putSource(id(web), web);
        applyToZone(p, p.planAll().changes());
        assertThat(p.putSource(id(web), null)).containsExactly("www.ex.com");
        Changes c = p.plan(Set.of("www.ex.com")).changes();
        assertThat(Fixtures.render(c.delete())).containsExactly("A www.ex.com 192.0.2.1 ttl=300",
                "TXT a-www.ex.com owner=default,resource=service/default/web,cluster=c1".replace(
                        "owner=default,resource=service/default/web,cluster=c1", "ours"));
    }

    @Test
    void incrementalPlansOfEachNameAddUpToTheFullPlan() {
        ShardPlanner p = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()));
        List<SourceState> sources = List.of(
                source("c1", "web", "1", Endpoint.of("www.ex.com", "A", "192.0.2.1"), Endpoint.of("api.ex.com", "CNAME",
                        "lb-1.us-east-1.elb.amazonaws.com")),
                source("c2", "web", "7", Endpoint.of("www.ex.com", "A", "192.0.2.2")),
                source("c1", "old", "3", Endpoint.of("gone.ex.com", "A", "192.0.2.3")));
        sources.forEach(s -> p.putSource(id(s), s));
        applyToZone(p, p.planAll().changes());
        // the world moves on: a source goes, another changes, someone else's record appears
        p.putSource(id(sources.get(2)), null);
        SourceState moved = source("c2", "web", "8", Endpoint.of("www.ex.com", "A", "192.0.2.9"));
        p.putSource(id(moved), moved);
        ZoneRecord foreign = zone(Endpoint.of("x.ex.com", "A", "192.0.2.50"));
        p.putRecord(foreign.identity(), foreign);
        ZoneRecord alias = new ZoneRecord(Z, "ex.com", "api.ex.com", "A", 0, List.of(), null,
                new AliasTarget("Z35SXDOTRQ7X7K", "lb-1.us-east-1.elb.amazonaws.com", false), Map.of());
        p.putRecord(alias.identity(), alias);

        Changes full = p.planAll().changes();
        List<Endpoint> creates = new ArrayList<>();
        List<Endpoint> updates = new ArrayList<>();
        List<Endpoint> deletes = new ArrayList<>();
        for (String name : List.of("www.ex.com", "api.ex.com", "gone.ex.com", "x.ex.com")) {
            Changes c = p.plan(Set.of(name)).changes();
            creates.addAll(c.create());
            updates.addAll(c.updateNew());
            deletes.addAll(c.delete());
        }
        assertThat(creates).containsExactlyInAnyOrderElementsOf(full.create());
        assertThat(updates).containsExactlyInAnyOrderElementsOf(full.updateNew());
        assertThat(deletes).containsExactlyInAnyOrderElementsOf(full.delete());
        assertThat(Fixtures.renderUpdates(full)).contains(
                "A www.ex.com 192.0.2.1,192.0.2.2 ttl=300 -> A www.ex.com 192.0.2.1,192.0.2.9",
                "A api.ex.com lb-1.us-east-1.elb.amazonaws.com ttl=300 [alias eth=false]"
                        + " -> A api.ex.com lb-1.us-east-1.elb.amazonaws.com ttl=300 [alias eth=true]");
        assertThat(Fixtures.render(full.delete())).contains("A gone.ex.com 192.0.2.3 ttl=300");
    }

    @Test
    void chunksKeepEveryChangeOfANameTogether() {
        List<Endpoint> desired = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            desired.add(Fixtures.want("c1", "service/default/web", "n" + i + ".ex.com CNAME lb-1.us-east-1.elb.amazonaws.com"));
        }
        Changes all = new Planner(PlanSettings.defaults()).plan(desired, List.of());
        assertThat(all.size()).isEqualTo(200);
        List<Changes> chunks = PlanChunker.split(all, 30);
        assertThat(chunks.stream().map(Changes::size).toList()).containsExactly(28, 28, 28, 28, 28, 28, 28, 4);
        for (Changes c : chunks) {
            assertThat(c.create().stream().map(ChangeSet::ownedName).distinct().count() * 4).isEqualTo(c.size());
        }
        assertThat(PlanChunker.split(all, 1000)).containsExactly(all);
    }
}
