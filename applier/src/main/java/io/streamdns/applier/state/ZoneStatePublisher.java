package io.streamdns.applier.state;

import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.metrics.ApplierMetrics;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.model.shard.ShardResolver;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Writes what the provider holds to {@code streamdns.zone-state}: key {@code <shard>|<zoneId/name/type/setId>},
 * value the {@link ZoneRecord}, a tombstone for a set that is gone. The shard of a record is the shard of its name,
 * so it lands in the partition the planner of that shard reads.
 */
public final class ZoneStatePublisher {
    private final KafkaProducer<String, byte[]> producer;
    private final ShardResolver shards;
    private final int partitions;
    private final ApplierMetrics metrics;

    public ZoneStatePublisher(KafkaProducer<String, byte[]> producer, ShardResolver shards, int partitions,
                              ApplierMetrics metrics) {
        this.producer = producer;
        this.shards = shards;
        this.partitions = partitions;
        this.metrics = metrics;
    }

    public String key(Zone zone, RecordSet set) {
        ZoneRecord r = set.toZoneRecord(zone);
        return RecordKey.of(shards.shardOf(set.name()), r.identity());
    }

    public int partitionOf(String name) {
        return Partitioning.partitionOfShard(shards.shardOf(name), partitions);
    }

    public int partitionOfShard(String shard) {
        return Partitioning.partitionOfShard(shard, partitions);
    }

    /**
     * Publishes sets and tombstones whose partition passes the filter (on assignment and drift: only the
     * partitions this instance owns). Completes when Kafka acknowledged all.
     */
    public Future<Integer> publish(Zone zone, List<RecordSet> upserts, List<RecordSet> removed, IntPredicate partition) {
        List<Future<?>> sends = new ArrayList<>();
        int records = 0;
        int tombstones = 0;
        for (RecordSet s : upserts) {
            if (partition.test(partitionOf(s.name()))) {
                sends.add(producer.send(KafkaProducerRecord.create(Topics.ZONE_STATE, key(zone, s),
                        JsonCodec.encode(s.toZoneRecord(zone)))));
                records++;
            }
        }
        for (RecordSet s : removed) {
            if (partition.test(partitionOf(s.name()))) {
                sends.add(tombstone(key(zone, s)));
                tombstones++;
            }
        }
        metrics.zoneState("record", records);
        metrics.zoneState("tombstone", tombstones);
        int total = records + tombstones;
        return Future.all(sends).map(total);
    }

    public Future<?> tombstone(String key) {
        return producer.send(KafkaProducerRecord.create(Topics.ZONE_STATE, key, (byte[]) null));
    }

    public Future<Integer> tombstones(List<String> keys) {
        metrics.zoneState("tombstone", keys.size());
        return Future.all(keys.stream().map(this::tombstone).toList()).map(keys.size());
    }
}
