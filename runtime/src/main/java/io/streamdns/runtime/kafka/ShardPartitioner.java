package io.streamdns.runtime.kafka;

import io.streamdns.model.shard.Partitioning;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * Kafka partitioner of every streamdns topic: hashes only the {@code <shard>} part of {@code <shard>|<identity>}
 * keys, so partition p of every topic holds the same shards (co-partitioning).
 */
public final class ShardPartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (key == null) {
            throw new IllegalArgumentException("streamdns records need a <shard>|<identity> key (topic " + topic + ")");
        }
        return Partitioning.partitionOfKey(key.toString(), cluster.partitionCountForTopic(topic));
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
