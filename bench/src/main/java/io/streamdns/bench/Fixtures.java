package io.streamdns.bench;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.ServiceMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Kubernetes objects and DNS zones the scenarios use. */
public final class Fixtures {
    public static final String NAMESPACE = "bench";
    public static final String HOSTNAME_ANNOTATION = "external-dns.kubernetes.io/hostname";

    private Fixtures() {
    }

    /** {@code svc-00042}: object names sort as they are numbered. */
    public static String serviceName(int i) {
        return String.format("svc-%05d", i);
    }

    public static String hostName(int i, String zone) {
        return serviceName(i) + "." + zone;
    }

    /** A distinct IPv4 per number: the value tells which change a record carries. */
    public static String ip(long n) {
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    public static long ipNumber(String ip) {
        String[] p = ip.split("\\.");
        return (Long.parseLong(p[1]) << 16) | (Long.parseLong(p[2]) << 8) | Long.parseLong(p[3]);
    }

    /** A LoadBalancer Service with external-dns's hostname annotation and its load balancer already provisioned. */
    public static Service loadBalancer(int i, String zone, String ip) {
        return loadBalancer(NAMESPACE, i, zone, ip);
    }

    public static Service loadBalancer(String namespace, int i, String zone, String ip) {
        return new ServiceBuilder()
                .withNewMetadata().withName(serviceName(i)).withNamespace(namespace)
                .addToAnnotations(HOSTNAME_ANNOTATION, hostName(i, zone)).endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withName("http").withPort(80).withProtocol("TCP")
                .endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer()
                .endStatus()
                .build();
    }

    /** The Gateway every route of {@link #createMixed} attaches to (listener {@code *.<zone>}). */
    public static final String GATEWAY = "bench-gw";

    /**
     * A mix of sources for objects {@code from..to-1}: number i is a LoadBalancer Service (i % 3 == 0), a DNSEndpoint
     * with one A record (i % 3 == 1) or an HTTPRoute accepted by {@link #GATEWAY} (i % 3 == 2), each naming
     * {@link #hostName} once. The emulator needs its CRDs installed; routes get their status as a controller sets it.
     */
    public static void createMixed(io.streamdns.sandbox.k8s.KubernetesEmulator k8s, int from, int to, String zone,
                                   int threads) {
        KubernetesClient client = k8s.client();
        client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class).inNamespace(NAMESPACE)
                .resource(new io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder().withNewMetadata()
                        .withName(GATEWAY).withNamespace(NAMESPACE).endMetadata().withNewSpec()
                        .withGatewayClassName("bench").addNewListener().withName("http").withProtocol("HTTP")
                        .withPort(80).withHostname("*." + zone).endListener().endSpec().build()).create();
        k8s.setGatewayAddresses(NAMESPACE, GATEWAY, "198.51.100.1");
        var dnsEndpoints = client.genericKubernetesResources(
                new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                        .withGroup("externaldns.k8s.io").withVersion("v1alpha1").withKind("DNSEndpoint")
                        .withPlural("dnsendpoints").withNamespaced(true).build()).inNamespace(NAMESPACE);
        var routes = client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class)
                .inNamespace(NAMESPACE);
        inParallel(from, to, threads, i -> {
            switch (i % 3) {
                case 0 -> client.services().inNamespace(NAMESPACE).resource(loadBalancer(i, zone, ip(i))).create();
                case 1 -> dnsEndpoints.resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                        .withApiVersion("externaldns.k8s.io/v1alpha1").withKind("DNSEndpoint").withNewMetadata()
                        .withName(serviceName(i)).withNamespace(NAMESPACE).endMetadata()
                        .addToAdditionalProperties("spec", java.util.Map.of("endpoints", List.of(java.util.Map.of(
                                "dnsName", hostName(i, zone), "recordType", "A", "targets", List.of(ip(i))))))
                        .build()).create();
                default -> {
                    routes.resource(new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder()
                            .withNewMetadata().withName(serviceName(i)).withNamespace(NAMESPACE).endMetadata()
                            .withNewSpec().withHostnames(hostName(i, zone)).addNewParentRef().withName(GATEWAY)
                            .endParentRef().endSpec().build()).create();
                    k8s.acceptHttpRoute(NAMESPACE, serviceName(i), GATEWAY);
                }
            }
        });
    }

    private static void inParallel(int from, int to, int threads, java.util.function.IntConsumer create) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            int chunk = Math.max(1, (to - from + threads - 1) / threads);
            for (int start = from; start < to; start += chunk) {
                int s = start;
                int e = Math.min(to, start + chunk);
                futures.add(pool.submit(() -> {
                    for (int i = s; i < e; i++) {
                        create.accept(i);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("creating objects: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Service i's state in {@code zone}, as the watcher of {@code cluster} publishes it (the watcher's own mapping). */
    public static SourceState sourceState(String cluster, int i, String zone, String ip) {
        MappingOptions options = MappingOptions.defaults(cluster).withDomainFilter(DomainFilter.of(List.of(zone), List.of()));
        List<Endpoint> endpoints = ServiceMapper.map(loadBalancer(i, zone, ip), List.of(), List.of(), options).endpoints();
        return new SourceState(cluster, ServiceMapper.KIND, NAMESPACE, serviceName(i), "uid-" + i,
                Integer.toString(1000 + i), System.currentTimeMillis(), endpoints);
    }

    /**
     * Creates services {@code from..to-1} from several threads (the API server answers one at a time per connection).
     * The mock API server keeps the status given on create, as a cloud controller would have set it.
     */
    public static void createServices(KubernetesClient client, int from, int to, String zone, int threads) {
        inParallel(from, to, threads,
                i -> client.services().inNamespace(NAMESPACE).resource(loadBalancer(i, zone, ip(i))).create());
    }

    /** The Services numbered {@code numbers}, in {@code namespace}. */
    public static void createServices(KubernetesClient client, String namespace, List<Integer> numbers, String zone,
                                      int threads) {
        inParallel(0, numbers.size(), threads, k -> {
            int i = numbers.get(k);
            client.services().inNamespace(namespace).resource(loadBalancer(namespace, i, zone, ip(i))).create();
        });
    }

    /**
     * {@code count} zone names under {@code suffix}, spread evenly over the partitions (each zone is its own
     * shard when it is a domain filter), so work lands on every partition.
     */
    public static List<String> zonesPerPartition(int count, int partitions, String suffix) {
        List<String> out = new ArrayList<>();
        int[] perPartition = new int[partitions];
        int want = (count + partitions - 1) / partitions;
        for (int i = 0; out.size() < count && i < 100_000; i++) {
            String zone = "z" + i + "." + suffix;
            int p = Partitioning.partitionOfShard(zone, partitions);
            if (perPartition[p] < want) {
                perPartition[p]++;
                out.add(zone);
            }
        }
        return out;
    }
}
