package io.streamdns.watcher;

import static io.streamdns.watcher.WatcherHarness.create;
import static io.streamdns.watcher.WatcherHarness.deploy;
import static io.streamdns.watcher.WatcherHarness.key;
import static io.streamdns.watcher.WatcherHarness.loadBalancer;
import static io.streamdns.watcher.WatcherHarness.setLoadBalancer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.watcher.WatcherHarness.Running;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What guards a watcher's deletes against a wrong view of its cluster: the cluster identity (another cluster under
 * the same name refuses to start), the delete budget (a mass tombstone is held until approved) and the relist
 * backstop (an API server replaced while running is noticed).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WatcherGuardIT {
    @RegisterExtension
    static final WatcherRig RIG = WatcherRig.brokerOnly();

    private final List<FlakyApiServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(FlakyApiServer::close);
    }

    private FlakyApiServer server() {
        FlakyApiServer s = new FlakyApiServer();
        servers.add(s);
        return s;
    }

    private static List<SourcesTopic.Rec> recordsOf(String cluster) {
        return RIG.topic().records().stream().filter(r -> r.key().contains("|" + cluster + "/")).toList();
    }

    /** Runs a watcher against the API server until n services are on the topic and its markers are out. */
    private static void publishAndStop(Vertx vertx, FlakyApiServer api, String cluster, int n, String... flags) {
        Running w = deploy(vertx, RIG.bootstrap(), api, cluster, flags);
        SourcesTopic.until("ready", w::ready);
        for (int i = 0; i < n; i++) {
            create(api.admin(), loadBalancer("s" + i, "s" + i + ".example.com"));
            setLoadBalancer(api.admin(), "s" + i, "192.0.2." + (100 + i));
        }
        RIG.topic().await(n + " services", t -> t.latest().keySet().stream().filter(k -> k.contains("|" + cluster + "/"))
                .count() == n);
        w.undeploy();
    }

    @Test
    void anotherClusterUnderTheSameNameRefusesToStartAndPublishesNothing(Vertx vertx) {
        FlakyApiServer first = server();
        publishAndStop(vertx, first, "c-id", 2);
        RIG.topic().await("a marker with the first cluster's identity", t -> t.markers("c-id", ControlKeys.DEFAULT_SCOPE)
                .stream().anyMatch(m -> first.identity().equals(m.marker().clusterIdentity())));
        int before = recordsOf("c-id").size();

        FlakyApiServer empty = server(); // a rebuilt cluster, or a wrong kubeconfig: empty, another identity
        assertThatThrownBy(() -> deploy(vertx, RIG.bootstrap(), empty, "c-id"))
                .hasMessageContaining(first.identity()).hasMessageContaining(empty.identity())
                .hasMessageContaining("--cluster-replaced");
        assertThat(recordsOf("c-id")).hasSize(before);

        // replaced on purpose: it starts, takes the name, and its (small) view is the truth
        Running replaced = deploy(vertx, RIG.bootstrap(), empty, "c-id", "cluster-replaced", "true");
        SourcesTopic.until("ready", replaced::ready);
        RIG.topic().await("the old cluster's objects tombstoned",
                t -> t.latest().keySet().stream().noneMatch(k -> k.contains("|c-id/")));
        RIG.topic().await("markers with the new identity", t -> t.markers("c-id", ControlKeys.DEFAULT_SCOPE).stream()
                .anyMatch(m -> empty.identity().equals(m.marker().clusterIdentity())));
        replaced.undeploy();
    }

    @Test
    void anIdentityReadableOnlyAfterAnOutageStillRefusesBeforeAnythingIsPublished(Vertx vertx) {
        FlakyApiServer first = server();
        publishAndStop(vertx, first, "c-late", 2);
        int before = recordsOf("c-late").size();

        FlakyApiServer other = server();
        other.outage(true);
        Running w = deploy(vertx, RIG.bootstrap(), other, "c-late");
        SourcesTopic.until("lists refused", () -> other.failedLists() >= 4);
        other.outage(false);
        SourcesTopic.until("refused once the API server answers", () -> w.stage().readiness().details()
                .getOrDefault(WatcherVerticle.READINESS_CHECK, "").contains("refused"));
        assertThat(w.stage().readiness().details().get(WatcherVerticle.READINESS_CHECK))
                .contains(first.identity()).contains(other.identity());
        assertThat(w.ready()).isFalse();
        assertThat(recordsOf("c-late")).hasSize(before);
        assertThat(RIG.topic().latest()).containsKey(key("example.com", "c-late", "Service", "s0"));
        w.undeploy();
    }

    /** Writes a watcher delete approval as {@code streamdns approve-deletes --cluster} does: partition 0. */
    private static void approve(String cluster) {
        long now = System.currentTimeMillis();
        try (var producer = new KafkaProducer<String, byte[]>(new HashMap<String, Object>(
                KafkaSettings.producer(RIG.bootstrap(), "it-approve")))) {
            producer.send(new ProducerRecord<>(Topics.SOURCES, 0, ControlKeys.clusterApproval(cluster),
                    JsonCodec.encode(new DeleteApproval(cluster, now, now + 900_000, "it", "the cluster was emptied"))));
        }
    }

    @Test
    void anEmptyApiServerWithUnreadableIdentityHasItsMassTombstoneHeldUntilApproved(Vertx vertx) {
        FlakyApiServer first = server();
        publishAndStop(vertx, first, "c-budget", 12);
        int before = recordsOf("c-budget").size();

        FlakyApiServer empty = server();
        empty.forbidIdentity();
        Running w = deploy(vertx, RIG.bootstrap(), empty, "c-budget");
        SourcesTopic.until("ready", w::ready);
        SourcesTopic.until("12 tombstones held", () -> w.stage().readiness().details()
                .getOrDefault(WatcherVerticle.READINESS_CHECK + "-deletes", "").contains("holding 12"));
        assertThat(w.stage().registry().get("streamdns.watcher.tombstones.held").gauge().value()).isEqualTo(12);
        // all twelve are example.com: one partition holds them, and its marker counts them as held
        RIG.topic().await("markers counting the held tombstones", t -> t.markers("c-budget", ControlKeys.DEFAULT_SCOPE)
                .stream().anyMatch(m -> m.marker().heldTombstones() == 12));
        assertThat(RIG.topic().markers("c-budget", ControlKeys.DEFAULT_SCOPE).stream()
                .filter(m -> m.marker().heldTombstones() == 12)).allSatisfy(m -> {
                    assertThat(m.marker().clusterIdentity()).isNull(); // unreadable
                    assertThat(m.marker().objects()).isEqualTo(12); // still published
                });
        assertThat(recordsOf("c-budget")).hasSize(before).noneMatch(SourcesTopic.Rec::isTombstone);

        approve("c-budget");
        RIG.topic().await("all 12 tombstoned once approved",
                t -> t.latest().keySet().stream().noneMatch(k -> k.contains("|c-budget/")));
        SourcesTopic.until("nothing held", () -> w.stage().registry().get("streamdns.watcher.tombstones.held")
                .gauge().value() == 0);
        assertThat(w.stage().readiness().details()).doesNotContainKey(WatcherVerticle.READINESS_CHECK + "-deletes");
        w.undeploy();
    }

    @Test
    void aFewDeletesWhileDownStayWithinTheBudget(Vertx vertx) {
        FlakyApiServer api = server();
        publishAndStop(vertx, api, "c-few", 12);
        api.admin().services().inNamespace(WatcherHarness.NS).withName("s3").delete();
        Running w = deploy(vertx, RIG.bootstrap(), api, "c-few");
        String s3 = key("example.com", "c-few", "Service", "s3");
        RIG.topic().await("s3 tombstoned at once", t -> !t.latest().containsKey(s3));
        assertThat(w.stage().registry().get("streamdns.watcher.tombstones.held").gauge().value()).isZero();
        w.undeploy();
    }

    private static double gauge(Running w, String name) {
        return w.stage().registry().get(name).gauge().value();
    }

    @Test
    void anApiOutageIsVisibleWhileItLasts(Vertx vertx) {
        FlakyApiServer api = server();
        Running w = deploy(vertx, RIG.bootstrap(), api, "c-down");
        SourcesTopic.until("ready", w::ready);
        assertThat(gauge(w, "streamdns.watcher.api.reachable")).isEqualTo(1);

        api.outage(true);
        SourcesTopic.until("outage noticed", () -> gauge(w, "streamdns.watcher.api.reachable") == 0);
        assertThat(w.ready()).isFalse();
        assertThat(w.stage().readiness().details().get(ApiHealth.DETAIL)).contains("unreachable since");
        assertThat(w.counter("streamdns.watcher.api.outages")).isEqualTo(1);

        api.outage(false);
        SourcesTopic.until("outage over", () -> gauge(w, "streamdns.watcher.api.reachable") == 1 && w.ready());
        assertThat(w.stage().readiness().details()).doesNotContainKey(ApiHealth.DETAIL);
        assertThat(w.counter("streamdns.watcher.api.outages")).isEqualTo(1);
        w.undeploy();
    }

    @Test
    void anApiServerReplacedByAnEmptyOneWhileRunningIsNoticedOnRelistAndTheMassTombstoneHeld(Vertx vertx) {
        FlakyApiServer api = server();
        Running w = deploy(vertx, RIG.bootstrap(), api, "c-swap", "relist-interval", "2s");
        SourcesTopic.until("ready", w::ready);
        for (int i = 0; i < 12; i++) {
            create(api.admin(), loadBalancer("s" + i, "s" + i + ".example.com"));
            setLoadBalancer(api.admin(), "s" + i, "192.0.2." + (100 + i));
        }
        RIG.topic().await("12 services", t -> t.latest().keySet().stream().filter(k -> k.contains("|c-swap/")).count() == 12);
        int before = recordsOf("c-swap").size();

        api.wipe(); // the watch stays open and silent: only the relist can tell
        SourcesTopic.until("the relist found all 12 gone and held them", () -> w.stage().readiness().details()
                .getOrDefault(WatcherVerticle.READINESS_CHECK + "-deletes", "").contains("holding 12"));
        assertThat(w.counter("streamdns.watcher.relists")).isPositive();
        assertThat(recordsOf("c-swap")).hasSize(before).noneMatch(SourcesTopic.Rec::isTombstone);

        // the same names come back at new addresses, as new objects (new uids; resourceVersions numbered anew)
        for (int i = 0; i < 12; i++) {
            create(api.admin(), loadBalancer("s" + i, "s" + i + ".example.com"));
            setLoadBalancer(api.admin(), "s" + i, "198.51.100." + (100 + i));
        }
        RIG.topic().await("every name at its new address", t -> IntStream.range(0, 12).allMatch(i -> {
            var state = t.latest().get(key("example.com", "c-swap", "Service", "s" + i));
            return state != null && state.endpoints().get(0).targets().contains("198.51.100." + (100 + i));
        }));
        // (a service created without its address yet publishes nothing for a moment: those are not the mass delete)
        SourcesTopic.until("nothing held any more", () -> gauge(w, "streamdns.watcher.tombstones.held") == 0);
        w.undeploy();
    }

    @Test
    void anotherClusterBehindTheSameAddressWhileRunningStopsTheWatcherOnRelist(Vertx vertx) {
        FlakyApiServer api = server();
        Running w = deploy(vertx, RIG.bootstrap(), api, "c-moved", "relist-interval", "1s");
        SourcesTopic.until("ready", w::ready);
        create(api.admin(), loadBalancer("s0", "s0.example.com"));
        setLoadBalancer(api.admin(), "s0", "192.0.2.120");
        String s0 = key("example.com", "c-moved", "Service", "s0");
        RIG.topic().await("s0", t -> t.latest().containsKey(s0));
        SourcesTopic.until("a relist ran", () -> w.counter("streamdns.watcher.relists") >= 1);
        int before = recordsOf("c-moved").size();

        api.replaceByAnotherCluster("uid-of-another-cluster"); // one object: under any budget's minimum
        SourcesTopic.until("refused on the next relist", () -> w.stage().readiness().details()
                .getOrDefault(WatcherVerticle.READINESS_CHECK, "").contains("uid-of-another-cluster"));
        assertThat(w.ready()).isFalse();
        assertThat(recordsOf("c-moved")).hasSize(before);
        assertThat(RIG.topic().latest()).containsKey(s0);
        w.undeploy();
    }

    @Test
    void objectsAFilterChangeHidesAtOnceAreHeldByTheBudgetToo(Vertx vertx) {
        FlakyApiServer api = server();
        Running first = deploy(vertx, RIG.bootstrap(), api, "c-filter", "annotation-filter", "team=a");
        SourcesTopic.until("ready", first::ready);
        for (int i = 0; i < 12; i++) {
            var svc = loadBalancer("s" + i, "s" + i + ".example.com");
            svc.getMetadata().getAnnotations().put("team", "a");
            create(api.admin(), svc);
            setLoadBalancer(api.admin(), "s" + i, "192.0.2." + (100 + i));
        }
        RIG.topic().await("12 services", t -> t.latest().keySet().stream().filter(k -> k.contains("|c-filter/")).count() == 12);
        first.undeploy();
        int before = recordsOf("c-filter").size();

        // a wrong filter, accepted on purpose: every object maps to nothing at once
        Running w = deploy(vertx, RIG.bootstrap(), api, "c-filter", "annotation-filter", "team=b",
                "scope-changed", "true", "resync-period", "1s");
        SourcesTopic.until("ready", w::ready);
        SourcesTopic.until("12 tombstones held", () -> gauge(w, "streamdns.watcher.tombstones.held") == 12);
        SourcesTopic.until("informer resyncs and orphan checks ran", () -> w.counter("streamdns.watcher.orphan.checks") >= 3);
        assertThat(recordsOf("c-filter")).hasSize(before).noneMatch(SourcesTopic.Rec::isTombstone);

        approve("c-filter");
        RIG.topic().await("all 12 tombstoned once approved",
                t -> t.latest().keySet().stream().noneMatch(k -> k.contains("|c-filter/")));
        w.undeploy();
    }

    /**
     * More objects than one chunk of the start-up pass: the informer's add events of its initial list run between
     * the pass's chunks and reach some objects first. Those are mapped as the pass maps them, so every object a
     * wrong filter empties waits for the budget, not only those the pass reached first.
     */
    @Test
    void objectsEmptiedAtStartAreHeldWhetherThePassOrTheirAddEventReachesThemFirst(Vertx vertx) {
        int n = 3 * WatcherVerticle.PASS_CHUNK;
        FlakyApiServer api = server();
        Running first = deploy(vertx, RIG.bootstrap(), api, "c-race", "annotation-filter", "team=a");
        SourcesTopic.until("ready", first::ready);
        for (int i = 0; i < n; i++) {
            var svc = loadBalancer("r" + i, "r" + i + ".example.com");
            svc.getMetadata().getAnnotations().put("team", "a");
            create(api.admin(), svc);
            setLoadBalancer(api.admin(), "r" + i, "198.51.100." + (i % 250 + 1));
        }
        RIG.topic().await(n + " services", t -> t.latest().keySet().stream().filter(k -> k.contains("|c-race/"))
                .count() == n);
        first.undeploy();
        int before = recordsOf("c-race").size();

        Running w = deploy(vertx, RIG.bootstrap(), api, "c-race", "annotation-filter", "team=b", "scope-changed", "true");
        SourcesTopic.until("ready", w::ready);
        SourcesTopic.until(n + " tombstones held", () -> gauge(w, "streamdns.watcher.tombstones.held") == n);
        assertThat(recordsOf("c-race")).hasSize(before).noneMatch(SourcesTopic.Rec::isTombstone);
        w.undeploy();
    }
}
