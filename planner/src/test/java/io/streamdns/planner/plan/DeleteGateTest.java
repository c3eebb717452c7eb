package io.streamdns.planner.plan;

import static io.streamdns.planner.plan.Fixtures.ep;
import static io.streamdns.planner.plan.Fixtures.txt;
import static io.streamdns.planner.plan.Fixtures.want;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.control.ClusterRetirement;
import io.streamdns.model.control.SyncMarker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Deletes need complete knowledge: the sync gate on deletes and on target removals, table-driven. */
class DeleteGateTest {
    private static final int P = 3;
    private static final String OWNED_A = "owner=default,resource=service/default/a,cluster=a";
    private static final String OWNED_B = "owner=default,resource=service/default/b,cluster=b";
    private static final String OWNED_NO_CLUSTER = "owner=default,resource=service/default/x";

    /** One row: what the partition knows, desired and current, and what the plan deletes / updates / holds. */
    record Row(String name, MultiClusterStrategy strategy, Consumer<SyncState> knows, List<Endpoint> want,
               List<Endpoint> have, List<String> deletes, List<String> updates, List<String> held) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Consumer<SyncState> synced(String... clusters) {
        return s -> {
            for (String c : clusters) {
                s.marker(c, "default", marker(c, "default", 1000));
            }
        };
    }

    static SyncMarker marker(String cluster, String scope, long at) {
        return new SyncMarker(cluster, "uid", scope, Map.of(), P, at, 0, 0);
    }

    static List<Endpoint> eps(Endpoint... e) {
        return Arrays.asList(e);
    }

    static List<String> l(String... s) {
        return Arrays.asList(s);
    }

    static final List<Endpoint> A_RECORD = eps(ep("www.ex.com A 1.1.1.1"), txt("a-www.ex.com", OWNED_A));

    static Stream<Row> rows() {
        MultiClusterStrategy merge = MultiClusterStrategy.MERGE;
        MultiClusterStrategy weighted = MultiClusterStrategy.WEIGHTED;
        return Stream.of(
                new Row("nothing synced: delete of cluster a's record held", merge, s -> { }, eps(), A_RECORD,
                        l(), l(), l("www.ex.com/A delete-held-unsynced: delete held: cluster a has not synced on partition 3")),
                new Row("claimant synced: deleted with its TXT", merge, synced("a"), eps(), A_RECORD,
                        l("A www.ex.com 1.1.1.1", "TXT a-www.ex.com cluster=a,owner=default,resource=service/default/a"),
                        l(), l()),
                new Row("another cluster synced, not the claimant: held", weighted, synced("b"), eps(), A_RECORD,
                        l(), l(), l("www.ex.com/A delete-held-unsynced: delete held: cluster a has not synced on partition 3")),
                new Row("claimant retired: deleted", merge,
                        s -> s.retirement("a", new ClusterRetirement("a", 2000, "op")), eps(), A_RECORD,
                        l("A www.ex.com 1.1.1.1", "TXT a-www.ex.com cluster=a,owner=default,resource=service/default/a"),
                        l(), l()),
                new Row("retired, then a newer marker: a live cluster again, its delete goes", merge, s -> {
                    s.retirement("a", new ClusterRetirement("a", 2000, "op"));
                    s.marker("a", "default", marker("a", "default", 3000));
                }, eps(), A_RECORD,
                        l("A www.ex.com 1.1.1.1", "TXT a-www.ex.com cluster=a,owner=default,resource=service/default/a"),
                        l(), l()),
                new Row("a scope with object keys but no marker: cluster incomplete", merge, s -> {
                    s.marker("a", "default", marker("a", "default", 1000));
                    s.objectKey("a/Ingress/ns/x@internal", false, true);
                }, eps(), A_RECORD,
                        l(), l(), l("www.ex.com/A delete-held-unsynced: delete held: cluster a (scope internal) has not"
                                + " synced on partition 3")),
                new Row("no cluster label (adopted) and no cluster known: held", merge, s -> { },
                        eps(), eps(ep("www.ex.com A 1.1.1.1"), txt("a-www.ex.com", OWNED_NO_CLUSTER)),
                        l(), l(), l("www.ex.com/A delete-held-unsynced: delete held: no cluster has synced on partition 3")),
                new Row("no cluster label, every known cluster synced: deleted", weighted, synced("a", "b"),
                        eps(), eps(ep("www.ex.com A 1.1.1.1"), txt("a-www.ex.com", OWNED_NO_CLUSTER)),
                        l("A www.ex.com 1.1.1.1", "TXT a-www.ex.com owner=default,resource=service/default/x"), l(), l()),
                new Row("no cluster label, a known cluster has keys but no marker: held", weighted, s -> {
                    s.marker("a", "default", marker("a", "default", 1000));
                    s.objectKey("b/Service/default/b", false, true);
                }, eps(), eps(ep("www.ex.com A 1.1.1.1"), txt("a-www.ex.com", OWNED_NO_CLUSTER)),
                        l(), l(), l("www.ex.com/A delete-held-unsynced: delete held: cluster b has not synced on partition 3")),
                new Row("merge: b's target leaves a merged set while b is unsynced: kept, a's new target added", merge, s -> {
                    s.marker("a", "default", marker("a", "default", 1000));
                    s.objectKey("b/Service/default/b", false, true);
                }, eps(want("a", "service/default/a", "www.ex.com A 3.3.3.3")),
                        eps(ep("www.ex.com A 1.1.1.1,2.2.2.2"), txt("a-www.ex.com", OWNED_A)),
                        l(), l("A www.ex.com 1.1.1.1,2.2.2.2 -> A www.ex.com 1.1.1.1,2.2.2.2,3.3.3.3"),
                        l("www.ex.com/A delete-held-unsynced: removal of targets [1.1.1.1, 2.2.2.2] held: cluster b has"
                                + " not synced on partition 3")),
                new Row("merge: every cluster synced: targets removed", merge, synced("a", "b"),
                        eps(want("a", "service/default/a", "www.ex.com A 1.1.1.1")),
                        eps(ep("www.ex.com A 1.1.1.1,2.2.2.2"), txt("a-www.ex.com", OWNED_A)),
                        l(), l("A www.ex.com 1.1.1.1,2.2.2.2 -> A www.ex.com 1.1.1.1"), l()),
                new Row("weighted: a's own record loses a target while b is unsynced: a alone claims it, goes", weighted,
                        s -> {
                            s.marker("a", "default", marker("a", "default", 1000));
                            s.objectKey("b/Service/default/b", false, true);
                        }, eps(want("a", "service/default/a", "www.ex.com A 1.1.1.1")),
                        eps(ep("www.ex.com A 1.1.1.1,2.2.2.2"), txt("a-www.ex.com", OWNED_A)),
                        l(), l("A www.ex.com 1.1.1.1,2.2.2.2 -> A www.ex.com 1.1.1.1"), l()),
                new Row("CNAME target change while its claimant is unsynced: held whole", merge, s -> { },
                        eps(want("a", "service/default/a", "www.ex.com CNAME new.ex.net")),
                        eps(ep("www.ex.com CNAME old.ex.net"), txt("cname-www.ex.com", OWNED_A)),
                        l(), l(), l("www.ex.com/CNAME delete-held-unsynced: removal of targets [old.ex.net] held: cluster"
                                + " a has not synced on partition 3")),
                new Row("an added target is no removal: goes unsynced", merge, s -> { },
                        eps(want("a", "service/default/a", "www.ex.com A 1.1.1.1,2.2.2.2")),
                        eps(ep("www.ex.com A 1.1.1.1"), txt("a-www.ex.com", OWNED_A)),
                        l(), l("A www.ex.com 1.1.1.1 -> A www.ex.com 1.1.1.1,2.2.2.2"), l()),
                new Row("creates never wait", merge, s -> { }, eps(want("a", "service/default/a", "new.ex.com A 1.1.1.1")),
                        eps(), l(), l(), l()),
                new Row("someone else's record: not ours, no hold reported", merge, s -> { },
                        eps(), eps(ep("www.ex.com A 1.1.1.1"), txt("a-www.ex.com", "owner=other,cluster=a")),
                        l(), l(), l()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void gate(Row row) {
        SyncState sync = new SyncState(P);
        row.knows().accept(sync);
        Planner planner = new Planner(PlanSettings.defaults().withMultiCluster(row.strategy()));
        Changes c = planner.plan(row.want(), row.have(), null, null, new DeleteGate(sync, row.strategy()));
        assertThat(Fixtures.render(c.delete())).as("deletes").containsExactlyElementsOf(row.deletes());
        assertThat(Fixtures.renderUpdates(c).stream().filter(u -> !u.startsWith("TXT")).toList()).as("updates")
                .containsExactlyElementsOf(row.updates());
        assertThat(c.skipped().stream().filter(s -> s.reason().held()).map(Skipped::toString).toList()).as("held")
                .containsExactlyElementsOf(row.held());
        // order independence, as every plan table row
        List<Endpoint> have = new ArrayList<>(row.have());
        Collections.reverse(have);
        assertThat(planner.plan(row.want(), have, null, null, new DeleteGate(sync, row.strategy()))).isEqualTo(c);
    }

    @Test
    void knowledgeFollowsMarkersKeysAndTombstones() {
        SyncState s = new SyncState(0);
        assertThat(s.complete("a")).isFalse();
        assertThat(s.known()).isEmpty();
        s.objectKey("a/Service/ns/x", false, true);
        assertThat(s.known()).containsExactly("a");
        assertThat(s.complete("a")).isFalse();
        s.marker("a", "default", new SyncMarker("a", null, "default", Map.of(), 0, 1, 1, 0));
        assertThat(s.complete("a")).isTrue();
        s.objectKey("a/Service/ns/y@edge", false, true);
        assertThat(s.complete("a")).isFalse();
        s.objectKey("a/Service/ns/y@edge", true, false);
        assertThat(s.complete("a")).isTrue();
        s.marker("a", "default", null);
        assertThat(s.complete("a")).isFalse();
        s.retirement("a", new ClusterRetirement("a", 5, "op"));
        assertThat(s.complete("a")).isTrue();
        s.retirement("a", null);
        assertThat(s.complete("a")).isFalse();
    }

    @Test
    void heldDeletesAreTrackedPerNameAndReleased() {
        SyncState sync = new SyncState(P);
        ShardPlanner sp = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()), sync);
        for (Endpoint e : A_RECORD) {
            ZoneRecord r = new ZoneRecord("Z1", "ex.com", e.dnsName(),
                    e.recordType(), e.ttl() == 0 ? 300 : e.ttl(), e.targets(), null, null, Map.of());
            sp.putRecord(r.identity(), r);
        }
        assertThat(sp.planAll().changes().delete()).isEmpty();
        assertThat(sp.held().names()).containsExactly("www.ex.com");
        assertThat(sp.held().count(Skipped.Reason.DELETE_HELD_UNSYNCED)).isEqualTo(1);
        assertThat(sp.held().takeChanged()).isTrue();
        assertThat(sp.plan(List.of("www.ex.com")).changes().delete()).isEmpty();
        assertThat(sp.held().takeChanged()).as("the same hold again is no change").isFalse();
        sync.marker("a", "default", marker("a", "default", 1));
        assertThat(sp.plan(List.copyOf(sp.held().names())).changes().delete()).hasSize(2);
        assertThat(sp.held().isEmpty()).isTrue();
        assertThat(sp.held().takeChanged()).isTrue();
        sp.plan(List.of("other.ex.com"));
        assertThat(sp.held().takeChanged()).as("a name that never held anything is no change").isFalse();
    }

    @Test
    void aRefusedStateWithoutAnAcceptedOneKeepsItsRecords() {
        SyncState sync = new SyncState(P);
        sync.marker("a", "default", marker("a", "default", 1));
        ShardPlanner sp = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()), sync);
        for (Endpoint e : A_RECORD) {
            ZoneRecord r = new ZoneRecord("Z1", "ex.com", e.dnsName(),
                    e.recordType(), e.ttl() == 0 ? 300 : e.ttl(), e.targets(), null, null, Map.of());
            sp.putRecord(r.identity(), r);
        }
        sp.refusedSource("a/Service/default/a");
        assertThat(sp.planAll().changes().delete()).isEmpty();
        assertThat(sp.held().at("www.ex.com")).extracting(Skipped::detail).containsExactly("delete held: the state of"
                + " a/Service/default/a was refused (see streamdns.dlq) and none was accepted before");
        sp.refusedSource("b/Service/default/a"); // another cluster's object of that name: not this record's
        sp.putSource("a/Service/default/a", null); // a tombstone: the object is gone for sure
        assertThat(sp.planAll().changes().delete()).hasSize(2);
    }

    @Test
    void aRefusedStateAfterAnAcceptedOneKeepsTheAcceptedOne() {
        SyncState sync = new SyncState(P);
        sync.marker("a", "default", marker("a", "default", 1));
        ShardPlanner sp = new ShardPlanner("ex.com", new Planner(PlanSettings.defaults()), sync);
        sp.putSource("a/Service/default/a", new SourceState("a", "Service", "default", "a", "u", "1",
                1, List.of(ep("www.ex.com A 1.1.1.1"))));
        sp.refusedSource("a/Service/default/a");
        assertThat(sp.planAll().changes().create()).extracting(Endpoint::dnsName).contains("www.ex.com");
        assertThat(sp.held().isEmpty()).isTrue();
    }
}
