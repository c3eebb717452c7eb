package io.streamdns.applier;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.applier.batch.MergedPlan;
import io.streamdns.applier.batch.PlanMerger;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.Backoff;
import io.streamdns.runtime.kafka.DeadLetters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run over the head of a partition's queue: decodes records in offset order (undecodable → DLQ, plans with no
 * change or no name in our domain filter → a NOTHING_TO_DO result with the reason), merges the mergeable prefix of
 * plans ({@link PlanMerger}), executes it once, publishes one {@link ApplyResult} per plan, and only then commits
 * past the last record taken (at-least-once: a replay finds its changes ALREADY_DONE). The publication waits for the
 * previous run's (the next run's calls may go meanwhile: {@link PartitionWorker}). Results and dead letters are
 * retried until they are on Kafka, so the commit never passes one that is not; a run whose previous publication
 * failed publishes and commits nothing. A run cancelled by revocation or stop reports and commits nothing.
 */
final class PlanRunner implements PartitionWorker.Processor {
    private static final Logger LOG = LoggerFactory.getLogger(PlanRunner.class);

    private final Vertx vertx;
    private final ApplierConfig config;
    private final DomainFilter ownDomains;
    private final PlanExecutor executor;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final BooleanSupplier stopping;
    /**
     * The plans {@link #bounded} decoded, by record identity, for the {@link #start} that follows it (so a backlog's
     * plans are decoded once, not twice); cleared by every start, so it never holds more than one queue.
     */
    private final Map<KafkaConsumerRecord<String, byte[]>, ChangePlan> lookedAhead = new IdentityHashMap<>();

    PlanRunner(Vertx vertx, ApplierConfig config, PlanExecutor executor, KafkaConsumer<String, byte[]> consumer,
               KafkaProducer<String, byte[]> producer, DeadLetters deadLetters, MeterRegistry registry,
               BooleanSupplier stopping) {
        this.vertx = vertx;
        this.config = config;
        this.ownDomains = config.domainFilter();
        this.executor = executor;
        this.consumer = consumer;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.stopping = stopping;
    }

    @Override
    public PartitionWorker.Run start(PartitionWorker worker, List<KafkaConsumerRecord<String, byte[]>> queued,
                                     Future<Void> previous) {
        long receivedAt = System.currentTimeMillis();
        PlanMerger merger = new PlanMerger(config.maxMergedPlans(), config.maxMergedChanges());
        List<Future<Void>> letters = new ArrayList<>();
        List<ApplyResult> answered = new ArrayList<>(); // plans answered without a run (nothing of ours in them)
        KafkaConsumerRecord<String, byte[]> last = null;
        int taken = 0;
        for (KafkaConsumerRecord<String, byte[]> record : queued) {
            ChangePlan plan = lookedAhead.get(record);
            try {
                plan = plan != null ? plan : decode(record);
            } catch (CodecException e) {
                letters.add(deadLetter(worker, record, e.getMessage(), 1));
                plan = null;
            }
            String note = plan == null ? null : notOurs(plan);
            if (note != null) {
                // answered with the reason; another applier group (other domains) may answer it too
                LOG.info("[{}] plan {}: {}", plan.shard(), plan.planId(), note);
                registry.counter("streamdns.applier.plans.foreign").increment();
                answered.add(new ApplyResult(plan.planId(), plan.shard(), ApplyResult.Status.NOTHING_TO_DO, List.of(),
                        List.of(), 0, receivedAt, 0, plan.earliestEventAt(), -1, note));
                plan = null;
            }
            if (plan != null && !merger.add(plan)) {
                break; // touches a name of the run or passes a bound: it heads the next run
            }
            last = record;
            taken++;
        }
        lookedAhead.clear();
        KafkaConsumerRecord<String, byte[]> through = last;
        long firstOffset = queued.get(0).offset();
        Future<Void> lettered = Future.all(letters).mapEmpty();
        if (merger.isEmpty()) {
            return new PartitionWorker.Run(taken, Future.succeededFuture(),
                    publish(worker, previous, lettered, answered, firstOffset, through));
        }
        MergedPlan merged = merger.merged();
        if (merged.size() > 1) {
            LOG.info("partition {}: {} plans (offsets {}..{}) merged into one run {}", worker.partition(), merged.size(),
                    firstOffset, through.offset(), merged.combined().planId());
        }
        BooleanSupplier cancelled = () -> worker.isClosed() || stopping.getAsBoolean();
        long formed = System.currentTimeMillis();
        Future<List<ApplyResult>> executed = executor.execute(merged, receivedAt, cancelled);
        Future<Void> published = executed.compose(results -> {
            if (cancelled.getAsBoolean()) {
                LOG.info("[{}] plan {}: partition {} left us; not reporting (the next owner replays it)",
                        merged.combined().shard(), merged.combined().planId(), worker.partition());
                return Future.failedFuture(new CancellationException("partition " + worker.partition() + " left us"));
            }
            long applied = System.currentTimeMillis();
            List<ApplyResult> all = new ArrayList<>(answered);
            all.addAll(results);
            return publish(worker, previous, lettered, all, firstOffset, through).onSuccess(v -> LOG.info(
                    "partition {}: offsets {}..{} ({} plans) formed in {} ms, calls over after {} ms, published and"
                            + " committed {} ms later", worker.partition(), firstOffset, through.offset(), merged.size(),
                    formed - receivedAt, applied - formed, System.currentTimeMillis() - applied));
        });
        return new PartitionWorker.Run(taken, executed.<Void>mapEmpty().recover(t -> Future.succeededFuture()), published);
    }

    /**
     * Merges {@code queued} as {@link #start} would, without dead letters or results: true when the merge ends before
     * the last record (undecodable plans and plans answered without a run are taken and never end it).
     */
    @Override
    public boolean bounded(List<KafkaConsumerRecord<String, byte[]>> queued) {
        PlanMerger merger = new PlanMerger(config.maxMergedPlans(), config.maxMergedChanges());
        for (KafkaConsumerRecord<String, byte[]> record : queued) {
            ChangePlan plan;
            try {
                plan = decode(record);
            } catch (CodecException e) {
                continue;
            }
            lookedAhead.put(record, plan);
            if (notOurs(plan) == null && !merger.add(plan)) {
                return true;
            }
        }
        return false;
    }

    private static ChangePlan decode(KafkaConsumerRecord<String, byte[]> record) throws CodecException {
        if (record.value() == null) {
            throw new CodecException("", "null value (plans are never tombstoned)", null);
        }
        ChangePlan plan = JsonCodec.decode(record.value(), ChangePlan.class);
        keyProblem(record.key(), plan);
        return plan;
    }

    /**
     * After the previous run's publication (results in plan order, commits in offset order): dead letters, then
     * the results, then one commit past {@code through} (a crash between them replays the plans, which are then
     * ALREADY_DONE). Fails, committing nothing, when the previous publication failed.
     */
    private Future<Void> publish(PartitionWorker worker, Future<Void> previous, Future<Void> lettered,
                                 List<ApplyResult> results, long firstOffset, KafkaConsumerRecord<String, byte[]> through) {
        return previous.compose(v -> lettered)
                .compose(v -> report(worker, results))
                .compose(v -> commit(worker, through))
                .onFailure(t -> {
                    if (!worker.isClosed() && !stopping.getAsBoolean()) {
                        // the partition stays ours but this offset is never committed: a restart replays from here
                        LOG.error("partition {}: offsets {}..{} not reported nor committed (the publication of this run"
                                + " or an earlier one failed): {}", worker.partition(), firstOffset, through.offset(), t.toString());
                    }
                });
    }

    /** The key must be {@code <shard>|<planId>} of the plan: its shard chose the partition (and so the order). */
    private static void keyProblem(String key, ChangePlan plan) throws CodecException {
        String expected = RecordKey.of(plan.shard(), plan.planId());
        if (!expected.equals(key)) {
            throw new CodecException("key", "key '" + key + "' is not the plan's " + expected, null);
        }
    }

    /** Why the plan is answered without a run (no change at all, or none inside our filter), or null. */
    private String notOurs(ChangePlan plan) {
        if (Stream.of(plan.create(), plan.updateNew(), plan.updateOld(), plan.delete()).allMatch(List::isEmpty)) {
            return "the plan holds no change";
        }
        return concernsUs(plan) ? null : "no name of the plan is inside this applier's --domain-filter "
                + ownDomains.includes() + (ownDomains.excludes().isEmpty() ? "" : " --exclude-domains " + ownDomains.excludes())
                + ": left to the applier that manages them";
    }

    /** Every result on Kafka, each retried until it is (or the partition leaves us: then this fails). */
    private Future<Void> report(PartitionWorker worker, List<ApplyResult> results) {
        List<Future<Void>> sent = new ArrayList<>(results.size());
        for (ApplyResult r : results) {
            sent.add(untilSent(worker, "send of the result of plan " + r.planId(), () -> producer.send(KafkaProducerRecord.create(
                    Topics.RESULTS, RecordKey.of(r.shard(), r.planId()), JsonCodec.encode(r))).mapEmpty(), 1));
        }
        return Future.all(sent).mapEmpty();
    }

    private Future<Void> deadLetter(PartitionWorker worker, KafkaConsumerRecord<String, byte[]> record, String reason,
                                    int attempt) {
        return untilSent(worker, "send of the dead letter of offset " + record.offset(), () -> deadLetters.send(record, reason), attempt);
    }

    /**
     * Retries a send with {@link Backoff#KAFKA} (100 ms doubling to 5 s) for as long as the partition is ours: the run, and so the
     * partition, waits, and its offset is never committed past an outcome that is not on Kafka. Fails once the
     * partition is revoked or the stage stops (the next owner replays the plans).
     */
    private Future<Void> untilSent(PartitionWorker worker, String what, Supplier<Future<Void>> send,
                                   int attempt) {
        return send.get().recover(t -> {
            if (stopping.getAsBoolean() || worker.isClosed()) {
                return Future.failedFuture(t);
            }
            long delay = Backoff.KAFKA.delayMillis(attempt);
            LOG.warn("partition {}: the {} failed (attempt {}), retrying in {} ms; offsets wait: {}",
                    worker.partition(), what, attempt, delay, t.toString());
            registry.counter("streamdns.applier.publish.retries").increment();
            Promise<Void> again = Promise.promise();
            vertx.setTimer(delay, id -> untilSent(worker, what, send, attempt + 1).onComplete(again));
            return again.future();
        });
    }

    /** True when some change of the plan names a record inside this applier's domain filter. */
    private boolean concernsUs(ChangePlan plan) {
        return Stream.of(plan.create(), plan.updateNew(), plan.updateOld(), plan.delete())
                .flatMap(List::stream)
                .anyMatch(e -> ownDomains.matches(e.dnsName()));
    }

    private Future<Void> commit(PartitionWorker worker, KafkaConsumerRecord<String, byte[]> record) {
        if (worker.isClosed() || stopping.getAsBoolean()) {
            return Future.succeededFuture();
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        // retried too (e.g. a rebalance in progress): the outcome is on Kafka, a lost commit would only replay it
        return untilSent(worker, "commit of offset " + (record.offset() + 1),
                () -> consumer.commit(Map.of(tp, new OffsetAndMetadata(record.offset() + 1, ""))).mapEmpty(), 1);
    }

}
