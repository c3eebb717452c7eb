package io.streamdns.watcher.core;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.streamdns.model.dns.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Node → endpoints, with external-dns's node-source semantics: the node's name (or {@code --fqdn-template}) →
 * its {@code target} annotation, else its ExternalIPs (plus its internal IPv6 addresses with
 * {@code --expose-internal-ipv6}), else its InternalIPs. Unschedulable nodes are skipped with
 * {@code --exclude-unschedulable} (the default). Only the {@code ttl} and {@code target} annotations apply, as in
 * external-dns.
 */
public final class NodeMapper {
    public static final String KIND = "Node";

    private NodeMapper() {
    }

    /**
     * @param excludeUnschedulable {@code --exclude-unschedulable}
     * @param exposeInternalIpv6   {@code --expose-internal-ipv6}
     */
    public static MappingResult map(Node node, MappingOptions o, boolean excludeUnschedulable,
                                    boolean exposeInternalIpv6) {
        Annotations ann = Annotations.of(node.getMetadata().getAnnotations());
        String skipped = Skips.common(ann, o);
        if (skipped != null) {
            return MappingResult.skip(skipped);
        }
        if (excludeUnschedulable && node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return MappingResult.skip("unschedulable (--exclude-unschedulable)");
        }
        String name = node.getMetadata().getName();
        EndpointCollector out = new EndpointCollector(o, "node/" + name, ttlOnly(node.getMetadata().getAnnotations()));
        List<String> targets = ann.list(Annotations.TARGET);
        if (targets.isEmpty()) {
            targets = addresses(node, exposeInternalIpv6);
        }
        if (targets.isEmpty()) {
            out.reject(MappingRejection.INVALID_TARGET, name, "the node has no ExternalIP or InternalIP address");
        }
        // external-dns: the node's name unless a template replaces it (--combine-fqdn-annotation keeps both)
        List<String> names = new ArrayList<>();
        if (o.fqdnTemplate() == null || o.shaping().combineFqdnAnnotation()) {
            names.add(name);
        }
        if (o.fqdnTemplate() != null) {
            names.addAll(out.templateNames(o.fqdnTemplate().render(node, "node")));
        }
        for (String n : names) {
            out.add(n, targets);
        }
        return out.result();
    }

    /** external-dns reads only the ttl annotation of a node (set-identifier, alias, aws-* do not apply). */
    private static Annotations ttlOnly(Map<String, String> raw) {
        Map<String, String> ttl = new TreeMap<>();
        if (raw != null) {
            for (String prefix : List.of(Annotations.ALPHA_PREFIX, Annotations.PREFIX)) {
                String v = raw.get(prefix + Annotations.TTL);
                if (v != null) {
                    ttl.put(prefix + Annotations.TTL, v);
                }
            }
        }
        return Annotations.of(ttl);
    }

    private static List<String> addresses(Node node, boolean exposeInternalIpv6) {
        List<String> external = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        List<String> internalV6 = new ArrayList<>();
        if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
            for (NodeAddress a : node.getStatus().getAddresses()) {
                if (a.getAddress() == null || a.getAddress().isBlank()) {
                    continue;
                }
                if ("ExternalIP".equals(a.getType())) {
                    external.add(a.getAddress());
                } else if ("InternalIP".equals(a.getType())) {
                    internal.add(a.getAddress());
                    if (Targets.classify(a.getAddress()).kind() == Targets.Kind.IPV6) {
                        internalV6.add(a.getAddress());
                    }
                }
            }
        }
        if (!external.isEmpty()) {
            if (exposeInternalIpv6) {
                external.addAll(internalV6);
            }
            return external;
        }
        return internal;
    }
}
