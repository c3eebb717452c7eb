package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.model.Topics;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.runtime.RestoreWorkers;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.kafka.DeadLetters;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.watcher.core.ChunkedPass;
import io.streamdns.watcher.core.ObjectBound;
import io.streamdns.watcher.core.StartChecks;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher stage: the objects of the enabled {@link Source}s of one cluster → one {@code SourceState} per object and shard on
 * {@code streamdns.sources}. Informer callbacks arrive on fabric8 threads and hop onto this verticle's context; all
 * state is touched there only. On start it restores what this cluster published before, and once every informer
 * has synced from a successful list it tombstones the keys of objects that are gone. A failing API server is
 * retried and publishes nothing.
 */
public final class WatcherVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherVerticle.class);
    public static final String READINESS_CHECK = "watcher";
    /** A restore gives up after this long without progress (not for the whole read: large restores take longer). */
    static final Duration RESTORE_QUIET = Duration.ofMinutes(2);
    /**
     * Objects mapped per event-loop turn in the full pass at sync (a few ms of work): between chunks, live events
     * and everything else on the loop get their turn.
     */
    static final int PASS_CHUNK = 500;
    /** The full pass sends one key's records into one partition in a burst: bigger batches than the default 16 KB. */
    public static final String PRODUCER_BATCH_BYTES = "262144";

    private final WatcherConfig config;
    private final KubernetesClient client;
    private final StageContext stage;
    /** The enabled sources (--source): everything kind-specific is behind them. */
    private List<Source<?>> sources;
    private KafkaProducer<String, byte[]> producer;
    private ObjectBound bound;
    private SourcePublisher publisher;
    private SyncMarkers markers;
    private IdentityGuard identity;
    private OrphanCollector orphans;
    private ObjectMapping objects;
    private ApprovalReader approvals;
    private ApiHealth health;
    /** Informers are being replaced by the relist backstop; the pass after their sync is a relist. */
    private boolean relisting;
    private long relistTimer = -1;
    private InvalidEndpointReporter reporter;
    private volatile KubeInformers informers;
    private Context ctx;
    /** Until every informer has synced, events are not mapped: the full pass at sync covers them. */
    private boolean synced;
    /** The full pass is done and orphans were collected once. */
    private boolean ready;
    private boolean stopped;
    private long gcTimer = -1;
    private boolean relistCheckDue;
    /** The deletes of one informer relist arrive one by one: one orphan check after they settled. */
    static final long RELIST_SETTLE_MS = 200;
    /** How often the API server is probed to make an outage visible. */
    static final Duration API_PROBE = Duration.ofSeconds(2);

    public WatcherVerticle(WatcherConfig config, KubernetesClient client, StageContext stage) {
        this.config = config;
        this.client = client;
        this.stage = stage;
    }

    @Override
    public Future<?> start() {
        ctx = context;
        sources = Sources.enabled(config, new Sources.Context(vertx, stage.registry()));
        stage.readiness().register(READINESS_CHECK);
        String clientId = stage.instanceId() + "-watcher-" + config.clusterName();
        Map<String, String> producerConfig = new HashMap<>(KafkaSettings.producer(stage.bootstrapServers(), clientId));
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, PRODUCER_BATCH_BYTES);
        producer = KafkaProducer.create(vertx, producerConfig);
        bound = objectBound(config, producerConfig);
        reporter = new InvalidEndpointReporter(stage.registry(), vertx, client, config.emitEvents());
        WorkerExecutor restoreWorkers = RestoreWorkers.create(vertx); // held until the restore is done (see there)
        return restoreWorkers.executeBlocking(() -> StateRestorer.restore(stage.bootstrapServers(),
                        clientId + "-restore", config.clusterName(), config.safety().scope(), RESTORE_QUIET))
                .eventually(restoreWorkers::close)
                .compose(this::setUp)
                .compose(v -> identity.atStart())
                .compose(v -> vertx.executeBlocking(this::startInformers))
                .onSuccess(v -> health.start(API_PROBE))
                .onFailure(e -> {
                    producer.close();
                    if (approvals != null) {
                        approvals.close();
                    }
                })
                .onSuccess(v -> LOG.info("watcher for cluster {} started: sources {}, namespace {}",
                        config.clusterName(), config.sources(), config.namespace() == null ? "(all)" : config.namespace()));
    }

    /** The bound of one object from the flag and the effective producer's {@code max.request.size} (rule W8). */
    static ObjectBound objectBound(WatcherConfig config, Map<String, String> producerConfig) {
        String size = producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        int maxRequestSize = size == null || size.isBlank() ? ObjectBound.DEFAULT_MAX_REQUEST_SIZE
                : Integer.parseInt(size.strip());
        return ObjectBound.forProducer(config.maxEndpointsPerObject(), maxRequestSize);
    }

    /** From what was restored: the start-up refusals, then the publisher and markers. */
    private Future<Void> setUp(StateRestorer.Restored restored) {
        long now = System.currentTimeMillis();
        Duration window = config.resyncPeriod().compareTo(config.safety().relistInterval()) > 0
                ? config.resyncPeriod().multipliedBy(2) : config.safety().relistInterval().multipliedBy(2);
        var refusal = StartChecks.scopeConflict(config.clusterName(), config.safety().scope(), config.scopeSpec(),
                restored.markers(), now, window, config.safety().scopeChanged());
        if (refusal.isPresent()) {
            LOG.error("refusing to start: {}", refusal.get());
            return Future.failedFuture(new IllegalStateException(refusal.get()));
        }
        MeterRegistry registry = stage.registry();
        publisher = new SourcePublisher(ctx, producer.unwrap(), new ShardResolver(config.domainFilters()),
                restored.index(), config.safety().scope(), bound, registry);
        markers = new SyncMarkers(config.clusterName(), config.safety().scope(), config.scopeSpec(),
                restored.partitions(), publisher, registry);
        identity = new IdentityGuard(vertx, client, config, restored.markers(), markers);
        health = new ApiHealth(vertx, client, config.clusterName(), stage.readiness(), registry,
                this::readinessChanged);
        objects = new ObjectMapping(config, sources, () -> informers, publisher, reporter);
        orphans = new OrphanCollector(config, publisher, markers, stage.readiness(), registry, restored.approval(),
                objects::gone, objects::retract);
        DeadLetters dlq = new DeadLetters("watcher", producer, registry);
        restored.undecodable().forEach(u -> dlq.send(Topics.SOURCES, u.partition(),
                u.offset(), u.key(), u.value(), u.reason()));
        return ApprovalReader.start(vertx, stage.bootstrapServers(), stage.instanceId() + "-watcher-approvals-"
                        + config.clusterName(), config.clusterName(), restored.approvalsFrom(), this::onApproval)
                .map(reader -> {
                    approvals = reader;
                    return null;
                });
    }

    /** From the approval reader's thread: releases held tombstones on the context. */
    private void onApproval(DeleteApproval approval) {
        ctx.runOnContext(v -> {
            if (!stopped) {
                orphans.approval(approval);
            }
        });
    }

    /** Builds and starts the informers (on a worker: building them may touch the client). */
    private Void startInformers() {
        MeterRegistry registry = stage.registry();
        informers = new KubeInformers(client, config, registry);
        for (Source<?> source : sources) {
            watch(source, registry);
        }
        KubeInformers started = informers;
        informers.start().whenComplete((v, e) -> ctx.runOnContext(x -> {
            if (started != informers) {
                return; // replaced by a relist meanwhile
            }
            if (e != null) {
                LOG.error("informers stopped before they synced, nothing is tombstoned: {}", e.toString());
                return;
            }
            onSynced();
        }));
        return null;
    }

    /** One source's informer, its handlers, and those of the objects its mapping reads. */
    private <T extends HasMetadata> void watch(Source<T> source, MeterRegistry registry) {
        informers.handle(informers.watch(source), new ObjectHandler<T>(source.kind(), registry,
                o -> objects.onEvent(source, o, !ready), o -> objects.retract(objects.ref(source.kind(), o)),
                this::relistDeleted, this::onContext));
        KubeInformers lookups = informers;
        for (Dependency<?> dependency : source.dependencies(informers)) {
            dependOn(source, dependency, lookups, registry);
        }
    }

    private <D> void dependOn(Source<?> source, Dependency<D> dependency, KubeInformers lookups,
                              MeterRegistry registry) {
        lookups.handle(dependency.informer(), new DependencyHandler<>(dependency, registry,
                changed -> onContext(() -> objects.remap(source, dependency.dependants().apply(changed, lookups)))));
    }

    /** One object of the full pass: looked up in the informer store when its chunk runs. */
    private record PassKey(String kind, String namespace, String name) {
    }

    /**
     * After every informer listed successfully: map every object once (EndpointSlices and Nodes are complete now, so
     * a headless or NodePort service is not published half-empty), then tombstone what this cluster published for
     * objects that are gone.
     *
     * <p>The pass runs {@link #PASS_CHUNK} objects per event-loop turn rather than all at once (20,000 objects held
     * the loop for 10 s) and stays on the loop, so the index and the published state have one owner and need no
     * locks; the costly parts per object (mapping, hashing, encoding) are small enough that a worker hand-off per
     * chunk would buy little on a 2-core host. Live events are processed from the start of the pass, between its
     * chunks. The pass takes only keys up front and reads each object from the store when its chunk runs: the store
     * holds the newest state the informer has, so the pass never publishes an older state than a live event
     * already did, skips an object deleted meanwhile (its delete event retracts it), and a newer event queued after
     * it publishes its own state as usual.
     */
    private void onSynced() {
        if (stopped || !informers.hasSynced()) {
            return; // never derive deletions from a cache that has not been filled by a successful list
        }
        identity.atSync().onComplete(settled -> {
            if (settled.failed()) {
                refuse(settled.cause().getMessage());
            } else if (!settled.result()) {
                vertx.setTimer(1000, t -> onSynced());
            } else {
                firstPass();
            }
        });
    }

    /**
     * A late refusal (the identity became readable only after start, or changed before a relist): publish nothing
     * more, say why, stay unready.
     */
    private void refuse(String why) {
        stopped = true;
        stage.readiness().detail(READINESS_CHECK, "refused: " + why);
        readinessChanged();
        vertx.executeBlocking(() -> {
            informers.close();
            return null;
        });
    }

    private void firstPass() {
        if (stopped) {
            return;
        }
        synced = true;
        List<PassKey> keys = new ArrayList<>();
        for (Source<?> source : sources) {
            informers.objects(source.kind()).forEach(o -> keys.add(passKey(source.kind(), o)));
        }
        ChunkedPass<PassKey> pass = new ChunkedPass<>(keys, PASS_CHUNK);
        LOG.info("{}: informers synced; mapping {} objects of cluster {}", relisting ? "relist" : "startup",
                keys.size(), config.clusterName());
        runPass(pass, Future.succeededFuture());
    }

    private static PassKey passKey(String kind, HasMetadata o) {
        return new PassKey(kind, o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    /**
     * Runs one chunk, then yields. The next chunk waits until the producer took the chunk before this one, so at
     * most two chunks of records wait for the producer and mapping overlaps sending.
     */
    private void runPass(ChunkedPass<PassKey> pass, Future<Void> previousHandOver) {
        if (stopped) {
            return;
        }
        boolean startup = !relisting;
        boolean more = pass.runChunk(k -> objects.passOne(k.kind(), k.namespace(), k.name(), startup));
        Future<Void> handOver = publisher.flush();
        if (more) {
            previousHandOver.onComplete(x -> ctx.runOnContext(v -> runPass(pass, handOver)));
            return;
        }
        stage.registry().counter("streamdns.watcher.sync.chunks").increment(pass.chunks());
        collectOrphans(relisting ? "relist" : "startup");
        LOG.info("full pass done in {} chunk(s); {} objects published for cluster {}", pass.chunks(),
                publisher.index().size(), config.clusterName());
        relisting = false;
        if (!ready) {
            ready = true;
            readinessChanged();
            gcTimer = vertx.setPeriodic(config.resyncPeriod().toMillis(), t -> collectOrphans("periodic"));
            relistTimer = vertx.setPeriodic(config.safety().relistInterval().toMillis(), t -> relist());
        }
    }

    /** Ready once the first pass is done, unless the API server is unreachable now. */
    private void readinessChanged() {
        stage.readiness().set(READINESS_CHECK, ready && !stopped && health.reachable());
    }

    /**
     * The backstop against missed watch events and an API server replaced under a watch that resumed: new
     * informers list everything from the API server (not from the old cache), and the full pass after their sync
     * maps what changed and checks orphans under the delete budget, like the start-up pass. Skipped while the API
     * server is unreachable (the informers retry on their own) or a relist is still running.
     */
    private void relist() {
        if (stopped || relisting || !health.reachable() || !informers.hasSynced()) {
            return;
        }
        relisting = true;
        stage.registry().counter("streamdns.watcher.relists").increment();
        KubeInformers old = informers;
        identity.atRelist().onFailure(e -> refuse(e.getMessage())).compose(v -> vertx.executeBlocking(() -> {
            old.close();
            return startInformers();
        })).onFailure(e -> relisting = false);
    }

    /**
     * The informer relisted (a watch that could not resume) and found objects gone: not a delete event anyone saw,
     * so not retracted one by one but by one orphan check over the whole relist, under the delete budget (an API
     * server that came back empty is a relist that finds nothing).
     */
    private void relistDeleted(Object gone) {
        if (!relistCheckDue) {
            relistCheckDue = true;
            vertx.setTimer(RELIST_SETTLE_MS, t -> {
                relistCheckDue = false;
                collectOrphans("informer relist");
            });
        }
    }

    /** Only from a synced cache of an API server that answers now (else the cache may be stale: no marker). */
    private void collectOrphans(String why) {
        if (!stopped && informers.hasSynced() && health.reachable()) {
            orphans.check(why);
        }
    }

    /** Runs on the verticle's context, once synced (before that the store is the truth the full pass reads). */
    private void onContext(Runnable action) {
        ctx.runOnContext(v -> {
            if (synced && !stopped) {
                action.run();
            }
        });
    }

    /** True once the informers synced, the full pass is done and orphans were collected (tests, readiness). */
    public boolean isSynced() {
        return ready;
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        if (publisher != null) {
            publisher.sourceMetrics().close();
        }
        if (reporter != null) {
            reporter.close();
        }
        stage.readiness().set(READINESS_CHECK, false);
        if (gcTimer >= 0) {
            vertx.cancelTimer(gcTimer);
            vertx.cancelTimer(relistTimer);
        }
        if (health != null) {
            health.stop();
        }
        Future<Void> closing = informers == null ? Future.succeededFuture()
                : vertx.executeBlocking(() -> {
                    informers.close();
                    return null;
                });
        return closing.eventually(() -> approvals == null ? Future.succeededFuture() : approvals.close())
                .eventually(() -> producer == null ? Future.succeededFuture() : producer.close());
    }
}
