package io.streamdns.watcher;

import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.watcher.core.PublishedIndex;
import io.streamdns.watcher.core.ShardedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code streamdns.sources} from the beginning to its end offsets with a group-less consumer and keeps the
 * keys of one cluster: what this watcher published before it (re)started. Blocking: run it on a worker.
 */
final class StateRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(StateRestorer.class);

    /** A record we could not decode: it goes to the DLQ and its key is re-published or tombstoned later. */
    record Undecodable(int partition, long offset, String key, byte[] value, String reason) {
    }

    record Restored(PublishedIndex index, List<Undecodable> undecodable, long records) {
    }

    private StateRestorer() {
    }

    static Restored restore(String bootstrap, String clientId, String cluster, Duration timeout) {
        String prefix = cluster + "/";
        PublishedIndex index = new PublishedIndex();
        Map<String, Undecodable> bad = new HashMap<>();
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                new HashMap<String, Object>(KafkaSettings.reader(bootstrap, clientId)))) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.SOURCES, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("restoring " + Topics.SOURCES + " took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                    RecordKey key = parse(r.key());
                    if (key == null || !key.identity().startsWith(prefix)) {
                        continue;
                    }
                    bad.remove(r.key());
                    if (r.value() == null) {
                        index.remove(key.identity(), key.shard());
                        continue;
                    }
                    try {
                        SourceState state = JsonCodec.decode(r.value(), SourceState.class);
                        index.put(key.identity(), key.shard(), ShardedState.part(state.endpoints(), state.rejected()).hash());
                    } catch (CodecException e) {
                        // keep the key so it is overwritten (object still there) or tombstoned (object gone)
                        index.put(key.identity(), key.shard(), ShardedState.UNKNOWN);
                        bad.put(r.key(), new Undecodable(r.partition(), r.offset(), r.key(), r.value(), e.getMessage()));
                    }
                }
            }
        }
        LOG.info("restored {} objects of cluster {} from {} ({} records read)", index.size(), cluster,
                Topics.SOURCES, count);
        return new Restored(index, new ArrayList<>(bad.values()), count);
    }

    private static RecordKey parse(String key) {
        try {
            return key == null ? null : RecordKey.parse(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
