package io.streamdns.model.shard;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/** The one partition function of every topic: a stable hash of the shard alone. */
public final class Partitioning {
    private Partitioning() {
    }

    public static int partitionOfShard(String shard, int numPartitions) {
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("numPartitions must be positive: " + numPartitions);
        }
        int hash = Hashing.murmur3_32_fixed().hashString(shard, StandardCharsets.UTF_8).asInt();
        return (hash & 0x7fffffff) % numPartitions;
    }

    public static int partitionOfKey(String key, int numPartitions) {
        return partitionOfShard(RecordKey.shardOf(key), numPartitions);
    }
}
