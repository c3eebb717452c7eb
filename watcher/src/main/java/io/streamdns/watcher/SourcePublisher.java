package io.streamdns.watcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceRef;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.watcher.core.PublishedIndex;
import io.streamdns.watcher.core.Rejection;
import io.streamdns.watcher.core.ShardedState;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one object's state per shard to {@code streamdns.sources}: a {@link SourceState} for every shard whose
 * content changed, a tombstone for every shard the object left. Keeps the {@link PublishedIndex} in step. Call
 * only on the verticle's context.
 */
final class SourcePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SourcePublisher.class);

    /** Who the object is and which version was seen, for the SourceState provenance. */
    record Seen(String uid, String resourceVersion, long observedAt) {
        static final Seen GONE = new Seen(null, null, 0);
    }

    private final KafkaProducer<String, byte[]> producer;
    private final ShardResolver shards;
    private final PublishedIndex index;
    private final Counter states;
    private final Counter tombstones;
    private final Counter failures;

    SourcePublisher(KafkaProducer<String, byte[]> producer, ShardResolver shards, PublishedIndex index,
                    MeterRegistry registry) {
        this.producer = producer;
        this.shards = shards;
        this.index = index;
        this.states = registry.counter("streamdns.watcher.events.out", "type", "state");
        this.tombstones = registry.counter("streamdns.watcher.events.out", "type", "tombstone");
        this.failures = registry.counter("streamdns.watcher.send.failures");
        registry.gauge("streamdns.watcher.published.objects", index, PublishedIndex::size);
    }

    PublishedIndex index() {
        return index;
    }

    /** Publishes what changed; completes when every record it sent was acknowledged (or failed). */
    Future<Void> publish(SourceRef ref, Seen seen, List<Endpoint> endpoints, List<Rejection> rejections) {
        String identity = ref.identity();
        Map<String, ShardedState.Part> desired = ShardedState.split(endpoints, rejections, shards);
        ShardedState.Diff diff = ShardedState.diff(index.shardsOf(identity), desired);
        if (diff.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<?>> sends = new ArrayList<>();
        diff.upserts().forEach((shard, part) -> {
            SourceState state = new SourceState(ref.cluster(), ref.kind(), ref.namespace(), ref.name(), seen.uid(),
                    seen.resourceVersion(), seen.observedAt(), part.endpoints(), part.rejected());
            index.put(identity, shard, part.hash());
            LOG.info("[{}] {} rv={} → {} endpoint(s)", shard, identity, seen.resourceVersion(), part.endpoints().size());
            sends.add(send(identity, shard, JsonCodec.encode(state), part.hash()));
            states.increment();
        });
        for (String shard : diff.tombstones()) {
            index.remove(identity, shard);
            LOG.info("[{}] {} tombstone", shard, identity);
            sends.add(send(identity, shard, null, null));
            tombstones.increment();
        }
        return Future.join(sends).mapEmpty();
    }

    /** Tombstones every shard the object has state in. */
    Future<Void> retract(SourceRef ref) {
        return publish(ref, Seen.GONE, List.of(), List.of());
    }

    private Future<Void> send(String identity, String shard, byte[] value, String hash) {
        String key = RecordKey.of(shard, identity);
        return producer.send(KafkaProducerRecord.create(Topics.SOURCES, key, value)).<Void>mapEmpty()
                .onFailure(e -> {
                    failures.increment();
                    LOG.warn("[{}] {}: send failed, will retry on the next resync: {}", shard, identity, e.toString());
                    // only if nothing newer was decided for this shard meanwhile
                    String now = index.shardsOf(identity).get(shard);
                    if (hash == null ? now == null : hash.equals(now)) {
                        index.put(identity, shard, ShardedState.UNKNOWN);
                    }
                });
    }
}
