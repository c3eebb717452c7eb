package io.streamdns.watcher;

import static io.streamdns.watcher.WatcherHarness.NS;
import static io.streamdns.watcher.WatcherHarness.create;
import static io.streamdns.watcher.WatcherHarness.createIngress;
import static io.streamdns.watcher.WatcherHarness.deploy;
import static io.streamdns.watcher.WatcherHarness.key;
import static io.streamdns.watcher.WatcherHarness.loadBalancer;
import static io.streamdns.watcher.WatcherHarness.setLoadBalancer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.watcher.SourcesTopic.Marker;
import io.streamdns.watcher.SourcesTopic.Placed;
import io.streamdns.watcher.WatcherHarness.Running;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sync markers: one per partition after every full pass, behind that pass's records, counting the scope's objects
 * on the partition; a restarted watcher reads them back without taking them for objects.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SyncMarkerIT {
    static final int PARTITIONS = 3;
    /** Shards spread over the partitions (two of them share one with three partitions). */
    static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net", "zone7.com", "zone9.com");
    @RegisterExtension
    static final WatcherRig RIG = WatcherRig.rig(PARTITIONS);


    private void createServices() {
        for (int i = 0; i < DOMAINS.size(); i++) {
            create(RIG.api().admin(), loadBalancer("s" + i, "s" + i + "." + DOMAINS.get(i)));
            setLoadBalancer(RIG.api().admin(), "s" + i, "192.0.2." + (10 + i));
        }
    }

    private static List<Placed> objectsOf(String cluster) {
        return RIG.topic().placed().stream().filter(p -> p.rec().key().contains("|" + cluster + "/")).toList();
    }

    /** The newest marker of (cluster, default scope) per partition, once every partition has one. */
    private static SyncMarker[] newestMarkers(String cluster) {
        SyncMarker[] newest = new SyncMarker[PARTITIONS];
        for (Marker m : RIG.topic().markers(cluster, ControlKeys.DEFAULT_SCOPE)) {
            newest[m.partition()] = m.marker();
        }
        return newest;
    }

    /** Objects (latest, not tombstoned) of the cluster per partition, as the topic holds them. */
    private static long[] liveObjects(String cluster) {
        long[] counts = new long[PARTITIONS];
        var latest = RIG.topic().latest();
        for (Placed p : objectsOf(cluster)) {
            if (latest.containsKey(p.rec().key()) && latest.get(p.rec().key()) == p.rec().state()) {
                counts[p.partition()]++;
            }
        }
        return counts;
    }

    @Test
    void startUpPassEndsWithAMarkerOnEveryPartitionBehindItsRecords(Vertx vertx) {
        createServices();
        Running w = RIG.deploy(vertx, "c-mark");
        SourcesTopic.until("ready", w::ready);
        RIG.topic().await("a marker on every partition", t -> IntStream.range(0, PARTITIONS)
                .allMatch(p -> t.markers("c-mark", ControlKeys.DEFAULT_SCOPE).stream().anyMatch(m -> m.partition() == p)));
        RIG.topic().await("all objects", t -> objectsOf("c-mark").size() == DOMAINS.size());

        List<Marker> markers = RIG.topic().markers("c-mark", ControlKeys.DEFAULT_SCOPE);
        assertThat(markers).hasSize(PARTITIONS); // one pass, one marker per partition
        long[] live = liveObjects("c-mark");
        for (Marker m : markers) {
            SyncMarker s = m.marker();
            assertThat(s.partition()).isEqualTo(m.partition());
            assertThat(s.objects()).as("objects on partition %d", m.partition()).isEqualTo(live[m.partition()]);
            assertThat(s.heldTombstones()).isZero();
            assertThat(s.syncedAt()).isPositive();
            assertThat(s.scopeSpec()).containsEntry("source", "ingress,service");
            // the pass's records of this partition come before its marker
            for (Placed p : objectsOf("c-mark")) {
                if (p.partition() == m.partition()) {
                    assertThat(p.offset()).isLessThan(m.offset());
                }
            }
        }
        assertThat(IntStream.range(0, PARTITIONS).mapToLong(p -> live[p]).sum()).isEqualTo(DOMAINS.size());
        w.undeploy();
    }

    @Test
    void everyOrphanCheckWritesMarkersAfterItsTombstones(Vertx vertx) {
        createServices();
        Running w = RIG.deploy(vertx, "c-check", "resync-period", "1s");
        SourcesTopic.until("ready", w::ready);
        RIG.topic().await("all objects", t -> objectsOf("c-check").size() == DOMAINS.size());
        int before = RIG.topic().markers("c-check", ControlKeys.DEFAULT_SCOPE).size();
        RIG.topic().await("markers of later checks", t -> t.markers("c-check", ControlKeys.DEFAULT_SCOPE).size()
                >= before + 2 * PARTITIONS);

        RIG.api().admin().services().inNamespace(NS).withName("s0").delete();
        String s0 = key("example.com", "c-check", "Service", "s0");
        RIG.topic().await("s0 tombstoned", t -> !t.latest().containsKey(s0) && !t.recordsOf(s0).isEmpty());
        Placed tombstone = objectsOf("c-check").stream().filter(p -> p.rec().key().equals(s0) && p.rec().isTombstone())
                .findFirst().orElseThrow();
        RIG.topic().await("a marker behind the tombstone counting one object less", t -> t.markers("c-check",
                ControlKeys.DEFAULT_SCOPE).stream().anyMatch(m -> m.partition() == tombstone.partition()
                && m.offset() > tombstone.offset()));
        SyncMarker after = RIG.topic().markers("c-check", ControlKeys.DEFAULT_SCOPE).stream()
                .filter(m -> m.partition() == tombstone.partition() && m.offset() > tombstone.offset())
                .findFirst().orElseThrow().marker();
        assertThat(after.objects()).isEqualTo(liveObjects("c-check")[tombstone.partition()]);
        w.undeploy();
    }

    @Test
    void restartRestoresObjectsAndTakesNoMarkerForAnObject(Vertx vertx) {
        createServices();
        Running first = RIG.deploy(vertx, "c-again");
        SourcesTopic.until("ready", first::ready);
        RIG.topic().await("markers", t -> t.markers("c-again", ControlKeys.DEFAULT_SCOPE).size() == PARTITIONS);
        first.undeploy();
        int objectRecords = objectsOf("c-again").size();

        Running second = RIG.deploy(vertx, "c-again");
        SourcesTopic.until("ready again", second::ready);
        RIG.topic().await("the second watcher's markers", t -> t.markers("c-again", ControlKeys.DEFAULT_SCOPE).size()
                == 2 * PARTITIONS);
        // nothing re-published, nothing tombstoned: the markers were neither objects nor orphans
        assertThat(objectsOf("c-again")).hasSize(objectRecords);
        assertThat(second.counter("streamdns.watcher.events.out", "type", "tombstone")).isZero();
        assertThat(RIG.topic().markers("c-again", ControlKeys.DEFAULT_SCOPE).subList(PARTITIONS, 2 * PARTITIONS))
                .allSatisfy(m -> assertThat(m.marker().objects()).isEqualTo(liveObjects("c-again")[m.partition()]));
        second.undeploy();
    }

    @Test
    void twoWatchersSplitByIngressClassNeverTombstoneEachOther(Vertx vertx) {
        createIngress(RIG.api().admin(), "i-nginx", "nginx", "n.example.com", "192.0.2.81");
        createIngress(RIG.api().admin(), "i-alb", "alb", "a.example.com", "192.0.2.82");
        Running nginx = RIG.deploy(vertx, "c-split", "source", "ingress",
                "ingress-class", "nginx", "watcher-scope", "nginx", "resync-period", "1s");
        Running alb = RIG.deploy(vertx, "c-split", "source", "ingress",
                "ingress-class", "alb", "watcher-scope", "alb", "resync-period", "1s");
        String n = RecordKey.of("example.com", "c-split/Ingress/" + NS + "/i-nginx@nginx");
        String a = RecordKey.of("example.com", "c-split/Ingress/" + NS + "/i-alb@alb");
        RIG.topic().await("each scope's ingress under its own key", t -> t.latest().containsKey(n) && t.latest().containsKey(a));
        SourcesTopic.until("orphan checks of both", () -> nginx.counter("streamdns.watcher.orphan.checks") >= 3
                && alb.counter("streamdns.watcher.orphan.checks") >= 3);
        // a restart restores only its own scope: the other's key is neither an orphan nor re-mapped to nothing
        nginx.undeploy();
        Running again = RIG.deploy(vertx, "c-split", "source", "ingress",
                "ingress-class", "nginx", "watcher-scope", "nginx", "resync-period", "1s");
        SourcesTopic.until("orphan checks after the restart", () -> again.counter("streamdns.watcher.orphan.checks") >= 3);

        assertThat(objectsOf("c-split")).extracting(p -> p.rec().key()).containsOnly(n, a);
        assertThat(objectsOf("c-split")).noneMatch(p -> p.rec().isTombstone());
        assertThat(RIG.topic().markers("c-split", "nginx")).isNotEmpty().allSatisfy(m -> assertThat(m.marker().scopeSpec())
                .containsEntry("ingress-class", "nginx"));
        assertThat(RIG.topic().markers("c-split", "alb")).isNotEmpty().allSatisfy(m -> assertThat(m.marker().scopeSpec())
                .containsEntry("ingress-class", "alb"));
        again.undeploy();
        alb.undeploy();
    }

    @Test
    void aScopeSyncedRecentlyWithOtherFiltersRefusesToStartUnlessChangedOnPurpose(Vertx vertx) {
        createIngress(RIG.api().admin(), "i-one", "nginx", "one.example.com", "192.0.2.91");
        Running first = RIG.deploy(vertx, "c-spec", "source", "ingress",
                "ingress-class", "nginx");
        SourcesTopic.until("ready", first::ready);
        RIG.topic().await("markers", t -> t.markers("c-spec", ControlKeys.DEFAULT_SCOPE).size() == PARTITIONS);
        int records = objectsOf("c-spec").size();

        assertThatThrownBy(() -> RIG.deploy(vertx, "c-spec", "source", "ingress",
                "ingress-class", "alb"))
                .hasMessageContaining("ingress-class=nginx").hasMessageContaining("ingress-class=alb")
                .hasMessageContaining("--watcher-scope");
        assertThat(objectsOf("c-spec")).hasSize(records);
        first.undeploy();

        // on purpose: the object that left the scope is tombstoned
        Running changed = RIG.deploy(vertx, "c-spec", "source", "ingress",
                "ingress-class", "alb", "scope-changed", "true");
        SourcesTopic.until("ready", changed::ready);
        String one = key("example.com", "c-spec", "Ingress", "i-one");
        RIG.topic().await("i-one tombstoned", t -> !t.latest().containsKey(one));
        changed.undeploy();
    }
}
