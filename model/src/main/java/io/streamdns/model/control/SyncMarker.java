package io.streamdns.model.control;

import io.streamdns.model.Require;
import java.util.Map;

/**
 * "The desired state of this watcher is complete on this partition": written by a watcher on every partition of
 * {@code streamdns.sources} after each successful full pass, after the states of that pass (so a reader that has
 * seen the marker has seen them too). Key {@link ControlKeys#syncMarker}, sent to {@code partition} explicitly.
 *
 * @param cluster         {@code --cluster-name}
 * @param clusterIdentity the UID of the cluster's {@code kube-system} namespace, or null when it could not be read
 * @param scope           {@code --watcher-scope}: the key space of this watcher within its cluster
 * @param scopeSpec       the flags that decide what the watcher sees (source, namespace, filters), for operators
 *                        and for the start-up check that one scope is not shared by different filters
 * @param partition       the partition this marker is about (and was written to)
 * @param syncedAt        epoch millis the pass completed
 * @param objects         objects (keys) of this watcher scope on this partition at that time
 * @param heldTombstones  tombstones of the pass the watcher's delete budget held back (0 normally)
 */
public record SyncMarker(String cluster, String clusterIdentity, String scope, Map<String, String> scopeSpec,
                         int partition, long syncedAt, long objects, long heldTombstones) {
    public SyncMarker {
        Require.text(cluster, "cluster");
        scope = scope == null || scope.isBlank() ? ControlKeys.DEFAULT_SCOPE : scope;
        scopeSpec = Require.map(scopeSpec);
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
    }
}
