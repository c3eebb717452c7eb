package io.streamdns.watcher;

import static io.streamdns.watcher.WatcherHarness.NS;
import static io.streamdns.watcher.WatcherHarness.annotate;
import static io.streamdns.watcher.WatcherHarness.create;
import static io.streamdns.watcher.WatcherHarness.deploy;
import static io.streamdns.watcher.WatcherHarness.key;
import static io.streamdns.watcher.WatcherHarness.loadBalancer;
import static io.streamdns.watcher.WatcherHarness.names;
import static io.streamdns.watcher.WatcherHarness.setLoadBalancer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.streamdns.model.Labels;
import io.streamdns.model.Rejection;
import io.streamdns.model.SourceState;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.watcher.WatcherHarness.Running;
import io.streamdns.watcher.core.Annotations;
import io.streamdns.watcher.core.ServiceMapper;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A running watcher against the mock API server (CRUD mode) and a real broker: what lands on the sources RIG.topic(). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class WatcherIT {
    @RegisterExtension
    static final WatcherRig RIG = WatcherRig.rig();


    @Test
    void loadBalancerAddressFromUpdateStatusIsPublishedOnce(Vertx vertx) {
        Running w = RIG.start(vertx, "c-lb");
        create(RIG.api().admin(), loadBalancer("web", "www.example.com"));
        String key = key("example.com", "c-lb", "Service", "web");

        setLoadBalancer(RIG.api().admin(), "web", "192.0.2.10");
        RIG.topic().await("state of web", t -> t.latest().containsKey(key));
        SourceState state = RIG.topic().latest().get(key);
        assertThat(names(state.endpoints())).containsExactly("www.example.com A [192.0.2.10]");
        assertThat(state.endpoints().get(0).labels()).containsEntry(Labels.RESOURCE, "service/default/web")
                .containsEntry(Labels.CLUSTER, "c-lb");
        assertThat(state.uid()).isNotBlank();
        assertThat(state.resourceVersion()).isNotBlank();

        // a change that does not touch the endpoints publishes nothing; a marker in the same shard (same partition,
        // sent after it) shows the watcher has handled it
        RIG.api().admin().services().inNamespace(NS).withName("web").edit(s -> {
            s.getMetadata().setLabels(Map.of("tier", "frontend"));
            return s;
        });
        create(RIG.api().admin(), loadBalancer("marker", "marker.example.com"));
        setLoadBalancer(RIG.api().admin(), "marker", "192.0.2.99");
        RIG.topic().await("marker", t -> t.latest().containsKey(key("example.com", "c-lb", "Service", "marker")));
        assertThat(RIG.topic().recordsOf(key)).hasSize(1);
        assertThat(w.counter("streamdns.watcher.events.out", "type", "state")).isEqualTo(2);
        w.undeploy();
    }

    @Test
    void annotationChangeRepublishes(Vertx vertx) {
        Running w = RIG.start(vertx, "c-ann");
        create(RIG.api().admin(), loadBalancer("api", "api.example.com"));
        setLoadBalancer(RIG.api().admin(), "api", "192.0.2.20");
        String key = key("example.com", "c-ann", "Service", "api");
        RIG.topic().await("first state", t -> t.latest().containsKey(key));

        annotate(RIG.api().admin(), "api", "ttl", "1m");
        annotate(RIG.api().admin(), "api", "hostname", "api.example.com,api2.example.com");
        RIG.topic().await("state with two names and ttl", t -> t.latest().get(key).endpoints().size() == 2);
        assertThat(names(RIG.topic().latest().get(key).endpoints()))
                .containsExactly("api.example.com A [192.0.2.20] ttl=60", "api2.example.com A [192.0.2.20] ttl=60");
        w.undeploy();
    }

    @Test
    void hostnameMovingToAnotherDomainTombstonesTheOldShard(Vertx vertx) {
        Running w = RIG.start(vertx, "c-move");
        create(RIG.api().admin(), loadBalancer("shop", "shop.example.com"));
        setLoadBalancer(RIG.api().admin(), "shop", "192.0.2.30");
        String oldKey = key("example.com", "c-move", "Service", "shop");
        String newKey = key("example.org", "c-move", "Service", "shop");
        RIG.topic().await("state in example.com", t -> t.latest().containsKey(oldKey));

        annotate(RIG.api().admin(), "shop", "hostname", "shop.example.org");
        RIG.topic().await("moved to example.org", t -> t.latest().containsKey(newKey) && !t.latest().containsKey(oldKey));
        assertThat(RIG.topic().recordsOf(oldKey).get(RIG.topic().recordsOf(oldKey).size() - 1).isTombstone()).isTrue();
        assertThat(names(RIG.topic().latest().get(newKey).endpoints())).containsExactly("shop.example.org A [192.0.2.30]");
        w.undeploy();
    }

    /** The source seam's dependency path: a slice change re-maps the headless Service that owns it. */
    @Test
    void headlessServiceFollowsItsEndpointSlice(Vertx vertx) {
        Running w = RIG.start(vertx, "c-slice", "source", "service");
        create(RIG.api().admin(), new ServiceBuilder().withNewMetadata().withName("db")
                .withNamespace(NS).addToAnnotations(Annotations.PREFIX + "hostname",
                        "db.example.com").endMetadata().withNewSpec().withClusterIP("None").endSpec().build());
        RIG.api().admin().discovery().v1().endpointSlices().inNamespace(NS).resource(slice("10.0.0.1")).create();
        String key = key("example.com", "c-slice", "Service", "db");
        RIG.topic().await("headless state", t -> t.latest().containsKey(key));
        assertThat(names(RIG.topic().latest().get(key).endpoints())).containsExactly("db.example.com A [10.0.0.1]");

        RIG.api().admin().discovery().v1().endpointSlices().inNamespace(NS).resource(slice("10.0.0.2")).update();
        RIG.topic().await("moved with the slice", t -> t.latest().containsKey(key)
                && names(t.latest().get(key).endpoints()).contains("db.example.com A [10.0.0.2]"));
        assertThat(w.counter("streamdns.watcher.events.in", "kind", "EndpointSlice", "action", "update"))
                .isGreaterThanOrEqualTo(1);
        w.undeploy();
    }

    private static EndpointSlice slice(String ip) {
        return new EndpointSliceBuilder().withNewMetadata()
                .withName("db-abc").withNamespace(NS)
                .addToLabels(ServiceMapper.SERVICE_NAME_LABEL, "db").endMetadata()
                .withAddressType("IPv4").addNewEndpoint().withAddresses(ip).endEndpoint().build();
    }

    /** A cluster-scoped source: node names with their external address; cordoned → tombstoned. */
    @Test
    void nodeSourcePublishesNodesAndDropsUnschedulableOnes(Vertx vertx) {
        Running w = RIG.start(vertx, "c-node", "source", "node");
        RIG.api().admin().nodes().resource(new NodeBuilder().withNewMetadata()
                .withName("n1.example.com").endMetadata().withNewStatus().addNewAddress().withType("ExternalIP")
                .withAddress("192.0.2.50").endAddress().endStatus().build()).create();
        String key = RecordKey.of("example.com", "c-node/Node//n1.example.com");
        RIG.topic().await("node state", t -> t.latest().containsKey(key));
        assertThat(names(RIG.topic().latest().get(key).endpoints())).containsExactly("n1.example.com A [192.0.2.50]");
        assertThat(RIG.topic().latest().get(key).endpoints().get(0).labels()).containsEntry(Labels.RESOURCE,
                "node/n1.example.com");

        RIG.api().admin().nodes().withName("n1.example.com").edit(n -> new NodeBuilder(n)
                .editOrNewSpec().withUnschedulable(true).endSpec().build());
        RIG.topic().await("cordoned → tombstone", t -> !t.latest().containsKey(key));
        w.undeploy();
    }

    @Test
    void deleteTombstones(Vertx vertx) {
        Running w = RIG.start(vertx, "c-del");
        create(RIG.api().admin(), loadBalancer("gone", "gone.example.com"));
        setLoadBalancer(RIG.api().admin(), "gone", "192.0.2.40");
        String key = key("example.com", "c-del", "Service", "gone");
        RIG.topic().await("state", t -> t.latest().containsKey(key));

        RIG.api().admin().services().inNamespace(NS).withName("gone").delete();
        RIG.topic().await("tombstone", t -> !t.latest().containsKey(key));
        assertThat(RIG.topic().recordsOf(key)).extracting(SourcesTopic.Rec::isTombstone).containsExactly(false, true);
        w.undeploy();
    }

    @Test
    void ingressIsPublishedAndBadHostsAreReportedWithAnEvent(Vertx vertx) {
        Running w = RIG.start(vertx, "c-ing", "source", "ingress", "emit-events", "true");
        RIG.api().admin().network().v1().ingresses().inNamespace(NS).resource(new IngressBuilder().withNewMetadata()
                .withName("shop").withNamespace(NS).endMetadata().withNewSpec()
                .addNewRule().withHost("shop.example.net").endRule().addNewRule().withHost("bad..example.net").endRule()
                .endSpec().build()).create();
        var ing = RIG.api().admin().network().v1().ingresses().inNamespace(NS).withName("shop").get();
        ing.setStatus(new IngressStatusBuilder().withNewLoadBalancer().withIngress(new IngressLoadBalancerIngressBuilder()
                .withHostname("k8s-shop.elb.eu-west-1.amazonaws.com").build()).endLoadBalancer().build());
        RIG.api().admin().network().v1().ingresses().inNamespace(NS).resource(ing).updateStatus();

        String key = key("example.net", "c-ing", "Ingress", "shop");
        RIG.topic().await("ingress state", t -> t.latest().containsKey(key));
        assertThat(names(RIG.topic().latest().get(key).endpoints()))
                .containsExactly("shop.example.net CNAME [k8s-shop.elb.eu-west-1.amazonaws.com]");
        assertThat(RIG.topic().latest().get(key).rejected()).extracting(Rejection::dnsName)
                .containsExactly("bad..example.net");
        SourcesTopic.until("Warning event", () -> RIG.api().admin().v1().events().inNamespace(NS).list().getItems().stream()
                .anyMatch(e -> e.getReason().equals(InvalidEndpointReporter.EVENT_REASON)
                        && e.getInvolvedObject().getName().equals("shop") && e.getMessage().contains("bad..example.net")));
        assertThat(w.counter("streamdns.watcher.invalid.endpoints", "reason", "invalid-name")).isGreaterThanOrEqualTo(1);
        w.undeploy();
    }

    @Test
    void twoClustersPublishDistinctKeysForTheSameObject(Vertx vertx) {
        try (FlakyApiServer other = new FlakyApiServer()) {
            Running a = RIG.start(vertx, "cluster-a");
            Running b = deploy(vertx, RIG.bootstrap(), other, "cluster-b");
            SourcesTopic.until("cluster-b ready", b::ready);
            for (FlakyApiServer s : List.of(RIG.api(), other)) {
                create(s.admin(), loadBalancer("web", "www.example.io"));
            }
            setLoadBalancer(RIG.api().admin(), "web", "192.0.2.1");
            setLoadBalancer(other.admin(), "web", "198.51.100.1");
            String keyA = key("example.io", "cluster-a", "Service", "web");
            String keyB = key("example.io", "cluster-b", "Service", "web");
            RIG.topic().await("both clusters", t -> t.latest().containsKey(keyA) && t.latest().containsKey(keyB));
            assertThat(names(RIG.topic().latest().get(keyA).endpoints())).containsExactly("www.example.io A [192.0.2.1]");
            assertThat(names(RIG.topic().latest().get(keyB).endpoints())).containsExactly("www.example.io A [198.51.100.1]");

            RIG.api().admin().services().inNamespace(NS).withName("web").delete();
            RIG.topic().await("cluster-a tombstoned", t -> !t.latest().containsKey(keyA));
            assertThat(RIG.topic().latest()).containsKey(keyB);
            assertThat(RIG.topic().recordsOf(keyB)).hasSize(1);
            a.undeploy();
            b.undeploy();
        }
    }
}
