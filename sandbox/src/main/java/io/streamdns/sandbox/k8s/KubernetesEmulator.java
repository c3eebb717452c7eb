package io.streamdns.sandbox.k8s;

import com.google.common.net.InetAddresses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/**
 * A Kubernetes API server stand-in: fabric8's mock server in CRUD mode (lists, watches, status updates behave like
 * an API server's), with helpers to load manifests and to play the cloud controller that sets load-balancer status.
 * Like a real cluster it has a {@code kube-system} namespace, whose UID is the cluster's identity to a watcher.
 */
public final class KubernetesEmulator implements AutoCloseable {
    public static final String KUBE_SYSTEM = "kube-system";
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final String clusterIdentity;

    private KubernetesEmulator(KubernetesMockServer server, String clusterIdentity) {
        this.server = server;
        this.client = server.createClient();
        this.clusterIdentity = clusterIdentity;
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(KUBE_SYSTEM).endMetadata()
                .build()).create(); // listed like any namespace; a GET of it answers with clusterIdentity as UID
    }

    /** A new cluster: its own random identity. */
    public static KubernetesEmulator start() {
        return start(UUID.randomUUID().toString());
    }

    /** A cluster whose kube-system namespace has this UID (the same cluster again, for a restart story). */
    public static KubernetesEmulator start(String clusterIdentity) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ClusterIdentityDispatcher(new KubernetesCrudDispatcher(), clusterIdentity), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new KubernetesEmulator(server, clusterIdentity);
    }

    /** The UID of this cluster's kube-system namespace. */
    public String clusterIdentity() {
        return clusterIdentity;
    }

    /** A client of this API server (the watcher's view, and the test's or demo's hands). */
    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return client.getMasterUrl().toString();
    }

    /** Creates every object of a multi-document YAML manifest. */
    public List<HasMetadata> apply(InputStream manifest) {
        return client.load(manifest).items().stream().map(item -> client.resource(item).create()).toList();
    }

    public List<HasMetadata> apply(Path manifest) {
        try (InputStream in = Files.newInputStream(manifest)) {
            return apply(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }

    /** The CRDs {@link #installCrds()} creates: those of the optional sources. */
    public static final List<String> CRDS = List.of("crds/dnsendpoints.externaldns.k8s.io.yaml",
            "crds/gateway-api-emulator.yaml");

    /** Creates the CRDs of the optional sources (DNSEndpoint, ...), as a cluster admin installs them. */
    public KubernetesEmulator installCrds() {
        for (String crd : CRDS) {
            try (InputStream in = KubernetesEmulator.class.getClassLoader().getResourceAsStream(crd)) {
                if (in == null) {
                    throw new IllegalStateException(crd + " is missing from the classpath");
                }
                apply(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Plays the Gateway controller: sets a Gateway's {@code status.addresses} (IPs or host names). */
    public void setGatewayAddresses(String namespace, String name, String... addresses) {
        setGatewayAddresses(client, namespace, name, addresses);
    }

    /** {@link #setGatewayAddresses(String, String, String...)} through any client (a mock server of a test). */
    public static void setGatewayAddresses(KubernetesClient client, String namespace, String name, String... addresses) {
        var gateways = client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class).inNamespace(namespace);
        var gw = gateways.withName(name).get();
        if (gw == null) {
            throw new IllegalArgumentException("no gateway " + namespace + "/" + name);
        }
        var status = new io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder();
        for (String a : addresses) {
            status.addNewAddress().withType(isIp(a) ? "IPAddress" : "Hostname").withValue(a).endAddress();
        }
        gw.setStatus(status.build());
        gateways.resource(gw).updateStatus();
    }

    /** Plays the Gateway controller: an HTTPRoute accepted by these Gateways of its namespace (none: detached). */
    public void acceptHttpRoute(String namespace, String name, String... gateways) {
        acceptHttpRoute(client, namespace, name, gateways);
    }

    /** {@link #acceptHttpRoute(String, String, String...)} through any client (a mock server of a test). */
    public static void acceptHttpRoute(KubernetesClient client, String namespace, String name, String... gateways) {
        var routes = client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class).inNamespace(namespace);
        var rt = routes.withName(name).get();
        if (rt == null) {
            throw new IllegalArgumentException("no HTTPRoute " + namespace + "/" + name);
        }
        var status = new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder();
        for (String g : gateways) {
            // a controller echoes the route's own parentRef (sectionName, port) in the status
            var ref = rt.getSpec() == null || rt.getSpec().getParentRefs() == null ? null : rt.getSpec().getParentRefs()
                    .stream().filter(p -> g.equals(p.getName())).findFirst().orElse(null);
            status.addToParents(new io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder()
                    .withControllerName("example.com/gateway-controller")
                    .withParentRef(ref != null ? ref
                            : new io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder().withName(g).build())
                    .withConditions(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("Accepted")
                            .withStatus("True").withReason("Accepted").withMessage("")
                            .withLastTransitionTime(java.time.Instant.now().toString()).build())
                    .build());
        }
        rt.setStatus(status.build());
        routes.resource(rt).updateStatus();
    }

    /** Plays the cloud controller: sets a Service's load-balancer status (IPs or host names). */
    public Service setServiceLoadBalancer(String namespace, String name, String... addresses) {
        Service svc = client.services().inNamespace(namespace).withName(name).get();
        if (svc == null) {
            throw new IllegalArgumentException("no service " + namespace + "/" + name);
        }
        svc.setStatus(new ServiceStatusBuilder()
                .withNewLoadBalancer().withIngress(ingresses(addresses)).endLoadBalancer().build());
        return client.services().inNamespace(namespace).resource(svc).updateStatus();
    }

    /** Plays the ingress controller: sets an Ingress's load-balancer status. */
    public Ingress setIngressLoadBalancer(String namespace, String name, String... addresses) {
        Ingress ing = client.network().v1().ingresses().inNamespace(namespace).withName(name).get();
        if (ing == null) {
            throw new IllegalArgumentException("no ingress " + namespace + "/" + name);
        }
        List<IngressLoadBalancerIngress> lbs = Arrays.stream(addresses)
                .map(a -> isIp(a)
                        ? new IngressLoadBalancerIngressBuilder().withIp(a).build()
                        : new IngressLoadBalancerIngressBuilder().withHostname(a).build())
                .toList();
        ing.setStatus(new IngressStatusBuilder()
                .withNewLoadBalancer().withIngress(lbs).endLoadBalancer().build());
        return client.network().v1().ingresses().inNamespace(namespace).resource(ing).updateStatus();
    }

    /** A kubeconfig file pointing at this server, for a watcher started with {@code --kubeconfig}. */
    public Path writeKubeconfig(Path file) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: emulator
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: emulator
                  context:
                    cluster: emulator
                    user: emulator
                    namespace: default
                current-context: emulator
                users:
                - name: emulator
                  user:
                    token: emulator
                """.formatted(url());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static List<LoadBalancerIngress> ingresses(String... addresses) {
        return Arrays.stream(addresses)
                .map(a -> isIp(a) ? new LoadBalancerIngressBuilder().withIp(a).build()
                        : new LoadBalancerIngressBuilder().withHostname(a).build())
                .toList();
    }

    private static boolean isIp(String a) {
        return InetAddresses.isInetAddress(a);
    }
}
