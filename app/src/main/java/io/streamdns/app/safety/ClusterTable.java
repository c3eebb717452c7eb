package io.streamdns.app.safety;

import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ClusterRetirement;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.model.shard.RecordKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code streamdns.sources} says about its clusters: per cluster and watcher scope the sync markers of each
 * partition, the object keys per partition, and retirements. Built from the latest record per key; pure.
 */
final class ClusterTable {
    /** One watcher scope of a cluster. */
    static final class Scope {
        final Map<Integer, SyncMarker> markers = new TreeMap<>();
        final Map<Integer, Integer> objects = new TreeMap<>();

        long lastSync() {
            return markers.values().stream().mapToLong(SyncMarker::syncedAt).max().orElse(0);
        }

        long held() {
            return markers.values().stream().mapToLong(SyncMarker::heldTombstones).sum();
        }

        Optional<SyncMarker> newest() {
            return markers.values().stream().max(Comparator.comparingLong(SyncMarker::syncedAt));
        }
    }

    /** One cluster: its scopes and its retirement (if any). */
    static final class Cluster {
        final Map<String, Scope> scopes = new TreeMap<>();
        ClusterRetirement retired;
    }

    final Map<String, Cluster> clusters = new TreeMap<>();
    final List<String> problems = new ArrayList<>();

    static ClusterTable of(List<SourcesTopic.Latest> records) {
        ClusterTable t = new ClusterTable();
        for (SourcesTopic.Latest r : records) {
            if (r.value() == null) {
                continue; // tombstone: the key is gone
            }
            if (ControlKeys.isControl(r.key())) {
                t.control(r);
                continue;
            }
            RecordKey k;
            try {
                k = RecordKey.parse(r.key());
            } catch (IllegalArgumentException e) {
                continue;
            }
            String identity = k.identity();
            t.scope(ControlKeys.clusterOf(identity), ControlKeys.scopeOf(identity)).objects
                    .merge(r.partition(), 1, Integer::sum);
        }
        return t;
    }

    private void control(SourcesTopic.Latest r) {
        Optional<ControlKeys.Control> c = ControlKeys.parse(r.key());
        if (c.isEmpty()) {
            problems.add("malformed control key " + r.key() + " on partition " + r.partition());
            return;
        }
        try {
            switch (c.get().kind()) {
                case SYNC_MARKER -> scope(c.get().cluster(), c.get().scope()).markers.put(r.partition(),
                        JsonCodec.decode(r.value(), SyncMarker.class));
                case RETIREMENT -> cluster(c.get().cluster()).retired = JsonCodec.decode(r.value(), ClusterRetirement.class);
                default -> {
                }
            }
        } catch (CodecException e) {
            problems.add("undecodable " + r.key() + " on partition " + r.partition() + ": " + e.getMessage());
        }
    }

    private Cluster cluster(String name) {
        return clusters.computeIfAbsent(name, n -> new Cluster());
    }

    private Scope scope(String cluster, String scope) {
        return cluster(cluster).scopes.computeIfAbsent(scope, s -> new Scope());
    }
}
