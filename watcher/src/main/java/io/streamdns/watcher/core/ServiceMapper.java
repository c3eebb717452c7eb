package io.streamdns.watcher.core;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DnsNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A v1 Service (plus its EndpointSlices and the cluster's Nodes, where its type needs them) → endpoints, with
 * external-dns's service-source semantics.
 */
public final class ServiceMapper {
    public static final String KIND = "Service";
    public static final String LOAD_BALANCER = "LoadBalancer";
    public static final String CLUSTER_IP = "ClusterIP";
    public static final String NODE_PORT = "NodePort";
    public static final String EXTERNAL_NAME = "ExternalName";
    /** Label on an EndpointSlice naming its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private ServiceMapper() {
    }

    public static MappingResult map(Service svc, List<EndpointSlice> slices, List<Node> nodes, MappingOptions o) {
        Annotations ann = o.annotations(svc.getMetadata().getAnnotations());
        String skipped = Skips.common(ann, o);
        if (skipped != null) {
            return MappingResult.skip(skipped);
        }
        String type = type(svc);
        if (!o.serviceTypes().isEmpty() && !o.serviceTypes().contains(type)) {
            return MappingResult.skip("service type " + type + " is not in --service-type-filter " + o.serviceTypes());
        }
        String name = svc.getMetadata().getName();
        String namespace = svc.getMetadata().getNamespace();
        EndpointCollector out = new EndpointCollector(o,
                "service/" + (namespace == null ? "" : namespace) + "/" + name, ann);
        List<String> hostnames = o.hostnames(ann, Annotations.HOSTNAME);
        List<String> internal = o.hostnames(ann, Annotations.INTERNAL_HOSTNAME);
        // what does not depend on the host name is worked out once, not once per name: 20,000 names × the target
        // annotation, the nodes or the endpoints was quadratic
        Hosts hosts = new Hosts(svc, type, ann, ann.list(Annotations.TARGET), slices, nodes, o, out);
        for (String h : hostnames) {
            hosts.generate(h, false);
        }
        for (String h : internal) {
            hosts.generate(h, true);
        }
        if (o.templateWanted(out.produced())) {
            for (String h : out.templateNames(o.fqdnTemplate().render(svc, "service"))) {
                hosts.generate(h, false);
            }
        }
        return out.result();
    }

    static String type(Service svc) {
        ServiceSpec spec = svc.getSpec();
        return spec == null || spec.getType() == null || spec.getType().isBlank() ? CLUSTER_IP : spec.getType();
    }

    /** The records of each host name of one Service; targets that do not depend on the name computed once. */
    private static final class Hosts {
        private final Service svc;
        private final ServiceSpec spec;
        private final String type;
        private final Annotations ann;
        private final List<String> override;
        private final List<EndpointSlice> slices;
        private final List<Node> nodes;
        private final MappingOptions o;
        private final EndpointCollector out;
        private final Map<Boolean, List<String>> fixedTargets = new HashMap<>();

        Hosts(Service svc, String type, Annotations ann, List<String> override, List<EndpointSlice> slices,
              List<Node> nodes, MappingOptions o, EndpointCollector out) {
            this.svc = svc;
            this.spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
            this.type = type;
            this.ann = ann;
            this.override = override;
            this.slices = slices;
            this.nodes = nodes;
            this.o = o;
            this.out = out;
        }

        void generate(String host, boolean useClusterIp) {
            if (out.full()) {
                return;
            }
            if (!override.isEmpty()) {
                // as external-dns: the target annotation replaces what the type would publish, for every type
                // (a ClusterIP service without --publish-internal-services included); no headless, no SRV records
                out.add(host, override);
                return;
            }
            if (type.equals(CLUSTER_IP) && "None".equals(spec.getClusterIP())) {
                headless(svc, host, slices, out);
            }
            if (type.equals(NODE_PORT)) {
                srv(svc, host, out);
            }
            out.add(host, fixedTargets.computeIfAbsent(useClusterIp, this::targets));
        }

        /** The targets every host name of the Service gets from its type, empty when none. */
        private List<String> targets(boolean useClusterIp) {
            return switch (type) {
                case LOAD_BALANCER -> useClusterIp ? clusterIps(spec) : loadBalancerTargets(svc);
                // headless: the endpoints' addresses, per host name; otherwise only when asked for
                case CLUSTER_IP -> !"None".equals(spec.getClusterIP()) && (useClusterIp || o.publishInternalServices())
                        ? clusterIps(spec) : List.of();
                case NODE_PORT -> nodeTargets(svc, ann, slices, nodes, out);
                case EXTERNAL_NAME -> nonEmpty(spec.getExternalIPs()) ? spec.getExternalIPs()
                        : spec.getExternalName() == null ? List.of() : List.of(spec.getExternalName());
                default -> List.of();
            };
        }
    }

    private static List<String> clusterIps(ServiceSpec spec) {
        List<String> ips = nonEmpty(spec.getClusterIPs()) ? spec.getClusterIPs()
                : spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP());
        return ips.stream().filter(ip -> ip != null && !ip.isBlank() && !ip.equals("None")).toList();
    }

    private static List<String> loadBalancerTargets(Service svc) {
        if (nonEmpty(svc.getSpec().getExternalIPs())) {
            return svc.getSpec().getExternalIPs();
        }
        Set<String> targets = new LinkedHashSet<>();
        if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null
                && svc.getStatus().getLoadBalancer().getIngress() != null) {
            for (LoadBalancerIngress lb : svc.getStatus().getLoadBalancer().getIngress()) {
                addIfText(targets, lb.getIp());
                addIfText(targets, lb.getHostname());
            }
        }
        return List.copyOf(targets);
    }

    /** Headless: ready addresses of the service's EndpointSlices; a pod hostname also gets {@code <hostname>.<host>}. */
    private static void headless(Service svc, String host, List<EndpointSlice> slices, EndpointCollector out) {
        boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
        List<String> all = new ArrayList<>();
        Map<String, List<String>> byPodHostname = new LinkedHashMap<>();
        for (Endpoint ep : endpointsOf(svc, slices)) {
            if (!publishNotReady && !isReady(ep)) {
                continue;
            }
            List<String> addresses = ep.getAddresses() == null ? List.of() : ep.getAddresses();
            all.addAll(addresses);
            if (ep.getHostname() != null && !ep.getHostname().isBlank()) {
                byPodHostname.computeIfAbsent(ep.getHostname() + "." + host, k -> new ArrayList<>()).addAll(addresses);
            }
        }
        out.add(host, all);
        byPodHostname.forEach(out::add);
    }

    private static List<Endpoint> endpointsOf(Service svc, List<EndpointSlice> slices) {
        List<Endpoint> eps = new ArrayList<>();
        for (EndpointSlice slice : slices == null ? List.<EndpointSlice>of() : slices) {
            if (slice.getMetadata() == null || slice.getEndpoints() == null
                    || !Objects.equals(slice.getMetadata().getNamespace(), svc.getMetadata().getNamespace())
                    || slice.getMetadata().getLabels() == null
                    || !svc.getMetadata().getName().equals(slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL))) {
                continue;
            }
            eps.addAll(slice.getEndpoints());
        }
        return eps;
    }

    /** Kubernetes: a missing ready condition means ready. */
    private static boolean isReady(Endpoint ep) {
        return ep.getConditions() == null || ep.getConditions().getReady() == null
                || ep.getConditions().getReady();
    }

    /** Node ExternalIPs (InternalIPs when none), or as the {@code access} annotation says. */
    private static List<String> nodeTargets(Service svc, Annotations ann, List<EndpointSlice> slices,
                                            List<Node> nodes, EndpointCollector out) {
        String access = ann.get(Annotations.ACCESS).map(Annotations::lower).orElse("");
        if (!access.isEmpty() && !access.equals("public") && !access.equals("private")) {
            out.reject(MappingRejection.INVALID_ANNOTATION, svc.getMetadata().getName(),
                    "access '" + access + "' is not public or private; ignored");
            access = "";
        }
        Set<String> onlyNodes = null;
        if ("Local".equals(svc.getSpec().getExternalTrafficPolicy())) {
            onlyNodes = new LinkedHashSet<>();
            for (Endpoint ep : endpointsOf(svc, slices)) {
                if (isReady(ep) && ep.getNodeName() != null) {
                    onlyNodes.add(ep.getNodeName());
                }
            }
        }
        Set<String> external = new LinkedHashSet<>();
        Set<String> internal = new LinkedHashSet<>();
        for (Node node : nodes == null ? List.<Node>of() : nodes) {
            if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
                continue;
            }
            if (onlyNodes != null && !onlyNodes.contains(node.getMetadata().getName())) {
                continue;
            }
            if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
                continue;
            }
            for (NodeAddress a : node.getStatus().getAddresses()) {
                if ("ExternalIP".equals(a.getType())) {
                    addIfText(external, a.getAddress());
                } else if ("InternalIP".equals(a.getType())) {
                    addIfText(internal, a.getAddress());
                }
            }
        }
        return List.copyOf(switch (access) {
            case "public" -> external;
            case "private" -> internal;
            default -> external.isEmpty() ? internal : external;
        });
    }

    /**
     * As external-dns: {@code _<service-name>._<proto>.<host>  SRV  0 50 <nodePort> <host>.}, one record set per
     * protocol holding every node port of it (the Service's name, not the port's; the protocol lower case, tcp when
     * unset), with the object's set identifier and routing properties, so a zone external-dns wrote is adopted as is.
     */
    private static void srv(Service svc, String rawHost, EndpointCollector out) {
        if (svc.getSpec().getPorts() == null) {
            return;
        }
        String host = DnsNames.check(rawHost).name();
        if (host == null || DnsNames.isWildcard(host)) {
            return; // the host record reports an invalid name; a wildcard owner cannot take a _service label
        }
        Map<String, List<String>> byProtocol = new LinkedHashMap<>();
        for (ServicePort port : svc.getSpec().getPorts()) {
            if (port.getNodePort() == null || port.getNodePort() <= 0) {
                continue;
            }
            String protocol = port.getProtocol() == null || port.getProtocol().isBlank()
                    ? "tcp" : port.getProtocol().toLowerCase(Locale.ROOT);
            byProtocol.computeIfAbsent(protocol, p -> new ArrayList<>())
                    .add("0 50 " + port.getNodePort() + " " + host + ".");
        }
        byProtocol.forEach((protocol, values) -> {
            String name = out.acceptName("_" + svc.getMetadata().getName() + "._" + protocol + "." + host);
            if (name != null) {
                out.addSrv(name, values);
            }
        });
    }

    private static boolean nonEmpty(List<String> l) {
        return l != null && !l.isEmpty();
    }

    private static void addIfText(Set<String> set, String v) {
        if (v != null && !v.isBlank()) {
            set.add(v);
        }
    }
}
