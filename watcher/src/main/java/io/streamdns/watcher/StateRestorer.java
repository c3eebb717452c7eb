package io.streamdns.watcher;

import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.model.control.SyncMarker;
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
 * keys of one cluster and watcher scope (what this watcher published before it (re)started), the cluster's sync
 * markers (every scope: the start-up checks compare identities and scope specs) and its watcher delete approval.
 * Control keys never count as objects. Blocking: run it on a worker.
 */
final class StateRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(StateRestorer.class);

    /** A record we could not decode: it goes to the DLQ and its key is re-published or tombstoned later. */
    record Undecodable(int partition, long offset, String key, byte[] value, String reason) {
    }

    /**
     * @param partitions partitions of the topic (markers go to each)
     * @param markers    the newest marker of this cluster per (scope, partition), any scope
     * @param approval   the newest watcher delete approval of this cluster ({@code !approve|<cluster>}), or null
     * @param approvalsFrom the end offset of partition 0 when read: approvals after it are followed live
     */
    record Restored(PublishedIndex index, List<Undecodable> undecodable, long records, int partitions,
                    List<SyncMarker> markers, DeleteApproval approval, long approvalsFrom) {
    }

    private StateRestorer() {
    }

    static Restored restore(String bootstrap, String clientId, String cluster, String scope, Duration timeout) {
        String prefix = cluster + "/";
        PublishedIndex index = new PublishedIndex();
        Map<String, Undecodable> bad = new HashMap<>();
        Map<String, SyncMarker> markers = new HashMap<>(); // "<scope>/<partition>" → newest
        DeleteApproval approval = null;
        int partitions;
        long approvalsFrom;
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                new HashMap<String, Object>(KafkaSettings.reader(bootstrap, clientId)))) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.SOURCES, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            partitions = tps.size();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            approvalsFrom = end.get(new TopicPartition(Topics.SOURCES, 0));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("restoring " + Topics.SOURCES + " took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                    if (ControlKeys.isControl(r.key())) {
                        ControlKeys.Control c = ControlKeys.parse(r.key()).orElse(null);
                        if (c != null && cluster.equals(c.cluster())) {
                            if (c.kind() == ControlKeys.Kind.SYNC_MARKER) {
                                SyncMarker m = r.value() == null ? null : decodeOrNull(r, SyncMarker.class);
                                if (m != null) {
                                    markers.put(c.scope() + "/" + r.partition(), m);
                                } else if (r.value() == null) { // tombstoned (clusters retire)
                                    markers.remove(c.scope() + "/" + r.partition());
                                }
                            } else if (c.kind() == ControlKeys.Kind.CLUSTER_APPROVAL) {
                                DeleteApproval a = r.value() == null ? null : decodeOrNull(r, DeleteApproval.class);
                                approval = a != null || r.value() == null ? a : approval;
                            }
                        }
                        continue; // malformed control keys are the readers' DLQ's business, never an object
                    }
                    RecordKey key = parse(r.key());
                    if (key == null || !key.identity().startsWith(prefix)
                            || !ControlKeys.scopeOf(key.identity()).equals(scope)) {
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
        LOG.info("restored {} objects of cluster {} scope {} and {} sync marker(s) from {} ({} records read)",
                index.size(), cluster, scope, markers.size(), Topics.SOURCES, count);
        return new Restored(index, new ArrayList<>(bad.values()), count, partitions, List.copyOf(markers.values()),
                approval, approvalsFrom);
    }

    private static <T> T decodeOrNull(ConsumerRecord<String, byte[]> r, Class<T> type) {
        try {
            return JsonCodec.decode(r.value(), type);
        } catch (CodecException e) {
            LOG.warn("{} at {}-{}@{} is undecodable, ignored: {}", r.key(), r.topic(), r.partition(), r.offset(),
                    e.getMessage());
            return null;
        }
    }

    private static RecordKey parse(String key) {
        try {
            return key == null ? null : RecordKey.parse(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
