package io.streamdns.watcher;

import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.Blocking;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.kafka.ReadToEnd;
import io.streamdns.watcher.core.PublishedIndex;
import io.streamdns.watcher.core.ShardedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code streamdns.sources} from the beginning to its end offsets with a group-less consumer and keeps the
 * keys of one cluster and watcher scope (what this watcher published before it (re)started), the cluster's sync
 * markers (every scope: the start-up checks compare identities and scope specs) and its watcher delete approval.
 * Control keys never count as objects. Reads with {@link ReadToEnd}. Blocking: run it on a worker
 * ({@link io.streamdns.runtime.RestoreWorkers}).
 */
@Blocking("the streamdns-restore worker pool (RestoreWorkers): it reads the whole topic with a raw consumer")
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

    static Restored restore(String bootstrap, String clientId, String cluster, String scope, Duration quiet) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                new HashMap<String, Object>(KafkaSettings.reader(bootstrap, clientId)))) {
            return restore(consumer, cluster, scope, quiet);
        }
    }

    /**
     * @param consumer a group-less consumer (the caller closes it)
     * @param quiet    how long the read may go without progress ({@link ReadToEnd})
     */
    static Restored restore(Consumer<String, byte[]> consumer, String cluster, String scope, Duration quiet) {
        List<TopicPartition> tps = consumer.partitionsFor(Topics.SOURCES, quiet).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        Reading reading = new Reading(cluster, scope);
        Map<TopicPartition, Long> end = ReadToEnd.read(consumer, tps, quiet, reading::apply);
        LOG.info("restored {} objects of cluster {} scope {} and {} sync marker(s) from {} ({} records read)",
                reading.index.size(), cluster, scope, reading.markers.size(), Topics.SOURCES, reading.count);
        return new Restored(reading.index, new ArrayList<>(reading.bad.values()), reading.count, tps.size(),
                List.copyOf(reading.markers.values()), reading.approval,
                end.getOrDefault(new TopicPartition(Topics.SOURCES, 0), 0L));
    }

    /** What the records read so far hold for this cluster and scope. */
    private static final class Reading {
        final String cluster;
        final String scope;
        final String prefix;
        final PublishedIndex index = new PublishedIndex();
        final Map<String, Undecodable> bad = new HashMap<>();
        final Map<String, SyncMarker> markers = new HashMap<>(); // "<scope>/<partition>" → newest
        DeleteApproval approval;
        long count;

        Reading(String cluster, String scope) {
            this.cluster = cluster;
            this.scope = scope;
            this.prefix = cluster + "/";
        }

        void apply(ConsumerRecord<String, byte[]> r) {
            count++;
            if (ControlKeys.isControl(r.key())) {
                control(r);
                return; // malformed control keys are the readers' DLQ's business, never an object
            }
            RecordKey key = parse(r.key());
            if (key == null || !key.identity().startsWith(prefix)
                    || !ControlKeys.scopeOf(key.identity()).equals(scope)) {
                return;
            }
            bad.remove(r.key());
            if (r.value() == null) {
                index.remove(key.identity(), key.shard());
                return;
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

        private void control(ConsumerRecord<String, byte[]> r) {
            ControlKeys.Control c = ControlKeys.parse(r.key()).orElse(null);
            if (c == null || !cluster.equals(c.cluster())) {
                return;
            }
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
