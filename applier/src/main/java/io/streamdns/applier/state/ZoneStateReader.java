package io.streamdns.applier.state;

import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.kafka.ReadToEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partitions of {@code streamdns.zone-state} from the beginning to their current end, without a group: what
 * the topic says each zone holds, to tombstone what vanished. A record whose key is not {@code <shard>|<identity>} or
 * whose value does not decode is reported (for the DLQ) and never stops the reading. Blocking: run it on a worker.
 */
public final class ZoneStateReader implements ZoneStateKeeper.TopicReader {
    private final String bootstrap;
    private final String clientId;

    public ZoneStateReader(String bootstrap, String clientId) {
        this.bootstrap = bootstrap;
        this.clientId = clientId;
    }

    /** A record that is not a zone-state record: for the DLQ. */
    public record Malformed(int partition, long offset, String key, byte[] value, String reason) {
    }

    /**
     * @param live      live (non-tombstoned) keys and values; a key whose latest value does not decode maps to null
     * @param malformed records with a malformed key or value, in offset order
     */
    public record Snapshot(Map<String, ZoneRecord> live, List<Malformed> malformed) {
    }

    @Override
    public Snapshot read(Set<Integer> partitions) {
        Map<String, ZoneRecord> live = new HashMap<>();
        List<Malformed> malformed = new ArrayList<>();
        if (partitions.isEmpty()) {
            return new Snapshot(live, malformed);
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(Topics.ZONE_STATE, p)).toList();
        Map<String, Object> config = new HashMap<>(KafkaSettings.reader(bootstrap, clientId + "-zone-state-reader"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            ReadToEnd.read(consumer, tps, Duration.ofSeconds(30),
                    r -> accept(live, malformed, r.partition(), r.offset(), r.key(), r.value()));
        }
        return new Snapshot(live, malformed);
    }

    /** One record into the snapshot (pure; the reading loop's body). */
    static void accept(Map<String, ZoneRecord> live, List<Malformed> malformed, int partition, long offset, String key,
                       byte[] value) {
        try {
            RecordKey.parse(key);
        } catch (IllegalArgumentException e) {
            malformed.add(new Malformed(partition, offset, key, value, "malformed zone-state key: " + e.getMessage()));
            return;
        }
        if (value == null) {
            live.remove(key);
            return;
        }
        try {
            live.put(key, JsonCodec.decode(value, ZoneRecord.class));
        } catch (CodecException e) {
            // keep the key so a listing of its zone overwrites or tombstones it
            malformed.add(new Malformed(partition, offset, key, value, "undecodable zone-state value: " + e.getMessage()));
            live.put(key, null);
        }
    }
}
