package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges claims of several clusters on one (name, type) without a set identifier, before planning. Claims of one
 * cluster are first merged as external-dns merges endpoints ({@link ClusterUnion}: plain A/AAAA of equal set
 * identifier and TTL become the union of their targets); what remains of a single cluster passes on to
 * external-dns's per-resource conflict resolution. Per
 * cluster one representative claim is chosen as external-dns would (the resource that owns the current record,
 * else the smallest targets); then, by strategy:
 * <ul>
 *   <li>{@code merge}: plain A/AAAA representatives are unioned into one record set; if any is a CNAME or an
 *       ALIAS the claims become weighted sets;</li>
 *   <li>{@code weighted}: each representative becomes a weighted set, {@code SetIdentifier=<cluster>},
 *       {@code aws/weight} from the claim or 1;</li>
 *   <li>{@code first-wins}: only the lexicographically first (cluster, resource) claim stays.</li>
 * </ul>
 */
final class MultiClusterMerger {
    static final String DEFAULT_WEIGHT = "1";
    private static final Comparator<Endpoint> BY_CLUSTER_RESOURCE = Comparator
            .comparing((Endpoint e) -> label(e, Labels.CLUSTER))
            .thenComparing(e -> label(e, Labels.RESOURCE))
            .thenComparing(e -> String.join(",", e.targets()));

    private final MultiClusterStrategy strategy;

    MultiClusterMerger(MultiClusterStrategy strategy) {
        this.strategy = strategy;
    }

    /** The current record of (name, type, set identifier), or null: its labels say who holds it. */
    interface CurrentLookup {
        Endpoint current(String name, String type, String setIdentifier);
    }

    List<Endpoint> merge(List<Endpoint> desired, CurrentLookup currentOwner) {
        // most names have one claim: keep those allocation-free (Endpoint or List<Endpoint> per name)
        Map<String, Object> byName = new HashMap<>(Math.max(16, desired.size() * 4 / 3));
        List<Endpoint> out = new ArrayList<>(desired.size());
        for (Endpoint e : desired) {
            Object seen = byName.get(e.dnsName());
            if (seen == null) {
                byName.put(e.dnsName(), e);
            } else if (seen instanceof Endpoint first) {
                List<Endpoint> l = new ArrayList<>(2);
                l.add(first);
                l.add(e);
                byName.put(e.dnsName(), l);
            } else {
                @SuppressWarnings("unchecked")
                List<Endpoint> l = (List<Endpoint>) seen;
                l.add(e);
            }
        }
        for (Object v : byName.values()) {
            if (v instanceof Endpoint single) {
                out.add(single);
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Endpoint> sameName = (List<Endpoint>) v;
            Map<String, List<Endpoint>> byType = new LinkedHashMap<>();
            for (Endpoint e : ClusterUnion.apply(sameName, currentOwner)) {
                if (e.setIdentifier() != null) {
                    out.add(e); // a set of its own: no multi-cluster strategy applies
                } else {
                    byType.computeIfAbsent(e.recordType(), k -> new ArrayList<>(2)).add(e);
                }
            }
            for (List<Endpoint> claims : byType.values()) {
                mergeGroup(claims, currentOwner, out);
            }
        }
        return out;
    }

    private void mergeGroup(List<Endpoint> claims, CurrentLookup currentOwner, List<Endpoint> out) {
        if (claims.size() > 1) {
            claims.sort(Planner.CANDIDATE_ORDER);
        }
        if (claims.size() == 1 || clusters(claims).size() <= 1) {
            out.addAll(claims);
            return;
        }
        claims.sort(BY_CLUSTER_RESOURCE);
        Endpoint first = claims.get(0);
        switch (strategy) {
            case FIRST_WINS -> out.add(first);
            case WEIGHTED -> out.addAll(weighted(claims, currentOwner));
            case MERGE -> {
                if (claims.stream().allMatch(MultiClusterMerger::plainAddress)) {
                    out.add(union(claims, currentOwner.current(first.dnsName(), first.recordType(), null)));
                } else {
                    out.addAll(weighted(claims, currentOwner));
                }
            }
            default -> throw new IllegalStateException(strategy.name());
        }
    }

    private static List<Endpoint> weighted(List<Endpoint> claims, CurrentLookup currentOwner) {
        List<Endpoint> out = new ArrayList<>();
        for (Map.Entry<String, List<Endpoint>> byCluster : byCluster(claims).entrySet()) {
            String cluster = byCluster.getKey();
            Endpoint first = byCluster.getValue().get(0);
            Endpoint rep = representative(byCluster.getValue(), currentOwner.current(first.dnsName(), first.recordType(), cluster));
            Map<String, String> props = new TreeMap<>(rep.providerSpecific());
            props.putIfAbsent(ProviderProperties.AWS_WEIGHT, DEFAULT_WEIGHT);
            out.add(new Endpoint(rep.dnsName(), rep.recordType(), rep.targets(), rep.ttl(), cluster, props, rep.labels()));
        }
        return out;
    }

    private static Endpoint union(List<Endpoint> claims, Endpoint current) {
        List<Endpoint> reps = new ArrayList<>();
        for (List<Endpoint> ofCluster : byCluster(claims).values()) {
            reps.add(representative(ofCluster, current));
        }
        Endpoint primary = reps.stream().filter(r -> holds(current, r)).findFirst().orElse(reps.get(0));
        Map<String, String> targets = new TreeMap<>();
        long ttl = 0;
        for (Endpoint r : reps) {
            for (String t : r.targets()) {
                targets.putIfAbsent(RecordComparison.normalize(t), t);
            }
            if (r.ttl() > 0 && (ttl == 0 || r.ttl() < ttl)) {
                ttl = r.ttl();
            }
        }
        return new Endpoint(primary.dnsName(), primary.recordType(), List.copyOf(targets.values()), ttl, null,
                primary.providerSpecific(), primary.labels());
    }

    /** The resource that owns the current record keeps it; else the smallest targets (external-dns). */
    private static Endpoint representative(List<Endpoint> claims, Endpoint current) {
        Endpoint min = null;
        for (Endpoint c : claims) {
            if (holds(current, c) && (min == null || RecordComparison.lessTargets(c.targets(), min.targets()))) {
                min = c;
            }
        }
        if (min != null) {
            return min;
        }
        for (Endpoint c : claims) {
            if (min == null || RecordComparison.lessTargets(c.targets(), min.targets())) {
                min = c;
            }
        }
        return min;
    }

    /**
     * True when the current record belongs to the claim's object: same resource and, when the record names its
     * cluster (streamdns writes it; external-dns does not), the same cluster, since every cluster may run an object
     * of the same kind/namespace/name.
     */
    static boolean holds(Endpoint current, Endpoint claim) {
        if (current == null) {
            return false;
        }
        String res = current.label(Labels.RESOURCE);
        String cluster = current.label(Labels.CLUSTER);
        return res != null && res.equals(claim.label(Labels.RESOURCE))
                && (cluster == null || cluster.equals(claim.label(Labels.CLUSTER)));
    }

    private static Map<String, List<Endpoint>> byCluster(List<Endpoint> sortedClaims) {
        Map<String, List<Endpoint>> m = new LinkedHashMap<>();
        for (Endpoint c : sortedClaims) {
            m.computeIfAbsent(label(c, Labels.CLUSTER), k -> new ArrayList<>(1)).add(c);
        }
        return m;
    }

    private static Set<String> clusters(List<Endpoint> claims) {
        Set<String> s = new LinkedHashSet<>();
        for (Endpoint c : claims) {
            s.add(label(c, Labels.CLUSTER));
        }
        return s;
    }

    private static boolean plainAddress(Endpoint e) {
        return (e.recordType().equals(RecordTypes.A) || e.recordType().equals(RecordTypes.AAAA))
                && !RecordComparison.isAlias(e);
    }

    private static String label(Endpoint e, String key) {
        return Objects.requireNonNullElse(e.label(key), "");
    }
}
