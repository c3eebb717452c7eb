package io.streamdns.watcher.core;

import io.streamdns.model.Endpoint;
import io.streamdns.model.dns.Targets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What external-dns's source wrappers do to every source's endpoints, in their order: {@code --default-targets}
 * (multiSource: an endpoint without targets, or every endpoint with {@code --force-default-targets}, gets the
 * default targets, one endpoint per target type, name, TTL, set identifier, properties and labels kept), then
 * {@code --target-net-filter}/{@code --exclude-target-net} (targetFilterSource: targets outside are dropped, an
 * endpoint left without targets is dropped), then {@code --min-ttl} (postProcessor: an unset TTL takes it). What is
 * dropped is reported, never silent.
 */
final class PostProcessing {
    private PostProcessing() {
    }

    private record Key(String name, String type, String setId, long ttl, Map<String, String> props,
                       Map<String, String> labels) {
    }

    static List<Endpoint> apply(List<Endpoint> endpoints, Shaping s, List<MappingRejection> rejections) {
        List<Endpoint> out = endpoints;
        if (s.forceDefaultTargets() && !s.defaultTargets().isEmpty()) {
            Map<Key, Set<String>> merged = new LinkedHashMap<>();
            for (Endpoint e : out) {
                defaults(e.dnsName(), e.ttl(), e.setIdentifier(), e.providerSpecific(), e.labels(), s.defaultTargets(),
                        merged);
            }
            out = build(merged);
        }
        if (s.targetNets().enabled()) {
            List<Endpoint> kept = new ArrayList<>();
            for (Endpoint e : out) {
                List<String> in = new ArrayList<>();
                List<String> dropped = new ArrayList<>();
                for (String t : e.targets()) {
                    (s.targetNets().keeps(t) ? in : dropped).add(t);
                }
                if (!dropped.isEmpty()) {
                    rejections.add(new MappingRejection(MappingRejection.TARGET_FILTER, e.dnsName(), e.recordType()
                            + " targets " + dropped + " are outside --target-net-filter " + s.targetNets().include()
                            + " or inside --exclude-target-net " + s.targetNets().exclude()
                            + (in.isEmpty() ? "; the record is not published" : "")));
                }
                if (!in.isEmpty()) {
                    kept.add(dropped.isEmpty() ? e : e.withTargets(in));
                }
            }
            out = kept;
        }
        if (s.minTtlSeconds() > 0) {
            List<Endpoint> ttl = new ArrayList<>(out.size());
            for (Endpoint e : out) {
                ttl.add(e.ttl() > 0 ? e : e.withTtl(s.minTtlSeconds()));
            }
            out = ttl;
        }
        return out;
    }

    /** The default targets as endpoints of {@code name}, grouped by type (external-dns's EndpointsForHostname). */
    static void defaults(String name, long ttl, String setId, Map<String, String> props, Map<String, String> labels,
                         List<String> targets, Map<Key, Set<String>> into) {
        for (String t : targets) {
            Targets.Classified c = Targets.classify(t);
            if (c.kind() == Targets.Kind.INVALID) {
                continue; // refused when the flag is read
            }
            into.computeIfAbsent(new Key(name, c.recordType(), setId, ttl, props, labels), k -> new LinkedHashSet<>())
                    .add(c.value());
        }
    }

    /** The endpoints of a DNSEndpoint entry without targets, from the default targets. */
    static List<Endpoint> defaults(String name, long ttl, String setId, Map<String, String> props,
                                   Map<String, String> labels, List<String> targets) {
        Map<Key, Set<String>> merged = new LinkedHashMap<>();
        defaults(name, ttl, setId, props, labels, targets, merged);
        return build(merged);
    }

    private static List<Endpoint> build(Map<Key, Set<String>> merged) {
        List<Endpoint> out = new ArrayList<>();
        merged.forEach((k, t) -> out.add(new Endpoint(k.name(), k.type(), List.copyOf(t), k.ttl(), k.setId(),
                k.props(), k.labels())));
        return out;
    }
}
