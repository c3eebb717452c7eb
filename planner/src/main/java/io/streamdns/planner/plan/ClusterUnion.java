package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * external-dns's endpoint merge ({@code endpoint.MergeEndpoints}) across the objects of one cluster: plain A/AAAA
 * claims with the same name, record type, set identifier and TTL (and the same routing properties) become one claim
 * holding the union of their targets, so no object's addresses vanish. The merged claim carries the labels of the
 * object whose resource already owns the record (no TXT churn), else of the lowest resource (external-dns sorts by
 * resource and keeps the first). Claims that differ in TTL or properties, CNAMEs and ALIASes are left to the
 * conflict rule, as external-dns leaves them to its plan.
 */
final class ClusterUnion {
    private record Key(String cluster, String type, String setId, long ttl, Map<String, String> props) {
    }

    private ClusterUnion() {
    }

    /** The claims of one name, those of one cluster merged where external-dns merges them; {@code sameName} if none. */
    static List<Endpoint> apply(List<Endpoint> sameName, MultiClusterMerger.CurrentLookup currentOwner) {
        Map<Key, List<Endpoint>> groups = null;
        for (Endpoint e : sameName) {
            if (!plainAddress(e)) {
                continue;
            }
            if (groups == null) {
                groups = new LinkedHashMap<>();
            }
            groups.computeIfAbsent(new Key(label(e, Labels.CLUSTER), e.recordType(), e.setIdentifier(), e.ttl(),
                    RecordComparison.comparableProperties(e.providerSpecific())), k -> new ArrayList<>(2)).add(e);
        }
        if (groups == null || groups.values().stream().allMatch(g -> g.size() == 1)) {
            return sameName;
        }
        List<Endpoint> rest = new ArrayList<>(sameName.size());
        for (Endpoint e : sameName) {
            if (!plainAddress(e)) {
                rest.add(e);
            }
        }
        for (List<Endpoint> g : groups.values()) {
            rest.add(g.size() == 1 ? g.get(0) : union(g, currentOwner));
        }
        return rest;
    }

    private static Endpoint union(List<Endpoint> claims, MultiClusterMerger.CurrentLookup currentOwner) {
        Endpoint first = claims.get(0);
        Endpoint current = currentOwner.current(first.dnsName(), first.recordType(), first.setIdentifier());
        Endpoint primary = null;
        Map<String, String> targets = new TreeMap<>();
        for (Endpoint c : claims) {
            for (String t : c.targets()) {
                targets.putIfAbsent(RecordComparison.normalize(t), t);
            }
            if (MultiClusterMerger.holds(current, c)) {
                if (primary == null || Planner.CANDIDATE_ORDER.compare(c, primary) < 0) {
                    primary = c;
                }
            }
        }
        if (primary == null) {
            for (Endpoint c : claims) {
                if (primary == null || Planner.CANDIDATE_ORDER.compare(c, primary) < 0) {
                    primary = c;
                }
            }
        }
        return new Endpoint(primary.dnsName(), primary.recordType(), List.copyOf(targets.values()), primary.ttl(),
                primary.setIdentifier(), primary.providerSpecific(), primary.labels());
    }

    private static boolean plainAddress(Endpoint e) {
        return (e.recordType().equals(RecordTypes.A) || e.recordType().equals(RecordTypes.AAAA))
                && !RecordComparison.isAlias(e);
    }

    private static String label(Endpoint e, String key) {
        return Objects.requireNonNullElse(e.label(key), "");
    }
}
