package io.streamdns.watcher;

import static io.streamdns.watcher.WatcherHarness.NS;
import static io.streamdns.watcher.WatcherHarness.deploy;
import static io.streamdns.watcher.WatcherHarness.key;
import static io.streamdns.watcher.WatcherHarness.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.streamdns.model.Labels;
import io.streamdns.model.SourceState;
import io.streamdns.watcher.WatcherHarness.Running;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --source=crd} against the mock API server in CRUD mode with the shipped DNSEndpoint CRD loaded: records
 * on the sources topic, {@code status.observedGeneration} written back, a spec change republished, delete.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrdSourceIT {
    static final Path CRD = Path.of("..", "deploy", "crds", "dnsendpoints.externaldns.k8s.io.yaml");
    static final ResourceDefinitionContext DNS_ENDPOINTS = new ResourceDefinitionContext.Builder()
            .withGroup("externaldns.k8s.io").withVersion("v1alpha1").withKind("DNSEndpoint")
            .withPlural("dnsendpoints").withNamespaced(true).build();
    @RegisterExtension
    static final WatcherRig RIG = WatcherRig.rig()
            .preparing(api -> api.admin().apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create());


    static GenericKubernetesResource dnsEndpoint(String name, List<Map<String, Object>> endpoints) {
        return new GenericKubernetesResourceBuilder().withApiVersion("externaldns.k8s.io/v1alpha1")
                .withKind("DNSEndpoint").withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("endpoints", endpoints)).build();
    }

    static Map<String, Object> entry(String name, String type, long ttl, String... targets) {
        return Map.of("dnsName", name, "recordType", type, "recordTTL", ttl, "targets", List.of(targets));
    }

    private Long observedGeneration(String name) {
        GenericKubernetesResource r = RIG.api().admin().genericKubernetesResources(DNS_ENDPOINTS).inNamespace(NS)
                .withName(name).get();
        Object status = r.getAdditionalProperties().get("status");
        Object observed = status instanceof Map<?, ?> m ? m.get("observedGeneration") : null;
        return observed instanceof Number n ? n.longValue() : null;
    }

    private Long generation(String name) {
        return RIG.api().admin().genericKubernetesResources(DNS_ENDPOINTS).inNamespace(NS).withName(name).get()
                .getMetadata().getGeneration();
    }

    @Test
    void dnsEndpointRecordsAppearAndItsObservedGenerationIsSet(Vertx vertx) {
        Running w = RIG.deploy(vertx, "c-crd", "source", "crd");
        SourcesTopic.until("watcher ready", w::ready);
        var weighted = new HashMap<>(entry("www.example.com", "A", 60, "192.0.2.1"));
        weighted.put("setIdentifier", "eu");
        weighted.put("providerSpecific", List.of(Map.of("name", "aws/weight", "value", "10")));
        RIG.api().admin().genericKubernetesResources(DNS_ENDPOINTS).inNamespace(NS).resource(dnsEndpoint("records",
                List.of(weighted, entry("api.example.com", "CNAME", 0, "lb.example.net"),
                        entry("txt.example.com", "TXT", 0, "hello")))).create();

        String key = key("example.com", "c-crd", "DNSEndpoint", "records");
        RIG.topic().await("DNSEndpoint state", t -> t.latest().containsKey(key));
        SourceState state = RIG.topic().latest().get(key);
        assertThat(names(state.endpoints())).containsExactly("api.example.com CNAME [lb.example.net]",
                "txt.example.com TXT [hello]", "www.example.com A [192.0.2.1] ttl=60");
        assertThat(state.endpoints().get(2).setIdentifier()).isEqualTo("eu");
        assertThat(state.endpoints().get(2).providerSpecific()).containsEntry("aws/weight", "10");
        assertThat(state.endpoints().get(0).labels()).containsEntry(Labels.RESOURCE, "crd/default/records")
                .containsEntry(Labels.CLUSTER, "c-crd");
        SourcesTopic.until("status.observedGeneration set", () -> generation("records") != null
                && generation("records").equals(observedGeneration("records")));

        // a spec change: republished, observed again
        long before = generation("records");
        RIG.api().admin().genericKubernetesResources(DNS_ENDPOINTS).inNamespace(NS).withName("records").edit(r -> {
            r.getAdditionalProperties().put("spec", Map.of("endpoints",
                    List.of(entry("www.example.com", "A", 60, "192.0.2.2"))));
            return r;
        });
        RIG.topic().await("new target", t -> t.latest().containsKey(key)
                && names(t.latest().get(key).endpoints()).equals(List.of("www.example.com A [192.0.2.2] ttl=60")));
        SourcesTopic.until("observedGeneration follows", () -> generation("records") > before
                && generation("records").equals(observedGeneration("records")));
        assertThat(w.counter("streamdns.watcher.status.writes", "kind", "DNSEndpoint", "result", "ok"))
                .isGreaterThanOrEqualTo(2);

        RIG.api().admin().genericKubernetesResources(DNS_ENDPOINTS).inNamespace(NS).withName("records").delete();
        RIG.topic().await("tombstone", t -> !t.latest().containsKey(key));
        w.undeploy();
    }
}
