package io.streamdns.watcher;

import static io.streamdns.watcher.WatcherHarness.NS;
import static io.streamdns.watcher.WatcherHarness.create;
import static io.streamdns.watcher.WatcherHarness.deploy;
import static io.streamdns.watcher.WatcherHarness.key;
import static io.streamdns.watcher.WatcherHarness.loadBalancer;
import static io.streamdns.watcher.WatcherHarness.setLoadBalancer;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.watcher.WatcherHarness.Running;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * Restarts: deletions that happened while the watcher was down are tombstoned after it syncs, and an API server
 * that fails every list makes the watcher publish nothing at all (no mass delete) until a list succeeds.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class WatcherRestartIT {
    private static EmbeddedKafka kafka;
    private static SourcesTopic topic;
    private FlakyApiServer api;

    @BeforeAll
    static void broker() {
        kafka = EmbeddedKafka.startTemporary(3);
        topic = new SourcesTopic(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        topic.close();
        kafka.close();
    }

    @BeforeEach
    void apiServer() {
        api = new FlakyApiServer();
    }

    @AfterEach
    void closeApi() {
        api.close();
    }

    /** Runs a watcher until services a and b are on the topic, then stops it. */
    private void publishTwoAndStop(Vertx vertx, String cluster) {
        Running w = deploy(vertx, kafka.bootstrapServers(), api, cluster);
        SourcesTopic.until("ready", w::ready);
        for (String name : List.of("a", "b")) {
            create(api.admin(), loadBalancer(name, name + ".example.com"));
            setLoadBalancer(api.admin(), name, "192.0.2.50");
        }
        topic.await("a and b", t -> t.latest().containsKey(key("example.com", cluster, "Service", "a"))
                && t.latest().containsKey(key("example.com", cluster, "Service", "b")));
        w.undeploy();
    }

    private List<SourcesTopic.Rec> recordsOfCluster(String cluster) {
        return topic.records().stream().filter(r -> r.key().contains("|" + cluster + "/")).toList();
    }

    @Test
    void objectDeletedWhileDownIsTombstonedAfterRestart(Vertx vertx) {
        publishTwoAndStop(vertx, "c-restart");
        api.admin().services().inNamespace(NS).withName("a").delete();
        create(api.admin(), loadBalancer("c", "c.example.com"));
        setLoadBalancer(api.admin(), "c", "192.0.2.51");

        Running w = deploy(vertx, kafka.bootstrapServers(), api, "c-restart");
        String a = key("example.com", "c-restart", "Service", "a");
        String b = key("example.com", "c-restart", "Service", "b");
        String c = key("example.com", "c-restart", "Service", "c");
        topic.await("a tombstoned, c published", t -> !t.latest().containsKey(a) && t.latest().containsKey(c));
        SourcesTopic.until("ready", w::ready);
        // b was restored with its content hash: the full pass at sync (before the tombstone of a, in the same
        // partition) did not publish it again
        assertThat(topic.recordsOf(b)).hasSize(1);
        assertThat(topic.latest()).containsKey(b);
        w.undeploy();
    }

    @Test
    void apiOutagePublishesNoTombstonesUntilAListSucceeds(Vertx vertx) {
        publishTwoAndStop(vertx, "c-outage");
        api.admin().services().inNamespace(NS).withName("a").delete();
        int before = recordsOfCluster("c-outage").size();

        api.outage(true);
        Running w = deploy(vertx, kafka.bootstrapServers(), api, "c-outage");
        // four informers (services, ingresses, endpoint slices, nodes), each refused at least three times
        SourcesTopic.until("the watcher's lists failed repeatedly", () -> api.failedLists() >= 12);
        assertThat(w.ready()).isFalse();
        assertThat(recordsOfCluster("c-outage")).hasSize(before);
        assertThat(w.counter("streamdns.watcher.events.out", "type", "tombstone")).isZero();

        api.outage(false);
        String a = key("example.com", "c-outage", "Service", "a");
        String b = key("example.com", "c-outage", "Service", "b");
        topic.await("a tombstoned once the API answers", t -> !t.latest().containsKey(a));
        SourcesTopic.until("ready", w::ready);
        assertThat(topic.latest()).containsKey(b);
        assertThat(topic.recordsOf(b)).hasSize(1);
        w.undeploy();
    }

    @Test
    void apiServerGoingAwayWhileRunningPublishesNothing(Vertx vertx) throws InterruptedException {
        // a 1 s resync: informer resyncs and the orphan check keep running against the (stale, intact) cache
        Running w = deploy(vertx, kafka.bootstrapServers(), api, "c-away", "resync-period", "1s");
        SourcesTopic.until("ready", w::ready);
        for (String name : List.of("a", "b")) {
            create(api.admin(), loadBalancer(name, name + ".example.com"));
            setLoadBalancer(api.admin(), name, "192.0.2.60");
        }
        topic.await("a and b", t -> t.latest().containsKey(key("example.com", "c-away", "Service", "a"))
                && t.latest().containsKey(key("example.com", "c-away", "Service", "b")));
        int before = recordsOfCluster("c-away").size();

        api.shutdown();
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
        topic.expectUndecodable(a);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                new java.util.HashMap<String, Object>(io.streamdns.runtime.kafka.KafkaSettings.producer(
                        kafka.bootstrapServers(), "it-garbage")))) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(io.streamdns.model.Topics.SOURCES,
                    a, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        int before = topic.recordsOf(a).size();

        Running w = deploy(vertx, kafka.bootstrapServers(), api, "c-bad");
        SourcesTopic.until("ready", w::ready);
        // the undecodable record went to the DLQ; its key was kept (as unknown), so the object is published again
        topic.await("a republished", t -> t.recordsOf(a).size() == before + 1);
        assertThat(topic.recordsOf(a).get(before).isTombstone()).isFalse();
        assertThat(topic.latest().get(a).endpoints()).isNotEmpty();
        assertThat(w.counter("streamdns.watcher.dead.letters", "topic", io.streamdns.model.Topics.SOURCES)).isEqualTo(1);
        assertThat(w.counter("streamdns.watcher.events.out", "type", "tombstone")).isZero();
        w.undeploy();
    }
}
