package io.streamdns.app.demo;

import io.fabric8.kubernetes.api.model.Service;
import io.streamdns.model.ZoneRecord;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The scripted story of {@code streamdns demo}: each step changes something in a cluster and says what Route 53
 * must then hold. The manifests are the ones in {@code examples/}.
 */
public final class DemoStory {
    public static final String ZONE = "example.com";
    static final String WEBAPP = "webapp.example.com";
    static final String WWW = "www.example.com";
    static final String SHOP = "shop.example.com";
    static final String LB_1 = "203.0.113.10";
    static final String LB_2 = "203.0.113.20";
    static final String LB_B = "198.51.100.7";
    static final String INGRESS_LB = "k8s-shop-0123456789.us-east-1.elb.amazonaws.com";
    /** cluster-a's watcher reads these sources (its emulator has their CRDs installed). */
    public static final String CLUSTER_A_SOURCES = "service,ingress,crd,gateway-httproute";
    static final String API = "api.example.com";
    static final String API_IP = "203.0.113.30";
    static final String STORE = "store.example.com";
    static final String GATEWAY_IP = "203.0.113.50";

    /** One step: what to do, and the zone content that means it has reached Route 53. */
    public record Step(String title, Runnable action, Predicate<List<ZoneRecord>> reached) {
    }

    private DemoStory() {
    }

    public static List<Step> steps(KubernetesEmulator clusterA, KubernetesEmulator clusterB) {
        return List.of(
                new Step("cluster-a: create Service default/my-webapp (hostname annotation webapp.example.com); "
                        + "its load balancer gets " + LB_1,
                        () -> {
                            apply(clusterA, "examples/cluster-a/my-webapp.yaml");
                            clusterA.setServiceLoadBalancer("default", "my-webapp", LB_1);
                        },
                        zone -> hasA(zone, WEBAPP, LB_1) && hasTxt(zone, "a-" + WEBAPP)),
                new Step("cluster-a: create Ingress default/shop (host shop.example.com) behind an AWS load balancer",
                        () -> {
                            apply(clusterA, "examples/cluster-a/shop-ingress.yaml");
                            clusterA.setIngressLoadBalancer("default", "shop", INGRESS_LB);
                        },
                        zone -> zone.stream().anyMatch(r -> r.name().equals(SHOP) && r.type().equals("A") && r.alias() != null)),
                new Step("cluster-a: create DNSEndpoint default/records (external-dns's CRD: " + API + " A " + API_IP
                        + ", docs.example.com CNAME)",
                        () -> apply(clusterA, "examples/cluster-a/dnsendpoint.yaml"),
                        zone -> hasA(zone, API, API_IP) && zone.stream().anyMatch(r -> r.name().equals("docs.example.com")
                                && r.type().equals("CNAME"))),
                new Step("cluster-a: create Gateway default/public (listener *.example.com) and HTTPRoute default/store ("
                        + STORE + "); the Gateway gets " + GATEWAY_IP + " and accepts the route",
                        () -> {
                            apply(clusterA, "examples/cluster-a/gateway-route.yaml");
                            clusterA.setGatewayAddresses("default", "public", GATEWAY_IP);
                            clusterA.acceptHttpRoute("default", "store", "public");
                        },
                        zone -> hasA(zone, STORE, GATEWAY_IP)),
                new Step("cluster-a: the load balancer of my-webapp moves to " + LB_2,
                        () -> clusterA.setServiceLoadBalancer("default", "my-webapp", LB_2),
                        zone -> hasA(zone, WEBAPP, LB_2)),
                new Step("cluster-b: the same Service claims webapp.example.com with load balancer " + LB_B,
                        () -> {
                            apply(clusterB, "examples/cluster-b/my-webapp.yaml");
                            clusterB.setServiceLoadBalancer("default", "my-webapp", LB_B);
                        },
                        zone -> hasA(zone, WEBAPP, LB_B, LB_2)),
                new Step("cluster-a: annotation changes my-webapp's hostname to www.example.com",
                        () -> {
                            Service svc = clusterA.client().services().inNamespace("default").withName("my-webapp").get();
                            svc.getMetadata().getAnnotations().put("external-dns.kubernetes.io/hostname", WWW);
                            clusterA.client().services().inNamespace("default").resource(svc).update();
                            clusterA.setServiceLoadBalancer("default", "my-webapp", LB_2);
                        },
                        zone -> hasA(zone, WWW, LB_2) && hasA(zone, WEBAPP, LB_B)),
                new Step("both clusters: delete my-webapp",
                        () -> {
                            clusterA.client().services().inNamespace("default").withName("my-webapp").delete();
                            clusterB.client().services().inNamespace("default").withName("my-webapp").delete();
                        },
                        zone -> zone.stream().noneMatch(r -> r.name().endsWith(WEBAPP) || r.name().endsWith(WWW))));
    }

    static boolean hasA(List<ZoneRecord> zone, String name, String... ips) {
        return zone.stream().anyMatch(r -> r.name().equals(name) && r.type().equals("A") && r.alias() == null
                && r.values().stream().sorted().toList().equals(Arrays.stream(ips).sorted().toList()));
    }

    static boolean hasTxt(List<ZoneRecord> zone, String name) {
        return zone.stream().anyMatch(r -> r.name().equals(name) && r.type().equals("TXT"));
    }

    private static void apply(KubernetesEmulator cluster, String resource) {
        try (InputStream in = DemoStory.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            cluster.apply(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
