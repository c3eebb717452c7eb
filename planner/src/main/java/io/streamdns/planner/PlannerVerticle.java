package io.streamdns.planner;

import io.streamdns.model.Topics;
import io.streamdns.planner.plan.Planner;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.planner.plan.Skipped;
import io.streamdns.runtime.Backoff;
import io.streamdns.runtime.RestoreWorkers;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.kafka.DeadLetters;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner stage. One consumer in group {@code streamdns-planner} reads {@code streamdns.sources},
 * {@code streamdns.zone-state} and {@code streamdns.results} with the range assignor, so partition p of all three
 * lands on one member (co-partitioning). On assignment of p it pauses p, rebuilds p's shards on a worker
 * ({@link PartitionRestorer}), sends the full plans, then plans incrementally: live records ({@link LiveRecords})
 * touch names, which wait per name in the {@link Debouncer}; what falls due together becomes one plan
 * ({@link LivePlanning}, {@link PlanPublisher}). Refused names are planned again after a back-off. Offsets are
 * committed once the plans covering them are on Kafka (DESIGN P4).
 */
public final class PlannerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerVerticle.class);
    public static final String READINESS_CHECK = "planner";
    private static final Backoff RESTORE_RETRY = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30));
    static final List<String> LIVE_TOPICS = List.of(Topics.SOURCES, Topics.ZONE_STATE, Topics.RESULTS);

    private final PlannerConfig config;
    private final StageContext stage;
    private final Planner planner;
    private final Map<Integer, PartitionState> partitions = new HashMap<>();
    private final Map<String, PartitionState> byShard = new HashMap<>();
    private PlannerMetrics metrics;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private DeadLetters dlq;
    private PlanPublisher publisher;
    private LiveRecords records;
    private Debouncer debouncer;
    private RefusalBackoff backoff;
    private LivePlanning planning;
    private WorkerExecutor restoreWorkers;
    private String clientId;
    private long generation;
    private boolean assigned;
    private boolean stopped;
    private long sweepTimer = -1;

    public PlannerVerticle(PlannerConfig config, StageContext stage) {
        this.config = config;
        this.stage = stage;
        this.planner = new Planner(config.planSettings());
    }

    /** The group consumer's settings: the range assignor keeps partition p of every topic on one member. */
    public static Map<String, String> consumerConfig(String bootstrap, String groupId, String clientId) {
        Map<String, String> c = new HashMap<>(KafkaSettings.consumer(bootstrap, groupId, clientId));
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        return c;
    }

    @Override
    public Future<?> start() {
        stage.readiness().register(READINESS_CHECK);
        metrics = new PlannerMetrics(stage.registry());
        restoreWorkers = RestoreWorkers.create(vertx);
        countHeld();
        clientId = stage.instanceId() + "-planner";
        producer = KafkaProducer.create(vertx, KafkaSettings.producer(stage.bootstrapServers(), clientId));
        dlq = new DeadLetters("planner", producer, stage.registry());
        PlanPublisher.Refusals refusals = (shard, name, why, now) -> planning.refused(shard, name, why, now);
        publisher = new PlanPublisher(producer, metrics, config.tuning().maxChangesPerPlan(), refusals, this::countHeld);
        debouncer = new Debouncer(vertx, config.debounce().toMillis(), config.debounceMax().toMillis(),
                shard -> planning.flush(shard), metrics.coalesced, System::currentTimeMillis);
        backoff = new RefusalBackoff(config.tuning().backoffMin().toMillis(), config.tuning().backoffMax().toMillis());
        records = new LiveRecords(planner, metrics, dlq, byShard, debouncer, backoff, refusals);
        if (!config.policyGiven()) {
            LOG.info("no --policy given: planning with 'sync' (external-dns v0.22 requires --policy to be set)");
        }
        consumer = KafkaConsumer.create(vertx, consumerConfig(stage.bootstrapServers(), config.groupId(), clientId));
        planning = new LivePlanning(vertx, partitions, byShard, debouncer, backoff, publisher, dlq, consumer, metrics,
                config.tuning().namesPerTurn(), () -> stopped, ShardPlanner::plan, System::currentTimeMillis);
        // pause/resume and commits queue behind the poll loop: a short poll keeps them (and the latency) short
        consumer.pollTimeout(Duration.ofMillis(50));
        consumer.partitionsAssignedHandler(this::onAssigned);
        consumer.partitionsRevokedHandler(this::onRevoked);
        consumer.exceptionHandler(e -> LOG.warn("planner consumer: {}", e.toString()));
        consumer.handler(this::onRecord);
        sweepTimer = vertx.setPeriodic(config.tuning().sweepEvery().toMillis(), id -> sweep());
        return consumer.subscribe(new HashSet<>(LIVE_TOPICS)).onSuccess(v -> LOG.info(
                "planner started: group {}, owner id {}, policy {}, multi-cluster {}, domain filter {}",
                config.groupId(), config.txtOwnerId(), config.policy().flagValue(), config.multiCluster().flagValue(),
                config.domainFilters().isEmpty() ? "(all)" : config.domainFilters()));
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        vertx.cancelTimer(sweepTimer);
        return consumer.close().eventually(() -> producer.close()).eventually(restoreWorkers::close);
    }

    // ---- assignment

    private void onAssigned(Set<TopicPartition> tps) {
        assigned = true;
        Set<Integer> fresh = new TreeSet<>();
        for (TopicPartition tp : tps) {
            if (!partitions.containsKey(tp.getPartition())) {
                fresh.add(tp.getPartition());
            }
        }
        long gen = ++generation;
        for (int p : fresh) {
            partitions.put(p, new PartitionState(p, gen, config.deleteBudget()));
        }
        updateReadiness();
        if (!fresh.isEmpty()) {
            LOG.info("partitions {} assigned: restoring", fresh);
            consumer.pause(topicPartitions(fresh));
            restore(fresh, gen, 1);
        }
    }

    private void restore(Set<Integer> parts, long gen, int attempt) {
        long started = System.nanoTime();
        long now = System.currentTimeMillis();
        restoreWorkers.executeBlocking(() -> PartitionRestorer.restore(stage.bootstrapServers(), clientId + "-restore-" + gen,
                        config.groupId(), parts, planner, config.tuning(), config.deleteBudget(), now), false)
                .onSuccess(restored -> {
                    metrics.restore.record(Duration.ofNanos(System.nanoTime() - started));
                    restored.values().forEach(r -> install(r, gen));
                    updateReadiness();
                })
                .onFailure(e -> {
                    Set<Integer> still = new TreeSet<>();
                    for (int p : parts) {
                        PartitionState ps = partitions.get(p);
                        if (ps != null && ps.generation == gen) {
                            still.add(p);
                        }
                    }
                    long delay = RESTORE_RETRY.delayMillis(attempt);
                    LOG.error("restoring partitions {} failed (attempt {}), retrying {} in {} ms: {}", parts, attempt,
                            still, delay, e.toString());
                    if (!still.isEmpty() && !stopped) {
                        vertx.setTimer(delay, id -> restore(still, gen, attempt + 1));
                    }
                });
    }

    private void install(PartitionRestorer.Restored r, long gen) {
        PartitionState ps = partitions.get(r.partition());
        if (ps == null || ps.generation != gen || stopped) {
            return; // revoked while restoring
        }
        for (PartitionRestorer.Malformed m : r.malformed()) { // only those this group had not read before
            metrics.decodeError(m.topic());
            dlq.send(m.topic(), m.partition(), m.offset(), m.key(), m.value(), m.reason());
        }
        ps.sync = r.sync();
        ps.shards.putAll(r.shards());
        ps.shards.keySet().forEach(s -> byShard.put(s, ps));
        ps.restoredEnd.putAll(r.endOffsets());
        for (PlanRecords.Out o : r.plans()) {
            publisher.send(ps.shards.get(o.plan().shard()), o);
        }
        for (ShardPlanner sp : r.shards().values()) {
            if (sp.held().takeChanged()) {
                PlanPublisher.logHeld(sp);
            }
        }
        countHeld();
        ps.restoring = false;
        List<KafkaConsumerRecord<String, byte[]>> buffered = ps.buffer;
        ps.buffer = null;
        buffered.forEach(rec -> records.process(ps, rec));
        consumer.resume(topicPartitions(Set.of(r.partition())));
        LOG.info("partition {} live: {} shards, {} full-plan records sent", r.partition(), r.shards().size(), r.plans().size());
    }

    private void onRevoked(Set<TopicPartition> tps) {
        Set<Integer> gone = new TreeSet<>();
        tps.forEach(tp -> gone.add(tp.getPartition()));
        for (int p : gone) {
            PartitionState ps = partitions.remove(p);
            if (ps != null) {
                for (String shard : ps.shards.keySet()) {
                    debouncer.cancel(shard);
                    backoff.dropShard(shard);
                    planning.dropShard(shard);
                    byShard.remove(shard);
                }
            }
        }
        if (!gone.isEmpty()) {
            LOG.info("partitions {} revoked: state dropped", gone);
            countHeld();
        }
        updateReadiness();
    }

    private void updateReadiness() {
        boolean ready = assigned && partitions.values().stream().noneMatch(ps -> ps.restoring);
        stage.readiness().set(READINESS_CHECK, ready);
    }

    // ---- records

    private void onRecord(KafkaConsumerRecord<String, byte[]> r) {
        PartitionState ps = partitions.get(r.partition());
        if (ps == null || stopped) {
            return;
        }
        if (ps.restoring) {
            ps.buffer.add(r);
            return;
        }
        records.process(ps, r);
    }

    // ---- housekeeping

    /** The held-deletes gauge, per reason, and the verified records, over every shard held here. */
    private void countHeld() {
        metrics.verifiedShards(partitions.values().stream().flatMap(ps -> ps.shards.values().stream()).toList());
        for (Skipped.Reason reason : Skipped.Reason.values()) {
            if (reason.held()) {
                int n = 0;
                for (PartitionState ps : partitions.values()) {
                    for (ShardPlanner sp : ps.shards.values()) {
                        n += sp.held().count(reason);
                    }
                }
                metrics.held(reason, n);
            }
        }
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        for (PartitionState ps : partitions.values()) {
            if (ps.restoring) {
                continue;
            }
            for (ShardPlanner sp : ps.shards.values()) {
                if (sp.budgetFreesAt() <= now) { // the window freed budget: the held deletes may go now
                    debouncer.touch(sp.shard(), Set.copyOf(sp.held().names()), 0);
                }
                if (sp.hasInFlight()) {
                    Set<String> expired = sp.sweep(now, config.tuning().inFlightGrace().toMillis(),
                            config.tuning().inFlightMaxAge().toMillis());
                    debouncer.touch(sp.shard(), expired, 0);
                }
            }
            planning.commit(ps);
        }
    }

    private static Set<TopicPartition> topicPartitions(Set<Integer> parts) {
        Set<TopicPartition> out = new HashSet<>();
        for (int p : parts) {
            for (String t : LIVE_TOPICS) {
                out.add(new TopicPartition(t, p));
            }
        }
        return out;
    }
}
