package io.streamdns.watcher;

import static io.streamdns.watcher.WatcherHarness.NS;
import static io.streamdns.watcher.WatcherHarness.deploy;
import static io.streamdns.watcher.WatcherHarness.key;
import static io.streamdns.watcher.WatcherHarness.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamdns.model.Labels;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.watcher.WatcherHarness.Running;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --source=gateway-httproute} against the mock API server in CRUD mode with the Gateway API CRDs loaded; the
 * test plays the Gateway controller (addresses, Accepted): an attached route gets its record, the Gateway's
 * address change moves it, detaching the route removes it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GatewaySourceIT {
    static void loadGatewayCrds(FlakyApiServer api) {
        try (InputStream in = GatewaySourceIT.class.getClassLoader().getResourceAsStream("crds/gateway-api-emulator.yaml")) {
            api.admin().load(in).items().forEach(crd -> api.admin().resource(crd).create());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final WatcherRig RIG = WatcherRig.rig().preparing(GatewaySourceIT::loadGatewayCrds);


    static void setAddress(KubernetesClient k8s, String gateway, String address) {
        KubernetesEmulator.setGatewayAddresses(k8s, NS, gateway, address);
    }

    static void setAccepted(KubernetesClient k8s, String route, String... gateways) {
        KubernetesEmulator.acceptHttpRoute(k8s, NS, route, gateways);
    }

    @Test
    void routeAttachedToAGatewayGetsItsRecordFollowsTheAddressAndLeavesWhenDetached(Vertx vertx) {
        Running w = RIG.deploy(vertx, "c-gw", "source", "gateway-httproute");
        SourcesTopic.until("watcher ready", w::ready);
        KubernetesClient k8s = RIG.api().admin();
        k8s.resources(Gateway.class).inNamespace(NS).resource(new GatewayBuilder().withNewMetadata().withName("public")
                .withNamespace(NS).endMetadata().withNewSpec().withGatewayClassName("example").addNewListener()
                .withName("http").withProtocol("HTTP").withPort(80).withHostname("*.example.com").endListener()
                .endSpec().build()).create();
        setAddress(k8s, "public", "192.0.2.1");
        k8s.resources(HTTPRoute.class).inNamespace(NS).resource(new HTTPRouteBuilder().withNewMetadata().withName("web")
                .withNamespace(NS).endMetadata().withNewSpec().withHostnames("web.example.com", "web.example.org")
                .addNewParentRef().withName("public").endParentRef().endSpec().build()).create();
        setAccepted(k8s, "web", "public");

        String key = key("example.com", "c-gw", "HTTPRoute", "web");
        RIG.topic().await("route's record", t -> t.latest().containsKey(key));
        assertThat(names(RIG.topic().latest().get(key).endpoints())).containsExactly("web.example.com A [192.0.2.1]");
        assertThat(RIG.topic().latest().get(key).endpoints().get(0).labels())
                .containsEntry(Labels.RESOURCE, "httproute/default/web");
        assertThat(RIG.topic().latest()).as("web.example.org is outside the listener's *.example.com")
                .doesNotContainKey(key("example.org", "c-gw", "HTTPRoute", "web"));

        // the Gateway's address changes: the route is mapped again (a Gateway change re-maps its routes)
        setAddress(k8s, "public", "192.0.2.2");
        RIG.topic().await("moved with the Gateway", t -> t.latest().containsKey(key)
                && names(t.latest().get(key).endpoints()).equals(List.of("web.example.com A [192.0.2.2]")));
        assertThat(w.counter("streamdns.watcher.events.in", "kind", "Gateway", "action", "update"))
                .isGreaterThanOrEqualTo(2);

        // detached: the route no longer names the Gateway, and the controller drops it from the status
        k8s.resources(HTTPRoute.class).inNamespace(NS).withName("web").edit(r -> new HTTPRouteBuilder(r).editSpec()
                .withParentRefs(List.of()).endSpec().build());
        setAccepted(k8s, "web");
        RIG.topic().await("tombstone", t -> !t.latest().containsKey(key));
        assertThat(k8s.resources(HTTPRoute.class).inNamespace(NS).withName("web").get()).isNotNull();
        w.undeploy();
    }
}
