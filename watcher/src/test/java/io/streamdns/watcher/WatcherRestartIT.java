package io.streamdns.watcher;

import static io.streamdns.watcher.WatcherHarness.NS;
import static io.streamdns.watcher.WatcherHarness.create;
import static io.streamdns.watcher.WatcherHarness.deploy;
import static io.streamdns.watcher.WatcherHarness.key;
import static io.streamdns.watcher.WatcherHarness.loadBalancer;
import static io.streamdns.watcher.WatcherHarness.setLoadBalancer;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Topics;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.watcher.WatcherHarness.Running;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restarts: deletions that happened while the watcher was down are tombstoned after it syncs, and an API server
 * that fails every list makes the watcher publish nothing at all (no mass delete) until a list succeeds.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class WatcherRestartIT {
    @RegisterExtension
    static final WatcherRig RIG = WatcherRig.rig();


    /** Runs a watcher until services a and b are on the topic, then stops it. */
    private void publishTwoAndStop(Vertx vertx, String cluster) {
        Running w = RIG.deploy(vertx, cluster);
        SourcesTopic.until("ready", w::ready);
        for (String name : List.of("a", "b")) {
            create(RIG.api().admin(), loadBalancer(name, name + ".example.com"));
            setLoadBalancer(RIG.api().admin(), name, "192.0.2.50");
        }
        RIG.topic().await("a and b", t -> t.latest().containsKey(key("example.com", cluster, "Service", "a"))
                && t.latest().containsKey(key("example.com", cluster, "Service", "b")));
        w.undeploy();
    }

    private List<SourcesTopic.Rec> recordsOfCluster(String cluster) {
        return RIG.topic().records().stream().filter(r -> r.key().contains("|" + cluster + "/")).toList();
    }

    @Test
    void objectDeletedWhileDownIsTombstonedAfterRestart(Vertx vertx) {
        publishTwoAndStop(vertx, "c-restart");
        RIG.api().admin().services().inNamespace(NS).withName("a").delete();
        create(RIG.api().admin(), loadBalancer("c", "c.example.com"));
        setLoadBalancer(RIG.api().admin(), "c", "192.0.2.51");

        Running w = RIG.deploy(vertx, "c-restart");
        String a = key("example.com", "c-restart", "Service", "a");
        String b = key("example.com", "c-restart", "Service", "b");
        String c = key("example.com", "c-restart", "Service", "c");
        RIG.topic().await("a tombstoned, c published", t -> !t.latest().containsKey(a) && t.latest().containsKey(c));
        SourcesTopic.until("ready", w::ready);
        // b was restored with its content hash: the full pass at sync (before the tombstone of a, in the same
        // partition) did not publish it again
        assertThat(RIG.topic().recordsOf(b)).hasSize(1);
        assertThat(RIG.topic().latest()).containsKey(b);
        w.undeploy();
    }

    @Test
    void apiOutagePublishesNoTombstonesUntilAListSucceeds(Vertx vertx) {
        publishTwoAndStop(vertx, "c-outage");
        RIG.api().admin().services().inNamespace(NS).withName("a").delete();
        int before = recordsOfCluster("c-outage").size();

        RIG.api().outage(true);
        Running w = RIG.deploy(vertx, "c-outage");
        // four informers (services, ingresses, endpoint slices, nodes), each refused at least three times
        SourcesTopic.until("the watcher's lists failed repeatedly", () -> RIG.api().failedLists() >= 12);
        assertThat(w.ready()).isFalse();
        assertThat(recordsOfCluster("c-outage")).hasSize(before);
        assertThat(w.counter("streamdns.watcher.events.out", "type", "tombstone")).isZero();

        RIG.api().outage(false);
        String a = key("example.com", "c-outage", "Service", "a");
        String b = key("example.com", "c-outage", "Service", "b");
        RIG.topic().await("a tombstoned once the API answers", t -> !t.latest().containsKey(a));
        SourcesTopic.until("ready", w::ready);
        assertThat(RIG.topic().latest()).containsKey(b);
        assertThat(RIG.topic().recordsOf(b)).hasSize(1);
        w.undeploy();
    }

    @Test
    void apiServerGoingAwayWhileRunningPublishesNothing(Vertx vertx) throws InterruptedException {
        // a 1 s resync: informer resyncs and the orphan check keep running against the (stale, intact) cache
        Running w = RIG.deploy(vertx, "c-away", "resync-period", "1s");
        SourcesTopic.until("ready", w::ready);
        for (String name : List.of("a", "b")) {
            create(RIG.api().admin(), loadBalancer(name, name + ".example.com"));
            setLoadBalancer(RIG.api().admin(), name, "192.0.2.60");
        }
        RIG.topic().await("a and b", t -> t.latest().containsKey(key("example.com", "c-away", "Service", "a"))
                && t.latest().containsKey(key("example.com", "c-away", "Service", "b")));
        int before = recordsOfCluster("c-away").size();

        RIG.api().shutdown();
        SourcesTopic.until("watches and relists failed repeatedly",
                () -> w.counterSum("streamdns.watcher.kube.errors") >= 6);
        // the outage is noticed; orphan checks (every second) skip a cache that may be stale, and write no marker
        SourcesTopic.until("outage noticed", () -> w.counter("streamdns.watcher.api.outages") >= 1);
        double checks = w.counter("streamdns.watcher.orphan.checks");
        Thread.sleep(3000);
        assertThat(w.counter("streamdns.watcher.orphan.checks")).isEqualTo(checks);
        assertThat(w.ready()).isFalse();
        assertThat(recordsOfCluster("c-away")).hasSize(before);
        assertThat(w.counter("streamdns.watcher.events.out", "type", "tombstone")).isZero();
        w.undeploy();
    }

    @Test
    void aStateRefusedAtRestoreKeepsItsKeyAndIsRepublishedNotTombstoned(Vertx vertx) {
        publishTwoAndStop(vertx, "c-bad");
        String a = key("example.com", "c-bad", "Service", "a");
        RIG.topic().expectUndecodable(a);
        try (var producer = new KafkaProducer<String, byte[]>(
                new HashMap<String, Object>(KafkaSettings.producer(
                        RIG.bootstrap(), "it-garbage")))) {
            producer.send(new ProducerRecord<>(Topics.SOURCES,
                    a, "not json".getBytes(StandardCharsets.UTF_8)));
        }
        int before = RIG.topic().recordsOf(a).size();

        Running w = RIG.deploy(vertx, "c-bad");
        SourcesTopic.until("ready", w::ready);
        // the undecodable record went to the DLQ; its key was kept (as unknown), so the object is published again
        RIG.topic().await("a republished", t -> t.recordsOf(a).size() == before + 1);
        assertThat(RIG.topic().recordsOf(a).get(before).isTombstone()).isFalse();
        assertThat(RIG.topic().latest().get(a).endpoints()).isNotEmpty();
        assertThat(w.counter("streamdns.watcher.dead.letters", "topic", Topics.SOURCES)).isEqualTo(1);
        assertThat(w.counter("streamdns.watcher.events.out", "type", "tombstone")).isZero();
        w.undeploy();
    }
}
