package io.streamdns.watcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.watcher.core.PublishedIndex;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes this watcher's {@link SyncMarker} on every partition of {@code streamdns.sources} after a successful full
 * pass. The markers go through the {@link SourcePublisher}'s queue, behind the pass's states and tombstones, so
 * with the idempotent producer a reader of partition p that sees the marker has seen the pass's records of p.
 */
final class SyncMarkers {
    private final String cluster;
    private final String scope;
    private final Map<String, String> scopeSpec;
    private final int partitions;
    private final SourcePublisher publisher;
    private final Counter written;
    private volatile String clusterIdentity;
    private long lastSyncedAt;

    SyncMarkers(String cluster, String scope, Map<String, String> scopeSpec, int partitions,
                SourcePublisher publisher, MeterRegistry registry) {
        this.cluster = cluster;
        this.scope = scope;
        this.scopeSpec = Map.copyOf(scopeSpec);
        this.partitions = partitions;
        this.publisher = publisher;
        this.written = registry.counter("streamdns.watcher.sync.markers");
    }

    /** The UID of the cluster's kube-system namespace (null: unreadable), recorded in every marker. */
    void clusterIdentity(String identity) {
        this.clusterIdentity = identity;
    }

    /**
     * Queues one marker per partition: keys of this scope on it now, and those of them the budget holds back.
     *
     * @param held identities whose tombstones the delete budget holds
     */
    void publish(Collection<String> held) {
        long[] objects = objectsPerPartition(publisher.index(), publisher.index().identities(), partitions);
        long[] heldTombstones = objectsPerPartition(publisher.index(), held, partitions);
        long now = System.currentTimeMillis();
        lastSyncedAt = now;
        String key = ControlKeys.syncMarker(cluster, scope);
        for (int p = 0; p < partitions; p++) {
            SyncMarker marker = new SyncMarker(cluster, clusterIdentity, scope, scopeSpec, p, now, objects[p],
                    heldTombstones[p]);
            publisher.enqueueControl(new ProducerRecord<>(Topics.SOURCES, p, key, JsonCodec.encode(marker)));
        }
        written.increment(partitions);
    }

    /** Epoch millis of the last pass a marker was queued for (0: none yet). */
    long lastSyncedAt() {
        return lastSyncedAt;
    }

    /** Keys (object, shard) of these identities per partition. */
    static long[] objectsPerPartition(PublishedIndex index, Collection<String> identities, int partitions) {
        long[] counts = new long[partitions];
        for (String identity : identities) {
            for (String shard : index.shardsOf(identity).keySet()) {
                counts[Partitioning.partitionOfShard(shard, partitions)]++;
            }
        }
        return counts;
    }
}
