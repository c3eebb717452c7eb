package io.streamdns.watcher.core;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DnsNames;
import java.util.ArrayList;
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
        List<String> hostnames = ann.list(Annotations.HOSTNAME);
        List<String> internal = ann.list(Annotations.INTERNAL_HOSTNAME);
        for (String h : hostnames) {
            generate(svc, type, h, false, ann, slices, nodes, o, out);
        }
        for (String h : internal) {
            generate(svc, type, h, true, ann, slices, nodes, o, out);
        }
        if (hostnames.isEmpty() && internal.isEmpty() && o.fqdnTemplate() != null) {
            for (String h : o.fqdnTemplate().render(name, namespace)) {
                generate(svc, type, h, false, ann, slices, nodes, o, out);
            }
        }
        return out.result();
    }

    static String type(Service svc) {
        ServiceSpec spec = svc.getSpec();
        return spec == null || spec.getType() == null || spec.getType().isBlank() ? CLUSTER_IP : spec.getType();
    }

    private static void generate(Service svc, String type, String host, boolean useClusterIp, Annotations ann,
                                 List<EndpointSlice> slices, List<Node> nodes, MappingOptions o,
                                 EndpointCollector out) {
        ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
        List<String> override = ann.list(Annotations.TARGET);
        List<String> targets = List.of();
        boolean publishes = true;
        switch (type) {
            case LOAD_BALANCER -> targets = useClusterIp ? clusterIps(spec) : loadBalancerTargets(svc);
            case CLUSTER_IP -> {
                if ("None".equals(spec.getClusterIP())) {
                    if (override.isEmpty()) {
                        headless(svc, host, slices, out);
                    }
                } else if (useClusterIp || o.publishInternalServices()) {
                    targets = clusterIps(spec);
                } else {
                    publishes = false;
                }
            }
            case NODE_PORT -> {
                targets = nodeTargets(svc, ann, slices, nodes, out);
                srv(svc, host, out);
            }
            case EXTERNAL_NAME -> targets = nonEmpty(spec.getExternalIPs()) ? spec.getExternalIPs()
                    : spec.getExternalName() == null ? List.of() : List.of(spec.getExternalName());
            default -> publishes = false;
        }
        if (publishes && !override.isEmpty()) {
            targets = override;
        }
        out.add(host, targets);
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
        List<String> targets = new ArrayList<>();
        if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null
                && svc.getStatus().getLoadBalancer().getIngress() != null) {
            for (LoadBalancerIngress lb : svc.getStatus().getLoadBalancer().getIngress()) {
                addIfText(targets, lb.getIp());
                addIfText(targets, lb.getHostname());
            }
        }
        return targets;
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
            out.reject(Rejection.INVALID_ANNOTATION, svc.getMetadata().getName(),
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
        List<String> external = new ArrayList<>();
        List<String> internal = new ArrayList<>();
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
        return switch (access) {
            case "public" -> external;
            case "private" -> internal;
            default -> external.isEmpty() ? internal : external;
        };
    }

    /** {@code _<port>._<proto>.<host>  SRV  0 50 <nodePort> <host>} for every node port. */
    private static void srv(Service svc, String rawHost, EndpointCollector out) {
        if (svc.getSpec().getPorts() == null) {
            return;
        }
        String host = DnsNames.check(rawHost).name();
        if (host == null || DnsNames.isWildcard(host)) {
            return; // the host record reports an invalid name; a wildcard owner cannot take a _port label
        }
        for (ServicePort port : svc.getSpec().getPorts()) {
            if (port.getNodePort() == null || port.getNodePort() <= 0) {
                continue;
            }
            String portName = port.getName() == null || port.getName().isBlank()
                    ? svc.getMetadata().getName() : port.getName();
            String protocol = port.getProtocol() == null ? "tcp" : port.getProtocol().toLowerCase(Locale.ROOT);
            String name = out.acceptName("_" + portName + "._" + protocol + "." + host);
            if (name != null) {
                out.addTyped(name, RecordTypes.SRV, List.of("0 50 " + port.getNodePort() + " " + host));
            }
        }
    }

    private static boolean nonEmpty(List<String> l) {
        return l != null && !l.isEmpty();
    }

    private static void addIfText(List<String> list, String v) {
        if (v != null && !v.isBlank() && !list.contains(v)) {
            list.add(v);
        }
    }
}
