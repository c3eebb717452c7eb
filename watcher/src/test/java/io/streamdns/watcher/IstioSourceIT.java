package io.streamdns.watcher;

import static io.streamdns.watcher.WatcherHarness.NS;
import static io.streamdns.watcher.WatcherHarness.key;
import static io.streamdns.watcher.WatcherHarness.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamdns.model.Labels;
import io.streamdns.watcher.WatcherHarness.Running;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --source=istio-gateway,istio-virtualservice} against the mock API server in CRUD mode with stand-in Istio
 * CRDs: a VirtualService bound to a Gateway gets its record once the ingress Service the Gateway selects has a
 * load-balancer address (a Service change re-maps the Gateway and its VirtualServices), and follows the address.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IstioSourceIT {
    static void loadIstioCrds(FlakyApiServer api) {
        try (InputStream in = IstioSourceIT.class.getClassLoader()
                .getResourceAsStream("crds/istio-networking-emulator.yaml")) {
            api.admin().load(in).items().forEach(crd -> api.admin().resource(crd).create());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final WatcherRig RIG = WatcherRig.rig().preparing(IstioSourceIT::loadIstioCrds);

    @Test
    void virtualServiceGetsItsRecordFromTheGatewaysIngressService(Vertx vertx) {
        Running w = RIG.deploy(vertx, "c-istio", "source", "istio-gateway,istio-virtualservice");
        SourcesTopic.until("watcher ready", w::ready);
        KubernetesClient k8s = RIG.api().admin();
        k8s.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("ingressgateway")
                .withNamespace(NS).endMetadata().withNewSpec().withType("LoadBalancer")
                .withSelector(Map.of("istio", "ingressgateway")).addNewPort().withName("http").withPort(80).endPort()
                .endSpec().build()).create();
        k8s.genericKubernetesResources(Istio.GATEWAY).inNamespace(NS).resource(resource("Gateway", "public",
                Map.of("selector", Map.of("istio", "ingressgateway"), "servers", List.of(Map.of(
                        "port", Map.of("number", 80, "name", "http", "protocol", "HTTP"),
                        "hosts", List.of("*/*.example.com"))))))
                .create();
        k8s.genericKubernetesResources(Istio.VIRTUAL_SERVICE).inNamespace(NS).resource(resource("VirtualService", "app",
                Map.of("hosts", List.of("app.example.com", "app.example.org"), "gateways", List.of("mesh", NS + "/public"))))
                .create();

        String vsKey = key("example.com", "c-istio", "VirtualService", "app");
        String gwKey = key("example.com", "c-istio", "IstioGateway", "public");
        setLoadBalancer(k8s, "lb-1.example.net");
        RIG.topic().await("the VirtualService's record", t -> t.latest().containsKey(vsKey)
                && t.latest().containsKey(gwKey));
        assertThat(names(RIG.topic().latest().get(vsKey).endpoints()))
                .containsExactly("app.example.com CNAME [lb-1.example.net]");
        assertThat(RIG.topic().latest().get(vsKey).endpoints().get(0).labels())
                .containsEntry(Labels.RESOURCE, "virtualservice/default/app");
        assertThat(names(RIG.topic().latest().get(gwKey).endpoints()))
                .containsExactly("*.example.com CNAME [lb-1.example.net]");
        assertThat(RIG.topic().latest()).as("app.example.org has no server host on the Gateway")
                .doesNotContainKey(key("example.org", "c-istio", "VirtualService", "app"));

        // the ingress Service moves: the Gateway and the VirtualService follow
        setLoadBalancer(k8s, "lb-2.example.net");
        RIG.topic().await("moved with the Service", t -> t.latest().containsKey(vsKey)
                && names(t.latest().get(vsKey).endpoints()).equals(List.of("app.example.com CNAME [lb-2.example.net]")));
        w.undeploy();
    }

    private static void setLoadBalancer(KubernetesClient k8s, String hostname) {
        Service svc = k8s.services().inNamespace(NS).withName("ingressgateway").get();
        svc.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(new LoadBalancerIngressBuilder().withHostname(hostname).build()).endLoadBalancer().build());
        k8s.services().inNamespace(NS).resource(svc).updateStatus();
    }

    private static GenericKubernetesResource resource(String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("networking.istio.io/v1");
        r.setKind(kind);
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setAdditionalProperty("spec", spec);
        return r;
    }
}
