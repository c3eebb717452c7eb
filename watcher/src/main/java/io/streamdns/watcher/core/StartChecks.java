package io.streamdns.watcher.core;

import io.streamdns.model.control.SyncMarker;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The start-up refusals, decided from the sync markers of this cluster read back at start: a watcher scope shared
 * by watchers with different filters (they would tombstone each other's objects), and a cluster name that names
 * another cluster (a wrong kubeconfig or context: the new one's empty view would tombstone everything). Each
 * returns the refusal message, or empty when the watcher may start.
 */
public final class StartChecks {
    private StartChecks() {
    }

    /**
     * @param window how recent a marker of another spec must be to refuse: 2 x max(resync, relist), the longest
     *               a live watcher of that scope goes without writing one
     */
    public static Optional<String> scopeConflict(String cluster, String scope, Map<String, String> spec,
                                                 Collection<SyncMarker> markers, long now, Duration window,
                                                 boolean scopeChanged) {
        Optional<SyncMarker> newest = markers.stream()
                .filter(m -> m.cluster().equals(cluster) && m.scope().equals(scope))
                .max(Comparator.comparingLong(SyncMarker::syncedAt));
        if (scopeChanged || newest.isEmpty() || newest.get().scopeSpec().equals(spec)
                || newest.get().syncedAt() < now - window.toMillis()) {
            return Optional.empty();
        }
        SyncMarker m = newest.get();
        return Optional.of("watcher scope '" + scope + "' of cluster '" + cluster + "' was synced "
                + ago(now, m.syncedAt()) + " by a watcher with " + m.scopeSpec() + ", but this watcher has " + spec
                + ". Two watchers with different filters in one scope tombstone each other's objects: give this one "
                + "its own --watcher-scope, or pass --scope-changed if the flags were changed on purpose (objects "
                + "that left the scope are then tombstoned, under the delete budget)");
    }

    /**
     * @param identity the UID of this API server's kube-system namespace, or null when unreadable (then nothing
     *                 can be compared: the delete budget still protects)
     */
    public static Optional<String> identityConflict(String cluster, String identity, Collection<SyncMarker> markers,
                                                    boolean clusterReplaced) {
        if (identity == null || clusterReplaced) {
            return Optional.empty();
        }
        return markers.stream()
                .filter(m -> m.cluster().equals(cluster) && m.clusterIdentity() != null
                        && !Objects.equals(m.clusterIdentity(), identity))
                .max(Comparator.comparingLong(SyncMarker::syncedAt))
                .map(m -> "cluster name '" + cluster + "' belongs to the cluster whose kube-system namespace has UID "
                        + m.clusterIdentity() + " (scope '" + m.scope() + "', synced at "
                        + Instant.ofEpochMilli(m.syncedAt()) + "), but this API server's kube-system UID is " + identity
                        + ": another cluster (a wrong kubeconfig or context?). Refusing to start, since its view would "
                        + "tombstone the other cluster's objects; pass --cluster-replaced if the cluster was replaced "
                        + "on purpose, or give this one its own --cluster-name");
    }

    private static String ago(long now, long then) {
        return Instant.ofEpochMilli(then) + " (" + Math.max(0, (now - then) / 1000) + " s ago)";
    }
}
