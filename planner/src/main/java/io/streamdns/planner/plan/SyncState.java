package io.streamdns.planner.plan;

import io.streamdns.model.control.ClusterRetirement;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.model.control.SyncMarker;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one partition of {@code streamdns.sources} says about the completeness of each cluster's desired state: its
 * sync markers per watcher scope, the scopes that have object keys there, retirements, and the shards' delete
 * approvals. A cluster is complete on the partition when it has a marker and every scope of it holding object keys
 * has one too, or when it is retired (a retirement newer than its newest marker). Pure; one owner at a time.
 */
public final class SyncState implements DeleteGate.Knowledge {
    private final int partition;
    private final Map<String, Map<String, SyncMarker>> markers = new TreeMap<>();
    private final Map<String, ClusterRetirement> retirements = new TreeMap<>();
    /** Per cluster, per scope: how many object keys the partition holds. */
    private final Map<String, Map<String, Integer>> objects = new HashMap<>();
    private final Map<String, DeleteApproval> approvals = new HashMap<>();

    public SyncState(int partition) {
        this.partition = partition;
    }

    @Override
    public int partition() {
        return partition;
    }

    /** A marker of (cluster, scope), or its tombstone ({@code null}). @return true when completeness may have changed */
    public boolean marker(String cluster, String scope, SyncMarker m) {
        boolean before = complete(cluster);
        if (m == null) {
            Map<String, SyncMarker> of = markers.get(cluster);
            if (of != null) {
                of.remove(scope);
                if (of.isEmpty()) {
                    markers.remove(cluster);
                }
            }
        } else {
            markers.computeIfAbsent(cluster, c -> new TreeMap<>()).put(scope, m);
        }
        return before != complete(cluster) || m != null;
    }

    /** A retirement of a cluster, or its tombstone. @return true when completeness may have changed */
    public boolean retirement(String cluster, ClusterRetirement r) {
        boolean before = complete(cluster);
        if (r == null) {
            retirements.remove(cluster);
        } else {
            retirements.put(cluster, r);
        }
        return before != complete(cluster);
    }

    /** A shard's delete approval, or its tombstone. */
    public void approval(String shard, DeleteApproval a) {
        if (a == null) {
            approvals.remove(shard);
        } else {
            approvals.put(shard, a);
        }
    }

    public DeleteApproval approval(String shard) {
        return approvals.get(shard);
    }

    /**
     * An object key came or went (its key identity, scope included).
     *
     * @return true when completeness may have changed (a scope got or lost its first key)
     */
    public boolean objectKey(String keyIdentity, boolean before, boolean after) {
        if (before == after) {
            return false;
        }
        String cluster = ControlKeys.clusterOf(keyIdentity);
        String scope = ControlKeys.scopeOf(keyIdentity);
        Map<String, Integer> of = objects.computeIfAbsent(cluster, c -> new HashMap<>(2));
        int n = of.getOrDefault(scope, 0) + (after ? 1 : -1);
        if (n <= 0) {
            of.remove(scope);
            if (of.isEmpty()) {
                objects.remove(cluster);
            }
        } else {
            of.put(scope, n);
        }
        return n == 0 || n == 1 && after;
    }

    @Override
    public boolean complete(String cluster) {
        if (retired(cluster)) {
            return true;
        }
        Map<String, SyncMarker> of = markers.get(cluster);
        if (of == null || of.isEmpty()) {
            return false;
        }
        Map<String, Integer> scopes = objects.getOrDefault(cluster, Map.of());
        return of.keySet().containsAll(scopes.keySet());
    }

    /** Retired: a retirement newer than the cluster's newest marker on this partition. */
    public boolean retired(String cluster) {
        ClusterRetirement r = retirements.get(cluster);
        return r != null && r.retiredAt() >= newestSync(cluster);
    }

    private long newestSync(String cluster) {
        long newest = Long.MIN_VALUE;
        for (SyncMarker m : markers.getOrDefault(cluster, Map.of()).values()) {
            newest = Math.max(newest, m.syncedAt());
        }
        return newest;
    }

    @Override
    public Set<String> known() {
        Set<String> out = new TreeSet<>(markers.keySet());
        out.addAll(objects.keySet());
        return out;
    }

    @Override
    public String why(String cluster) {
        if (cluster == null) {
            return "no cluster has synced on partition " + partition;
        }
        Map<String, SyncMarker> of = markers.get(cluster);
        if (of == null || of.isEmpty()) {
            return "cluster " + cluster + " has not synced on partition " + partition;
        }
        Set<String> missing = new TreeSet<>(objects.getOrDefault(cluster, Map.of()).keySet());
        missing.removeAll(of.keySet());
        return "cluster " + cluster + " (scope " + String.join(", ", missing) + ") has not synced on partition "
                + partition;
    }

    /** The markers of this partition by cluster and scope (for reports). */
    public Map<String, Map<String, SyncMarker>> markers() {
        return markers;
    }
}
