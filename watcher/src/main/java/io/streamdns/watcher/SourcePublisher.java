package io.streamdns.watcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceRef;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.watcher.core.MappingRejection;
import io.streamdns.watcher.core.ObjectBound;
import io.streamdns.watcher.core.PublishedIndex;
import io.streamdns.watcher.core.ShardedState;
import io.streamdns.watcher.core.StateCodec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one object's state per shard to {@code streamdns.sources}: a {@link SourceState} for every shard whose
 * content changed, a tombstone for every shard the object left. Keeps the {@link PublishedIndex} in step. Call
 * only on the verticle's context.
 *
 * <p>Records are decided (index, metrics) on the context at once, but handed to the Kafka producer in batches: what
 * one turn of the context published goes in one ordered worker task (the producer's {@code send} may block on
 * metadata or a full buffer, so never on the event loop). Ordered tasks keep every key's records in the order they
 * were decided; one task per turn instead of a Vert.x send (a worker hop and a promise) per record is what let the
 * full pass at sync keep up with the producer.
 */
final class SourcePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SourcePublisher.class);

    /** Who the object is and which version was seen, for the SourceState provenance. */
    record Seen(String uid, String resourceVersion, long observedAt) {
        static final Seen GONE = new Seen(null, null, 0);
    }

    /** A decided record not yet handed to the producer; {@code hash} null for a tombstone. */
    private record Pending(String identity, String shard, ProducerRecord<String, byte[]> record, String hash) {
    }

    private final Context context;
    private final Producer<String, byte[]> producer;
    private final ShardResolver shards;
    private final PublishedIndex index;
    private final String scope;
    private final Counter states;
    private final Counter tombstones;
    private final Counter failures;
    /** Objects refused as a whole by their last mapping (DESIGN rule W8): their earlier states stay published. */
    private final Set<String> refused = new HashSet<>();
    private final ObjectBound bound;
    private final SourceMetrics sourceMetrics;

    /**
     * Objects a full pass mapped to nothing while they are published (a filter that now hides them, an address
     * gone): their tombstones wait for the orphan check that ends the pass, which counts them against the delete
     * budget, and a live event mapping them to nothing again keeps waiting. A retraction or a non-empty mapping
     * takes an object out.
     */
    private final Set<String> emptied = new HashSet<>();
    private List<Pending> pending = new ArrayList<>();
    private boolean flushScheduled;

    /**
     * @param scope the watcher scope: object keys are {@link ControlKeys#sourceIdentity} in it
     * @param bound what one object may claim, for every source alike
     */
    SourcePublisher(Context context, Producer<String, byte[]> producer, ShardResolver shards, PublishedIndex index,
                    String scope, ObjectBound bound, MeterRegistry registry) {
        this.context = context;
        this.bound = bound;
        this.scope = scope;
        this.producer = producer;
        this.shards = shards;
        this.index = index;
        this.states = registry.counter("streamdns.watcher.events.out", "type", "state");
        this.tombstones = registry.counter("streamdns.watcher.events.out", "type", "tombstone");
        this.failures = registry.counter("streamdns.watcher.send.failures");
        registry.gauge("streamdns.watcher.objects.refused", refused, Set::size);
        registry.gauge("streamdns.watcher.published.objects", index, PublishedIndex::size);
        this.sourceMetrics = new SourceMetrics(registry);
    }

    /** external-dns's source gauges of this watcher. */
    SourceMetrics sourceMetrics() {
        return sourceMetrics;
    }

    PublishedIndex index() {
        return index;
    }

    /**
     * Publishes what changed (the records leave at the end of this turn, or at an earlier {@link #flush()}), unless
     * the object claims more than it may (DESIGN rule W8): then nothing new is published for it, and what it had
     * published before stays (never turned into tombstones).
     *
     * @param bulk part of a full pass: per-record lines at debug, not info (20,000 lines at sync say nothing)
     * @return the refusal of the whole object this decided (the bound), for the caller to report; empty when the
     *     object was published or a refusal came with its rejections already
     */
    Optional<MappingRejection> publish(SourceRef ref, Seen seen, List<Endpoint> endpoints, List<MappingRejection> rejections,
                                boolean bulk) {
        String identity = ControlKeys.sourceIdentity(ref, scope);
        if (rejections.stream().anyMatch(MappingRejection::refusesObject)) {
            refused.add(identity);
            sourceMetrics.endpoints(identity, List.of());
            return Optional.empty();
        }
        String resource = resource(ref);
        Optional<MappingRejection> tooMany = bound.endpoints(resource, endpoints);
        if (tooMany.isPresent()) {
            refused.add(identity);
            sourceMetrics.endpoints(identity, List.of());
            return tooMany;
        }
        refused.remove(identity);
        sourceMetrics.endpoints(identity, endpoints);
        Map<String, ShardedState.Part> desired = ShardedState.split(endpoints, rejections, shards);
        if (!desired.isEmpty()) {
            emptied.remove(identity);
        } else if ((bulk || emptied.contains(identity)) && !index.shardsOf(identity).isEmpty()) {
            emptied.add(identity);
            return Optional.empty();
        }
        ShardedState.Diff diff = ShardedState.diff(index.shardsOf(identity), desired);
        if (diff.isEmpty()) {
            return Optional.empty();
        }
        // every record is encoded and measured before any is decided: the object is published whole or not at all
        Map<String, byte[]> encoded = new TreeMap<>();
        for (var upsert : diff.upserts().entrySet()) {
            String shard = upsert.getKey();
            ShardedState.Part part = upsert.getValue();
            SourceState state = new SourceState(ref.cluster(), ref.kind(), ref.namespace(), ref.name(), seen.uid(),
                    seen.resourceVersion(), seen.observedAt(), part.endpoints(), part.rejected());
            byte[] value = StateCodec.encode(state, part.endpointsJson(), part.rejectedJson());
            int keyBytes = RecordKey.of(shard, identity).getBytes(StandardCharsets.UTF_8).length;
            Optional<MappingRejection> tooLarge = bound.record(resource, shard, keyBytes, value.length);
            if (tooLarge.isPresent()) {
                refused.add(identity);
                sourceMetrics.endpoints(identity, List.of());
                return tooLarge;
            }
            encoded.put(shard, value);
        }
        diff.upserts().forEach((shard, part) -> {
            index.put(identity, shard, part.hash());
            if (bulk) {
                LOG.debug("[{}] {} rv={} → {} endpoint(s)", shard, identity, seen.resourceVersion(),
                        part.endpoints().size());
            } else {
                LOG.info("[{}] {} rv={} → {} endpoint(s)", shard, identity, seen.resourceVersion(),
                        part.endpoints().size());
            }
            enqueue(identity, shard, encoded.get(shard), part.hash());
            states.increment();
        });
        for (String shard : diff.tombstones()) {
            index.remove(identity, shard);
            LOG.info("[{}] {} tombstone", shard, identity);
            enqueue(identity, shard, null, null);
            tombstones.increment();
        }
        return Optional.empty();
    }

    /** The object as endpoint labels name it: {@code service/<namespace>/<name>}. */
    static String resource(SourceRef ref) {
        return ref.kind().toLowerCase(Locale.ROOT) + "/" + (ref.namespace() == null ? "" : ref.namespace()) + "/"
                + ref.name();
    }

    /** Tombstones every shard the object has state in. */
    void retract(SourceRef ref) {
        emptied.remove(ControlKeys.sourceIdentity(ref, scope));
        publish(ref, Seen.GONE, List.of(), List.of(), false); // nothing to bound: tombstones only
    }

    /** True when a full pass mapped the object to nothing and its tombstones wait for the budget. */
    boolean emptied(String identity) {
        return emptied.contains(identity);
    }

    private void enqueue(String identity, String shard, byte[] value, String hash) {
        String key = RecordKey.of(shard, identity);
        add(new Pending(identity, shard, new ProducerRecord<>(Topics.SOURCES, key, value), hash));
    }

    /**
     * Queues a control record (a sync marker, sent to its partition explicitly) behind everything decided so far:
     * the one ordered hand-over keeps it after those records on its partition.
     */
    void enqueueControl(ProducerRecord<String, byte[]> record) {
        add(new Pending(null, null, record, null));
    }

    private void add(Pending p) {
        pending.add(p);
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
    }

    /**
     * Hands everything decided so far to the producer in one ordered worker task. Completes when the producer has
     * taken the records (not when Kafka acknowledged them: failures come back through {@link #failed}), which is
     * what a caller needs to bound how much it queues.
     */
    Future<Void> flush() {
        flushScheduled = false;
        if (pending.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Pending> batch = pending;
        pending = new ArrayList<>();
        return context.<Void>executeBlocking(() -> {
            for (Pending p : batch) {
                sendNow(p);
            }
            return null;
        }, true);
    }

    private void sendNow(Pending p) {
        try {
            producer.send(p.record(), (meta, e) -> {
                if (e != null) {
                    context.runOnContext(v -> failed(p, e));
                }
            });
        } catch (RuntimeException e) { // e.g. the producer was closed while the stage stopped
            context.runOnContext(v -> failed(p, e));
        }
    }

    private void failed(Pending p, Throwable e) {
        failures.increment();
        if (p.identity() == null) {
            LOG.warn("{} (partition {}): send failed, written again after the next pass: {}", p.record().key(),
                    p.record().partition(), e.toString());
            return;
        }
        LOG.warn("[{}] {}: send failed, will retry on the next resync: {}", p.shard(), p.identity(), e.toString());
        // only if nothing newer was decided for this shard meanwhile
        String now = index.shardsOf(p.identity()).get(p.shard());
        if (p.hash() == null ? now == null : p.hash().equals(now)) {
            index.put(p.identity(), p.shard(), ShardedState.UNKNOWN);
        }
    }
}
