package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdns.model.Endpoint;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.ops.Readiness;
import io.streamdns.watcher.core.Annotations;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deploys watchers against a mock API server and builds the objects the ITs use. */
final class WatcherHarness {
    static final String NS = "default";

    /** A deployed watcher and what it was given. */
    record Running(Vertx vertx, String deploymentId, WatcherVerticle verticle, StageContext stage) {
        boolean ready() {
            return stage.readiness().isReady();
        }

        void undeploy() {
            vertx.undeploy(deploymentId).await();
        }

        /** Sum of a counter over all its tag values. */
        double counterSum(String name) {
            return stage.registry().find(name).counters().stream().mapToDouble(c -> c.count()).sum();
        }

        double counter(String name, String... tags) {
            var c = stage.registry().find(name).tags(tags).counter();
            return c == null ? 0 : c.count();
        }
    }

    private WatcherHarness() {
    }

    static Running deploy(Vertx vertx, String bootstrap, FlakyApiServer api, String cluster, String... flags) {
        Map<String, String> m = new HashMap<>();
        m.put("cluster-name", cluster);
        for (int i = 0; i + 1 < flags.length; i += 2) {
            m.put(flags[i], flags[i + 1]);
        }
        StageContext stage = new StageContext(bootstrap, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new Readiness(), "it");
        WatcherVerticle verticle = new WatcherVerticle(WatcherConfig.fromMap(m), api.newWatcherClient(), stage);
        String id = vertx.deployVerticle(verticle).await();
        return new Running(vertx, id, verticle, stage);
    }

    static String key(String shard, String cluster, String kind, String name) {
        return RecordKey.of(shard, cluster + "/" + kind + "/" + NS + "/" + name);
    }

    static Service loadBalancer(String name, String hostnames) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToAnnotations(Annotations.PREFIX + "hostname", hostnames).endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withName("http").withPort(80).endPort().endSpec()
                .build();
    }

    /** An Ingress of a class with one host, its target given by annotation (no controller needed). */
    static void createIngress(KubernetesClient admin, String name, String ingressClass, String host, String target) {
        admin.network().v1().ingresses().inNamespace(NS).resource(new IngressBuilder().withNewMetadata()
                .withName(name).withNamespace(NS).addToAnnotations(Annotations.PREFIX + "target", target).endMetadata()
                .withNewSpec().withIngressClassName(ingressClass).addNewRule().withHost(host).endRule().endSpec()
                .build()).create();
    }

    static Service create(KubernetesClient admin, Service svc) {
        return admin.services().inNamespace(NS).resource(svc).create();
    }

    /** Gives a service its load balancer address through the status subresource, as a cloud controller does. */
    static void setLoadBalancer(KubernetesClient admin, String name, String ip) {
        Service svc = admin.services().inNamespace(NS).withName(name).get();
        svc.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(new LoadBalancerIngressBuilder().withIp(ip).build()).endLoadBalancer().build());
        admin.services().inNamespace(NS).resource(svc).updateStatus();
    }

    static void annotate(KubernetesClient admin, String name, String key, String value) {
        admin.services().inNamespace(NS).withName(name)
                .edit(s -> new ServiceBuilder(s).editMetadata().addToAnnotations(Annotations.PREFIX + key, value)
                        .endMetadata().build());
    }

    static List<String> names(List<Endpoint> endpoints) {
        return endpoints.stream().map(e -> e.dnsName() + " " + e.recordType() + " " + e.targets()
                + (e.ttl() > 0 ? " ttl=" + e.ttl() : "")).toList();
    }
}
