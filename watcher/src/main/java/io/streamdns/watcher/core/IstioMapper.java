package io.streamdns.watcher.core;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Istio {@code networking.istio.io} Gateway and VirtualService → endpoints, with external-dns's semantics
 * ({@code source/istio_gateway.go}, {@code istio_virtualservice.go}). A Gateway publishes the hosts of its servers
 * ({@code namespace/host} → host, {@code *} skipped) and the hostname annotation; a VirtualService its
 * {@code spec.hosts} (and hostname annotation) for every Gateway of {@code spec.gateways} ({@code mesh} ignored)
 * that has a server host binding it (equal, a {@code *.} suffix or {@code *}, in the server's namespace part).
 * Targets: the object's {@code target} annotation (VirtualService), else the Gateway's {@code target} annotation,
 * else the external IPs or load-balancer addresses of the Services whose {@code spec.selector} contains the
 * Gateway's {@code spec.selector}.
 */
public final class IstioMapper {
    public static final String GROUP = "networking.istio.io";
    public static final String VERSION = "v1";
    static final String MESH = "mesh";

    private IstioMapper() {
    }

    /** The parts of an Istio Gateway the mapping reads. */
    public record Gateway(ObjectMeta meta, Map<String, String> selector, List<String> hosts) {
        public static Gateway of(GenericKubernetesResource r) {
            Map<?, ?> spec = map(r.getAdditionalProperties().get("spec"));
            List<String> hosts = new ArrayList<>();
            for (Object server : list(spec.get("servers"))) {
                strings(map(server).get("hosts"), hosts);
            }
            Map<String, String> selector = new LinkedHashMap<>();
            map(spec.get("selector")).forEach((k, v) -> selector.put(String.valueOf(k), String.valueOf(v)));
            return new Gateway(r.getMetadata(), selector, hosts);
        }

        /** external-dns: the Service's spec.selector (its pods' labels) matches the Gateway's selector. */
        public boolean selects(Service svc) {
            Map<String, String> podSelector = svc.getSpec() == null || svc.getSpec().getSelector() == null ? Map.of()
                    : svc.getSpec().getSelector();
            return selector.entrySet().stream().allMatch(e -> e.getValue().equals(podSelector.get(e.getKey())));
        }

        public String id() {
            return meta.getNamespace() + "/" + meta.getName();
        }
    }

    /** The parts of a VirtualService the mapping reads. */
    public record VirtualService(ObjectMeta meta, List<String> hosts, List<String> gateways, List<String> exportTo) {
        public static VirtualService of(GenericKubernetesResource r) {
            Map<?, ?> spec = map(r.getAdditionalProperties().get("spec"));
            List<String> hosts = new ArrayList<>();
            List<String> gateways = new ArrayList<>();
            List<String> exportTo = new ArrayList<>();
            strings(spec.get("hosts"), hosts);
            strings(spec.get("gateways"), gateways);
            strings(spec.get("exportTo"), exportTo);
            return new VirtualService(r.getMetadata(), hosts, gateways, exportTo);
        }

        /** The {@code <namespace>/<name>} of every Gateway it names ({@code mesh} and unparsable refs left out). */
        public List<String> gatewayIds() {
            List<String> out = new ArrayList<>();
            for (String g : gateways) {
                String id = gatewayId(g, meta.getNamespace());
                if (id != null) {
                    out.add(id);
                }
            }
            return out;
        }
    }

    /**
     * @param gateways {@code <namespace>/<name>} → the Gateway, null when not seen
     * @param services the Services in {@code --namespace} (all when unset)
     */
    public record Lookups(Function<String, Gateway> gateways, Collection<Service> services) {
    }

    public static MappingResult mapGateway(Gateway gw, Collection<Service> services, MappingOptions o) {
        Annotations ann = o.annotations(gw.meta().getAnnotations());
        String skipped = Skips.common(ann, o);
        if (skipped != null) {
            return MappingResult.skip(skipped);
        }
        List<String> hosts = new ArrayList<>();
        for (String h : gw.hosts()) {
            String host = stripNamespace(h);
            if (!host.isEmpty() && !host.equals("*")) {
                hosts.add(host);
            }
        }
        hosts.addAll(o.hostnames(ann, Annotations.HOSTNAME));
        EndpointCollector out = new EndpointCollector(o, "gateway/" + gw.id(), ann);
        List<String> targets = targets(gw, services, o);
        if (targets.isEmpty()) {
            return new MappingResult(List.of(), List.of(), "no target: no target annotation and no Service selected by "
                    + gw.selector() + " has an external IP or load-balancer address");
        }
        hosts.forEach(h -> out.add(h, targets));
        if (o.templateWanted(out.produced())) {
            out.templateNames(o.fqdnTemplate().render("Gateway", GROUP + "/" + VERSION, gw.meta(), "istio-gateway"))
                    .forEach(h -> out.add(h, targets));
        }
        return out.result();
    }

    public static MappingResult mapVirtualService(VirtualService vs, Lookups lookups, MappingOptions o) {
        Annotations ann = o.annotations(vs.meta().getAnnotations());
        String skipped = Skips.common(ann, o);
        if (skipped != null) {
            return MappingResult.skip(skipped);
        }
        EndpointCollector out = new EndpointCollector(o, "virtualservice/" + vs.meta().getNamespace() + "/"
                + vs.meta().getName(), ann);
        List<String> annotated = ann.list(Annotations.TARGET);
        Set<String> notes = new LinkedHashSet<>();
        List<String> hosts = new ArrayList<>();
        for (String h : vs.hosts()) {
            if (!h.isEmpty() && !h.equals("*")) {
                hosts.add(stripNamespace(h));
            }
        }
        hosts.addAll(o.hostnames(ann, Annotations.HOSTNAME));
        boolean any = false;
        for (String host : hosts) {
            List<String> targets = annotated.isEmpty() ? gatewayTargets(vs, host, lookups, o, notes) : annotated;
            any |= !targets.isEmpty();
            out.add(host, targets);
        }
        if (o.templateWanted(any)) { // external-dns: the template when the hosts gave nothing (or to combine)
            for (String host : out.templateNames(o.fqdnTemplate().render("VirtualService", GROUP + "/" + VERSION,
                    vs.meta(), "istio-virtualservice"))) {
                out.add(host, gatewayTargets(vs, host, lookups, o, notes));
            }
        }
        MappingResult result = out.result();
        if (result.endpoints().isEmpty() && result.rejections().isEmpty()) {
            return new MappingResult(List.of(), List.of(), notes.isEmpty() ? "no hosts" : String.join("; ", notes));
        }
        return result;
    }

    /** The targets of every Gateway of the VirtualService that binds {@code host}. */
    private static List<String> gatewayTargets(VirtualService vs, String host, Lookups lookups, MappingOptions o,
                                               Set<String> notes) {
        Set<String> targets = new LinkedHashSet<>();
        for (String id : vs.gatewayIds()) {
            Gateway gw = lookups.gateways().apply(id);
            if (gw == null) {
                notes.add("Gateway " + id + " not found");
            } else if (!binds(vs, gw, host)) {
                notes.add("Gateway " + id + " has no server host for " + host);
            } else {
                List<String> t = targets(gw, lookups.services(), o);
                if (t.isEmpty()) {
                    notes.add("Gateway " + id + " has no target (no selected Service with an address yet)");
                }
                targets.addAll(t);
            }
        }
        return new ArrayList<>(targets);
    }

    /** external-dns's virtualServiceBindsToGateway: exportTo, then a server host (namespace part, wildcards). */
    static boolean binds(VirtualService vs, Gateway gw, String vsHost) {
        String vsNs = vs.meta().getNamespace();
        String gwNs = gw.meta().getNamespace();
        if (!vs.exportTo().isEmpty() && vs.exportTo().stream()
                .noneMatch(ns -> ns.equals("*") || ns.equals(gwNs) || (ns.equals(".") && gwNs.equals(vsNs)))) {
            return false;
        }
        for (String raw : gw.hosts()) {
            String[] parts = raw.split("/", -1);
            if (parts.length > 2) {
                continue;
            }
            String ns = parts.length == 2 ? parts[0] : "*";
            String host = parts.length == 2 ? parts[1] : parts[0];
            if (ns.equals("*") || ns.equals(vsNs) || (ns.equals(".") && vsNs.equals(gwNs))) {
                if (host.equals("*") || host.equals(vsHost) || (host.startsWith("*.") && vsHost.endsWith(host.substring(1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Gateway's target annotation, else external IPs / load-balancer addresses of the Services it selects. */
    static List<String> targets(Gateway gw, Collection<Service> services, MappingOptions o) {
        List<String> annotated = o.annotations(gw.meta().getAnnotations()).list(Annotations.TARGET);
        if (!annotated.isEmpty()) {
            return annotated;
        }
        Set<String> out = new LinkedHashSet<>();
        for (Service svc : services) {
            if (!gw.selects(svc)) {
                continue;
            }
            if (svc.getSpec() != null && svc.getSpec().getExternalIPs() != null
                    && !svc.getSpec().getExternalIPs().isEmpty()) {
                out.addAll(svc.getSpec().getExternalIPs());
                continue;
            }
            if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null
                    && svc.getStatus().getLoadBalancer().getIngress() != null) {
                for (LoadBalancerIngress lb : svc.getStatus().getLoadBalancer().getIngress()) {
                    if (lb.getIp() != null && !lb.getIp().isEmpty()) {
                        out.add(lb.getIp());
                    } else if (lb.getHostname() != null && !lb.getHostname().isEmpty()) {
                        out.add(lb.getHostname());
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** {@code name} or {@code namespace/name} → {@code namespace/name}; {@code mesh}, blank or more parts → null. */
    public static String gatewayId(String ref, String defaultNamespace) {
        if (ref == null || ref.isEmpty() || ref.equals(MESH)) {
            return null;
        }
        String[] parts = ref.split("/", -1);
        if (parts.length == 1) {
            return defaultNamespace + "/" + parts[0];
        }
        if (parts.length == 2 && !parts[1].isEmpty()) {
            return (parts[0].isEmpty() ? defaultNamespace : parts[0]) + "/" + parts[1];
        }
        return null;
    }

    private static String stripNamespace(String host) {
        String[] parts = host.split("/", -1);
        return parts.length == 2 ? parts[1] : host;
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static void strings(Object o, List<String> into) {
        for (Object v : list(o)) {
            if (v != null) {
                into.add(String.valueOf(v));
            }
        }
    }
}
