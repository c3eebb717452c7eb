package io.streamdns.applier.state;

import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads partitions of {@code streamdns.zone-state} from the beginning to their current end, without a group: what
 * the topic says each zone holds, to tombstone what vanished. Blocking: run it on a worker.
 */
public final class ZoneStateReader {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneStateReader.class);
    private final String bootstrap;
    private final String clientId;

    public ZoneStateReader(String bootstrap, String clientId) {
        this.bootstrap = bootstrap;
        this.clientId = clientId;
    }

    /** Live (non-tombstoned) keys and values of the partitions. */
    public Map<String, ZoneRecord> read(Set<Integer> partitions) {
        Map<String, ZoneRecord> live = new HashMap<>();
        if (partitions.isEmpty()) {
            return live;
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(Topics.ZONE_STATE, p)).toList();
        Map<String, Object> config = new HashMap<>(KafkaSettings.reader(bootstrap, clientId + "-zone-state-reader"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + Topics.ZONE_STATE + " " + partitions + " timed out");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        live.remove(r.key());
                        continue;
                    }
                    try {
                        live.put(r.key(), JsonCodec.decode(r.value(), ZoneRecord.class));
                    } catch (CodecException e) {
                        // not ours to judge: keep the key so a listing can overwrite or tombstone it
                        LOG.warn("undecodable zone-state record {}: {}", r.key(), e.getMessage());
                        live.put(r.key(), null);
                    }
                }
            }
        }
        return live;
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
