package io.streamdns.applier.state;

import io.streamdns.applier.batch.Change;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneIndex;
import io.streamdns.applier.metrics.ApplierMetrics;
import io.streamdns.applier.provider.CallStats;
import io.streamdns.applier.provider.DnsProvider;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.dns.DnsNames;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.runtime.Backoff;
import io.streamdns.runtime.RestoreWorkers;
import io.streamdns.runtime.kafka.DeadLetters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code streamdns.zone-state} equal to the provider for the partitions this instance owns: on assignment it
 * lists the zones of those partitions and publishes what differs from the topic (tombstoning what vanished); after
 * each accepted change it publishes the new truth; the drift check re-lists and republishes differences.
 * Assignment work and drift checks run one at a time.
 */
public final class ZoneStateKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneStateKeeper.class);

    /** Reads zone-state partitions to their end (blocking; {@link ZoneStateReader} on Kafka). */
    public interface TopicReader {
        ZoneStateReader.Snapshot read(Set<Integer> partitions);
    }

    private final Vertx vertx;
    private final DnsProvider provider;
    private final ZoneCatalog catalog;
    private final ZoneCache cache;
    private final ZoneStatePublisher publisher;
    private final TopicReader reader;
    private final DeadLetters deadLetters;
    private final ShardResolver shards;
    private final DomainFilter filter;
    private final ApplierMetrics metrics;
    private final Set<Integer> assigned = new TreeSet<>();
    private Future<Void> tail = Future.succeededFuture();
    /** Sets whose zone-state publication failed, by zone id and key: republished from the view until Kafka has them. */
    private final Map<String, Map<String, RecordSet>> unpublished = new HashMap<>();
    private final Map<String, Zone> unpublishedZones = new HashMap<>();
    private long repairTimer = -1;
    private int repairAttempt;
    private io.vertx.core.WorkerExecutor restoreWorkers;
    /** Remembered sets being republished right now (out of {@link #unpublished} until Kafka answers). */
    private int repairing;

    public ZoneStateKeeper(Vertx vertx, DnsProvider provider, ZoneCatalog catalog, ZoneCache cache,
                           ZoneStatePublisher publisher, TopicReader reader, ShardResolver shards,
                           DomainFilter filter, ApplierMetrics metrics, DeadLetters deadLetters) {
        this.vertx = vertx;
        this.provider = provider;
        this.catalog = catalog;
        this.cache = cache;
        this.publisher = publisher;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.shards = shards;
        this.filter = filter;
        this.metrics = metrics;
        metrics.gauge("zone.state.unpublished", this::unpublished);
    }

    public ZoneCache cache() {
        return cache;
    }

    public ZoneCatalog catalog() {
        return catalog;
    }

    public Set<Integer> assigned() {
        return Set.copyOf(assigned);
    }

    /** Runs after whatever assignment or drift work is queued. */
    private Future<Void> serially(Supplier<Future<Void>> work) {
        Future<Void> next = tail.transform(ignored -> work.get());
        tail = next.recover(t -> Future.succeededFuture());
        return next;
    }

    public Future<Void> onAssigned(Set<Integer> partitions) {
        Set<Integer> fresh = Set.copyOf(partitions);
        assigned.addAll(fresh);
        return serially(() -> load(fresh));
    }

    public void onRevoked(Set<Integer> partitions) {
        assigned.removeAll(partitions);
    }

    /** One assignment's load: what the topic holds for its partitions, the zones to list, the keys listed. */
    private static final class Loading {
        final Set<Integer> partitions;
        final Map<String, ZoneRecord> onTopic;
        final Set<Zone> zones = new LinkedHashSet<>();
        final Set<String> listedKeys = new HashSet<>();

        Loading(Set<Integer> partitions, Map<String, ZoneRecord> onTopic) {
            this.partitions = partitions;
            this.onTopic = onTopic;
        }
    }

    /** Reads the partitions' zone-state, lists every zone they concern, publishes the differences. */
    private Future<Void> load(Set<Integer> partitions) {
        Set<Integer> still = new HashSet<>(partitions);
        still.retainAll(assigned);
        if (still.isEmpty()) {
            return Future.succeededFuture();
        }
        return catalog.index()
                .compose(index -> readTopic(still).map(loading -> zonesToList(loading, index)))
                .compose(this::listZones)
                .compose(this::tombstoneVanished);
    }

    private Future<Loading> readTopic(Set<Integer> partitions) {
        if (restoreWorkers == null) { // made on the verticle's context, so it closes with the verticle
            restoreWorkers = RestoreWorkers.create(vertx);
        }
        return restoreWorkers.executeBlocking(() -> reader.read(partitions), false).map(snapshot -> {
            deadLetter(snapshot.malformed());
            return new Loading(partitions, snapshot.live());
        });
    }

    /** The zones of the partitions' shards plus every managed zone the topic holds records of. */
    private Loading zonesToList(Loading loading, ZoneIndex index) {
        loading.zones.addAll(relevant(index, loading.partitions));
        Set<String> topicZoneIds = new HashSet<>();
        loading.onTopic.keySet().forEach(k -> topicZoneIds.add(zoneIdOf(k)));
        index.zones().stream().filter(z -> topicZoneIds.contains(z.id())).forEach(loading.zones::add);
        LOG.info("partitions {}: listing {} zone(s) {}, {} record(s) on the topic", loading.partitions,
                loading.zones.size(), loading.zones, loading.onTopic.size());
        return loading;
    }

    /** Lists each zone into the cache and publishes the sets the topic does not hold as they are. */
    private Future<Loading> listZones(Loading loading) {
        Future<Void> chain = Future.succeededFuture();
        for (Zone zone : loading.zones) {
            chain = chain.compose(v -> listStable(zone, 3).compose(sets -> {
                List<RecordSet> changed = new ArrayList<>();
                for (RecordSet s : sets) {
                    String key = publisher.key(zone, s);
                    loading.listedKeys.add(key);
                    if (!Objects.equals(loading.onTopic.get(key), s.toZoneRecord(zone))) {
                        changed.add(s);
                    }
                }
                return publisher.publish(zone, changed, List.of(), loading.partitions::contains).mapEmpty();
            }));
        }
        return chain.map(loading);
    }

    /** Tombstones topic records the listing no longer found, of zones we manage only (other groups share it). */
    private Future<Void> tombstoneVanished(Loading loading) {
        Set<String> listedZones = new HashSet<>();
        loading.zones.forEach(z -> listedZones.add(z.id()));
        List<String> vanished = loading.onTopic.keySet().stream()
                .filter(k -> !loading.listedKeys.contains(k) && listedZones.contains(zoneIdOf(k))).sorted().toList();
        if (!vanished.isEmpty()) {
            LOG.info("partitions {}: tombstoning {} record(s) no longer in the provider", loading.partitions,
                    vanished.size());
        }
        return publisher.tombstones(vanished).mapEmpty();
    }

    /** Malformed zone-state records go to the DLQ with the reason; the listing goes on without them. */
    private void deadLetter(List<ZoneStateReader.Malformed> malformed) {
        for (ZoneStateReader.Malformed m : malformed) {
            if (deadLetters == null) {
                LOG.warn("zone-state {}-{}@{} key={}: {}", Topics.ZONE_STATE, m.partition(), m.offset(),
                        m.key(), m.reason());
                continue;
            }
            deadLetters.send(Topics.ZONE_STATE, m.partition(), m.offset(), m.key(), m.value(), m.reason())
                    .onFailure(t -> LOG.warn("dead-lettering zone-state {}@{} failed (again at the next assignment): {}",
                            m.partition(), m.offset(), t.toString()));
        }
    }

    /** Lists a zone into the cache; a write that lands meanwhile makes the listing stale, so it is taken again. */
    private Future<List<RecordSet>> listStable(Zone zone, int tries) {
        long version = cache.version(zone.id());
        return provider.records(zone, new CallStats()).compose(sets -> {
            if (cache.version(zone.id()) != version && tries > 1) {
                return listStable(zone, tries - 1);
            }
            cache.replace(zone, sets);
            return Future.succeededFuture(sets);
        });
    }

    /** Lists zones a plan needs that no assignment loaded yet (names whose zone spans several shards). */
    public Future<Void> ensureLoaded(List<Zone> zones) {
        Future<Void> chain = Future.succeededFuture();
        for (Zone zone : zones) {
            if (!cache.isLoaded(zone.id())) {
                chain = chain.compose(v -> cache.isLoaded(zone.id()) ? Future.succeededFuture()
                        : listStable(zone, 3).compose(sets -> publishOrRepair(zone, sets, List.of(), assigned::contains)));
            }
        }
        return chain;
    }

    /** Accepted changes, in wire order: into the cache and onto the topic (the truth, whoever's partition). */
    public Future<Void> applied(Zone zone, List<Change> changes) {
        List<RecordSet> upserts = new ArrayList<>();
        List<RecordSet> removed = new ArrayList<>();
        for (Change c : changes) {
            cache.apply(zone, c);
            if (c.action() == Change.Action.DELETE) {
                removed.add(c.recordSet());
                upserts.removeIf(s -> s.key().equals(c.recordSet().key()));
            } else {
                upserts.add(c.recordSet());
                removed.removeIf(s -> s.key().equals(c.recordSet().key()));
            }
        }
        return publishOrRepair(zone, upserts, removed, p -> true);
    }

    /** Re-reads one name (a refused create or delete) and publishes what is really there. */
    public Future<Void> reread(Zone zone, String name, CallStats stats) {
        return provider.recordsAt(zone, name, stats).compose(sets -> {
            ZoneCache.Diff diff = cache.replaceAt(zone, name, sets);
            return publishOrRepair(zone, diff.upserted().isEmpty() ? sets : diff.upserted(), diff.removed(), p -> true);
        });
    }

    /** Re-discovers zones and re-lists those of the assigned partitions; publishes differences. */
    public Future<Void> drift() {
        long started = System.currentTimeMillis();
        return serially(() -> catalog.refresh().compose(index -> {
            Set<String> managed = new HashSet<>();
            index.zones().forEach(z -> managed.add(z.id()));
            Future<Void> chain = Future.succeededFuture();
            for (String gone : cache.loadedZoneIds()) {
                if (!managed.contains(gone)) {
                    List<RecordSet> sets = cache.all(gone);
                    Zone zone = new Zone(gone, "gone", false); // the key needs only the id
                    LOG.warn("zone {} is no longer managed or gone: tombstoning its {} record(s)", gone, sets.size());
                    cache.drop(gone);
                    chain = chain.compose(v -> publisher.publish(zone, List.of(), sets, assigned::contains).mapEmpty());
                }
            }
            for (Zone zone : relevant(index, assigned)) {
                chain = chain.compose(v -> {
                    long version = cache.version(zone.id());
                    return provider.records(zone, new CallStats()).compose(sets -> {
                        if (cache.version(zone.id()) != version) {
                            LOG.debug("drift check of {} raced a write; next time", zone);
                            return Future.succeededFuture();
                        }
                        ZoneCache.Diff diff = cache.replace(zone, sets);
                        if (!diff.isEmpty()) {
                            LOG.info("drift in {}: {} changed, {} gone", zone, diff.upserted().size(), diff.removed().size());
                            metrics.drift(diff.size());
                        }
                        return publishOrRepair(zone, diff.upserted(), diff.removed(), assigned::contains);
                    });
                });
            }
            return chain;
        })).onComplete(ar -> metrics.relisted(started, ar.succeeded())); // external-dns's sync: the zones re-read
    }

    /**
     * Publishes what the view now holds; when Kafka refuses, the view is already the truth (Route 53 took the write)
     * but the topic is not: the sets are remembered and republished from the view with backoff until Kafka has them,
     * so the planner never keeps a wrong view until a restart. Never fails: the write itself succeeded (results wait
     * in {@link #whenPublished}).
     */
    private Future<Void> publishOrRepair(Zone zone, List<RecordSet> upserts, List<RecordSet> removed,
                                         IntPredicate partitions) {
        return publisher.publish(zone, upserts, removed, partitions).<Void>mapEmpty().recover(t -> {
            LOG.warn("zone-state of {} not published ({} set(s), {} gone): {}; republishing from the view", zone,
                    upserts.size(), removed.size(), t.toString());
            Map<String, RecordSet> keys = unpublished.computeIfAbsent(zone.id(), z -> new HashMap<>());
            upserts.stream().filter(r -> partitions.test(publisher.partitionOf(r.name()))).forEach(r -> keys.put(r.key(), r));
            removed.stream().filter(r -> partitions.test(publisher.partitionOf(r.name()))).forEach(r -> keys.put(r.key(), r));
            unpublishedZones.put(zone.id(), zone);
            scheduleRepair();
            return Future.succeededFuture();
        });
    }

    private void scheduleRepair() {
        if (repairTimer >= 0 || unpublished.isEmpty()) {
            return;
        }
        long delay = Backoff.KAFKA.delayMillis(++repairAttempt);
        repairTimer = vertx.setTimer(delay, id -> {
            repairTimer = -1;
            repair();
        });
    }

    /** Republishes remembered sets as the view holds them now (a tombstone for one that is gone). */
    private void repair() {
        Map<String, Map<String, RecordSet>> todo = new HashMap<>(unpublished);
        unpublished.clear();
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, Map<String, RecordSet>> e : todo.entrySet()) {
            Zone zone = unpublishedZones.get(e.getKey());
            if (!cache.isLoaded(zone.id())) {
                continue; // no longer managed: the drift check tombstoned it
            }
            List<RecordSet> upserts = new ArrayList<>();
            List<RecordSet> removed = new ArrayList<>();
            e.getValue().values().forEach(r -> cache.get(zone, r.key()).ifPresentOrElse(upserts::add, () -> removed.add(r)));
            int sets = upserts.size() + removed.size();
            repairing += sets;
            chain = chain.compose(v -> publishOrRepair(zone, upserts, removed, p -> true)
                    .onComplete(ar -> repairing -= sets));
        }
        chain.onComplete(ar -> {
            if (unpublished() == 0) {
                repairAttempt = 0;
                LOG.info("zone-state republished: the topic holds the view again");
            }
        });
    }

    /**
     * Completes once every remembered set is on Kafka (at once when none is), so results are published only after
     * the zone-state they describe; fails with a CancellationException once {@code cancelled} (the partition left us:
     * the new owner's listing publishes the truth).
     */
    public Future<Void> whenPublished(BooleanSupplier cancelled) {
        if (unpublished() == 0) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        vertx.setPeriodic(100, id -> {
            if (unpublished() == 0) {
                vertx.cancelTimer(id);
                done.tryComplete();
            } else if (cancelled.getAsBoolean()) {
                vertx.cancelTimer(id);
                done.tryFail(new CancellationException("zone-state not yet published"));
            }
        });
        return done.future();
    }

    /** Sets whose zone-state is not on Kafka yet (republish pending). */
    public int unpublished() {
        return unpublished.values().stream().mapToInt(Map::size).sum() + repairing;
    }

    /** Zones whose records may fall in these partitions: the zone's own shard and the filter domains inside it. */
    List<Zone> relevant(ZoneIndex index, Set<Integer> partitions) {
        List<Zone> out = new ArrayList<>();
        for (Zone z : index.zones()) {
            Set<String> zoneShards = new HashSet<>();
            zoneShards.add(shards.shardOf(z.name()));
            filter.includes().stream().filter(i -> DnsNames.isUnder(i, z.name())).forEach(zoneShards::add);
            if (zoneShards.stream().anyMatch(s -> partitions.contains(publisher.partitionOfShard(s)))) {
                out.add(z);
            }
        }
        return out;
    }

    static String zoneIdOf(String key) {
        String identity = RecordKey.parse(key).identity();
        int slash = identity.indexOf('/');
        return slash < 0 ? identity : identity.substring(0, slash);
    }
}
