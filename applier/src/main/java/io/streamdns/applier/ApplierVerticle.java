package io.streamdns.applier;

import io.streamdns.applier.batch.EndpointMapper;
import io.streamdns.applier.batch.OwnershipGuard;
import io.streamdns.applier.batch.PlanCompiler;
import io.streamdns.applier.metrics.ApplierMetrics;
import io.streamdns.applier.provider.DnsProvider;
import io.streamdns.applier.provider.Route53Api;
import io.streamdns.applier.provider.Route53Provider;
import io.streamdns.applier.resilience.AimdRateLimiter;
import io.streamdns.applier.resilience.ResilientGate;
import io.streamdns.applier.resilience.RetryPolicy;
import io.streamdns.applier.resilience.ZoneCircuits;
import io.streamdns.applier.state.ZoneCache;
import io.streamdns.applier.state.ZoneCatalog;
import io.streamdns.applier.state.ZoneStateKeeper;
import io.streamdns.applier.state.ZoneStatePublisher;
import io.streamdns.applier.state.ZoneStateReader;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.Topics;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.runtime.Backoff;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.kafka.DeadLetters;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applier stage: one consumer group over {@code streamdns.plans}. On assignment it lists the partitions' zones
 * into zone-state; then it applies each partition's plans in offset order, merging what waits into one run
 * ({@link PlanRunner}), publishes changed records and one {@link ApplyResult} per plan, and only then commits
 * (at-least-once; a replay is ALREADY_DONE).
 */
public final class ApplierVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ApplierVerticle.class);
    public static final String READINESS = "applier";
    /** Listing the zones of assigned partitions while the provider or Kafka is unavailable. */
    private static final Backoff LISTING_RETRY = Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(1));

    private final ApplierConfig config;
    private final StageContext stage;
    private final Route53Api api;
    private final RetryPolicy retryPolicy;
    private final Map<Integer, PartitionWorker> workers = new HashMap<>();
    private AimdRateLimiter limiter;
    private final Set<Integer> loaded = new TreeSet<>();
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private ZoneStateKeeper keeper;
    private PlanRunner runner;
    private long driftTimer = -1;
    private boolean stopping;

    public ApplierVerticle(ApplierConfig config, StageContext stage, Route53Api api) {
        this(config, stage, api, null);
    }

    /** @param retryPolicy null: backoff defaults with {@code --aws-api-retries} attempts */
    public ApplierVerticle(ApplierConfig config, StageContext stage, Route53Api api, RetryPolicy retryPolicy) {
        this.config = config;
        this.stage = stage;
        this.api = api;
        RetryPolicy d = RetryPolicy.DEFAULT;
        this.retryPolicy = retryPolicy != null ? retryPolicy
                : new RetryPolicy(config.awsApiRetries(), d.base(), d.throttleBase(), d.max());
    }

    @Override
    public Future<?> start() {
        ApplierMetrics metrics = new ApplierMetrics(stage.registry());
        String clientId = stage.instanceId() + "-applier";
        DnsProvider provider = createProvider(metrics);
        createKafkaClients(clientId);
        stage.readiness().register(READINESS);
        ZoneCatalog catalog = new ZoneCatalog(provider, config.zoneSelection());
        return consumer.partitionsFor(Topics.PLANS)
                .map(infos -> wire(infos.size(), provider, catalog, metrics, clientId))
                .compose(v -> discoverZones(catalog))
                .compose(v -> startDriftChecks())
                .compose(v -> consumer.subscribe(Topics.PLANS));
    }

    /** Route 53 behind the account's rate limit, per-zone circuits and retries. */
    private DnsProvider createProvider(ApplierMetrics metrics) {
        limiter = new AimdRateLimiter(vertx, config.ratePerInstance());
        metrics.gauge("rate.limit", limiter::rate);
        ResilientGate gate = new ResilientGate(vertx, limiter, retryPolicy,
                new ZoneCircuits(config.awsCircuitOpenDuration(), metrics), metrics);
        return new Route53Provider(api, gate, context);
    }

    private void createKafkaClients(String clientId) {
        producer = KafkaProducer.create(vertx, KafkaSettings.producer(stage.bootstrapServers(), clientId));
        // every send's failure is handled where it is sent (retried, remembered); this only keeps it out of "unhandled"
        producer.exceptionHandler(t -> LOG.debug("producer: {}", t.toString()));
        Map<String, String> consumerConfig = KafkaSettings.consumer(stage.bootstrapServers(), config.groupId(), clientId);
        // only moved partitions are revoked on a rebalance, so a survivor keeps its listed zones
        consumerConfig.put("partition.assignment.strategy",
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        consumerConfig.put("max.poll.records", "50");
        consumer = KafkaConsumer.create(vertx, consumerConfig);
        // pause/resume and commits queue behind the poll loop: a short poll keeps them (and the latency) short
        consumer.pollTimeout(Duration.ofMillis(50));
    }

    /** The zone-state keeper, the executor and the runner, sized to the plans topic; the consumer's handlers. */
    private Void wire(int partitions, DnsProvider provider, ZoneCatalog catalog, ApplierMetrics metrics,
                      String clientId) {
        DeadLetters deadLetters = new DeadLetters("applier", producer, stage.registry());
        ShardResolver shards = new ShardResolver(config.domainFilters());
        ZoneStatePublisher publisher = new ZoneStatePublisher(producer, shards, partitions, metrics);
        keeper = new ZoneStateKeeper(vertx, provider, catalog, new ZoneCache(metrics::registryRecords), publisher,
                new ZoneStateReader(stage.bootstrapServers(), clientId), shards, config.domainFilter(), metrics, deadLetters);
        OwnershipGuard guard = new OwnershipGuard(config.txtOwnerId(), config.txtNames(),
                config.migrateFromTxtOwner());
        EndpointMapper mapper = new EndpointMapper(config.awsEvaluateTargetHealth());
        PlanExecutor executor = new PlanExecutor(provider, keeper,
                index -> new PlanCompiler(index, config.domainFilter(), guard, mapper, config.limits()),
                config.dryRun(), metrics);
        runner = new PlanRunner(vertx, config, executor, consumer, producer, deadLetters, stage.registry(),
                () -> stopping);
        consumer.partitionsAssignedHandler(this::assigned);
        consumer.partitionsRevokedHandler(this::revoked);
        consumer.exceptionHandler(t -> LOG.warn("plans consumer: {}", t.toString()));
        consumer.handler(this::onRecord);
        LOG.info("applier {} up: {} partitions, {} req/s share, owner '{}'{}", clientId, partitions,
                config.ratePerInstance(), config.txtOwnerId(), config.dryRun() ? ", DRY RUN" : "");
        return null;
    }

    /** Starts zone discovery without waiting for it: a failure is retried on assignment and at each drift check. */
    private Future<Void> discoverZones(ZoneCatalog catalog) {
        catalog.index().onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("zone discovery failed (retried on assignment and drift): {}", ar.cause().getMessage());
            }
            updateReadiness();
        });
        return Future.succeededFuture();
    }

    private Future<Void> startDriftChecks() {
        driftTimer = vertx.setPeriodic(config.driftInterval().toMillis(), id -> keeper.drift()
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.warn("drift check failed: {}", ar.cause().getMessage());
                    }
                    updateReadiness();
                }));
        return Future.succeededFuture();
    }


    @Override
    public Future<?> stop() {
        stopping = true;
        if (driftTimer >= 0) {
            vertx.cancelTimer(driftTimer);
        }
        workers.values().forEach(PartitionWorker::close);
        workers.clear();
        stage.readiness().set(READINESS, false);
        // no commit here: a plan in flight is replayed by whoever takes the partition
        Future<Void> c = consumer == null ? Future.succeededFuture() : consumer.close();
        return c.transform(ar -> producer == null ? Future.succeededFuture() : producer.close());
    }

    private void assigned(Set<TopicPartition> tps) {
        Set<Integer> fresh = tps.stream().filter(tp -> tp.getTopic().equals(Topics.PLANS))
                .map(TopicPartition::getPartition).collect(Collectors.toCollection(TreeSet::new));
        if (fresh.isEmpty() || stopping) {
            updateReadiness();
            return;
        }
        LOG.info("assigned plans partitions {}", fresh);
        for (int p : fresh) {
            PartitionWorker old = workers.remove(p);
            if (old != null) {
                old.close();
            }
            TopicPartition tp = new TopicPartition(Topics.PLANS, p);
            PartitionWorker[] self = new PartitionWorker[1];
            self[0] = new PartitionWorker(p, config.maxMergedPlans(), runner, pause -> {
                if (!self[0].isClosed()) {
                    (pause ? consumer.pause(tp) : consumer.resume(tp)).onFailure(t ->
                            LOG.debug("{} of {}: {}", pause ? "pause" : "resume", tp, t.toString()));
                }
            }, limiter::whenFree);
            workers.put(p, self[0]);
            loaded.remove(p);
        }
        updateReadiness();
        load(fresh, 1);
    }

    /** Lists the partitions' zones; retried with backoff while the provider or Kafka is unavailable. */
    private void load(Set<Integer> partitions, int attempt) {
        keeper.onAssigned(partitions).onComplete(ar -> {
            if (stopping) {
                return;
            }
            if (ar.succeeded()) {
                for (int p : partitions) {
                    PartitionWorker w = workers.get(p);
                    if (w != null && !w.isClosed()) {
                        loaded.add(p);
                        w.ready();
                    }
                }
                updateReadiness();
                return;
            }
            long delay = LISTING_RETRY.delayMillis(attempt);
            LOG.warn("listing zones of partitions {} failed ({}), retry in {} ms", partitions, ar.cause().getMessage(), delay);
            vertx.setTimer(delay, id -> {
                Set<Integer> still = partitions.stream().filter(workers::containsKey)
                        .collect(Collectors.toCollection(TreeSet::new));
                if (!still.isEmpty() && !stopping) {
                    load(still, attempt + 1);
                }
            });
        });
    }

    private void revoked(Set<TopicPartition> tps) {
        Set<Integer> gone = tps.stream().filter(tp -> tp.getTopic().equals(Topics.PLANS))
                .map(TopicPartition::getPartition).collect(Collectors.toCollection(TreeSet::new));
        if (gone.isEmpty()) {
            return;
        }
        LOG.info("revoked plans partitions {}", gone);
        for (int p : gone) {
            PartitionWorker w = workers.remove(p);
            if (w != null) {
                w.close();
            }
            loaded.remove(p);
        }
        if (keeper != null) {
            keeper.onRevoked(gone);
        }
        updateReadiness();
    }

    private void onRecord(KafkaConsumerRecord<String, byte[]> record) {
        PartitionWorker w = workers.get(record.partition());
        if (w != null) {
            w.offer(record);
        }
    }

    private void updateReadiness() {
        boolean ready = !stopping && keeper != null && keeper.catalog().discovered()
                && workers.keySet().stream().allMatch(loaded::contains);
        stage.readiness().set(READINESS, ready);
    }

    /** Partitions whose zones are listed and whose plans are being applied (tests, ops). */
    public Set<Integer> activePartitions() {
        return Set.copyOf(loaded);
    }

    List<Integer> waiting() {
        return workers.values().stream().map(PartitionWorker::waiting).toList();
    }
}
