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
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run over the head of a partition's queue: decodes records in offset order (undecodable → DLQ, plans with no
 * name in our domain filter → left to their applier), merges the mergeable prefix of plans ({@link PlanMerger}),
 * executes it once, publishes one {@link ApplyResult} per plan, and only then commits past the last record taken
 * (at-least-once: a replay finds its changes ALREADY_DONE). A run cancelled by revocation or stop reports and
 * commits nothing.
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

    PlanRunner(Vertx vertx, ApplierConfig config, PlanExecutor executor, KafkaConsumer<String, byte[]> consumer,
               KafkaProducer<String, byte[]> producer, DeadLetters deadLetters, MeterRegistry registry,
               BooleanSupplier stopping) {
        this.vertx = vertx;
        this.config = config;
        this.ownDomains = DomainFilter.of(config.domainFilter(), config.excludeDomains());
        this.executor = executor;
        this.consumer = consumer;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.stopping = stopping;
    }

    @Override
    public PartitionWorker.Run start(PartitionWorker worker, List<KafkaConsumerRecord<String, byte[]>> queued) {
        long receivedAt = System.currentTimeMillis();
        PlanMerger merger = new PlanMerger(config.maxMergedPlans(), config.maxMergedChanges());
        List<Future<Void>> letters = new ArrayList<>();
        KafkaConsumerRecord<String, byte[]> last = null;
        int taken = 0;
        for (KafkaConsumerRecord<String, byte[]> record : queued) {
            ChangePlan plan;
            try {
                if (record.value() == null) {
                    throw new CodecException("", "null value (plans are never tombstoned)", null);
                }
                plan = JsonCodec.decode(record.value(), ChangePlan.class);
            } catch (CodecException e) {
                letters.add(deadLetters.send(record, e.getMessage()).recover(t -> logged("dead-lettering " + record.offset(), t)));
                plan = null;
            }
            if (plan != null && !concernsUs(plan)) {
                // another applier group (other domains, e.g. another AWS account) answers for it; a result from us
                // would tell the planner its plan failed
                LOG.debug("[{}] plan {}: no name inside our domain filter, left to the applier that owns it",
                        plan.shard(), plan.planId());
                registry.counter("streamdns.applier.plans.foreign").increment();
                plan = null;
            }
            if (plan != null && !merger.add(plan)) {
                break; // touches a name of the run or passes a bound: it heads the next run
            }
            last = record;
            taken++;
        }
        KafkaConsumerRecord<String, byte[]> through = last;
        Future<Void> lettered = Future.join(letters).<Void>mapEmpty().otherwiseEmpty();
        if (merger.isEmpty()) {
            return new PartitionWorker.Run(taken, lettered.compose(v -> commit(worker, through))
                    .recover(t -> logged("committing " + through.offset(), t)));
        }
        MergedPlan merged = merger.merged();
        if (merged.size() > 1) {
            LOG.info("partition {}: {} plans (offsets {}..{}) merged into one run {}", worker.partition(), merged.size(),
                    queued.get(0).offset(), through.offset(), merged.combined().planId());
        }
        BooleanSupplier cancelled = () -> worker.isClosed() || stopping.getAsBoolean();
        Future<Void> done = executor.execute(merged, receivedAt, cancelled).compose(results -> {
            if (cancelled.getAsBoolean()) {
                LOG.info("[{}] plan {}: partition {} left us; not reporting (the next owner replays it)",
                        merged.combined().shard(), merged.combined().planId(), worker.partition());
                return Future.succeededFuture();
            }
            // results first, then the offset: a crash between them replays the plans, which are then ALREADY_DONE
            List<Future<Void>> sent = results.stream().map(r -> publish(worker, r, 1)).toList();
            return lettered.compose(v -> Future.all(sent)).compose(v -> commit(worker, through));
        }).recover(t -> logged("reporting " + merged.combined().planId(), t));
        return new PartitionWorker.Run(taken, done);
    }

    /** True when some change of the plan names a record inside this applier's domain filter. */
    private boolean concernsUs(ChangePlan plan) {
        return Stream.of(plan.create(), plan.updateNew(), plan.updateOld(), plan.delete())
                .flatMap(List::stream)
                .anyMatch(e -> ownDomains.matches(e.dnsName()));
    }

    private Future<Void> publish(PartitionWorker worker, ApplyResult result, int attempt) {
        KafkaProducerRecord<String, byte[]> out = KafkaProducerRecord.create(Topics.RESULTS,
                RecordKey.of(result.shard(), result.planId()), JsonCodec.encode(result));
        return producer.send(out).<Void>mapEmpty().recover(t -> {
            if (attempt >= 5 || stopping.getAsBoolean() || worker.isClosed()) {
                return Future.failedFuture(t);
            }
            Promise<Void> again = Promise.promise();
            vertx.setTimer(200L * attempt, id -> publish(worker, result, attempt + 1).onComplete(again));
            return again.future();
        });
    }

    private Future<Void> commit(PartitionWorker worker, KafkaConsumerRecord<String, byte[]> record) {
        if (worker.isClosed() || stopping.getAsBoolean()) {
            return Future.succeededFuture();
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        return consumer.commit(Map.of(tp, new OffsetAndMetadata(record.offset() + 1, ""))).mapEmpty();
    }

    private static Future<Void> logged(String what, Throwable t) {
        LOG.error("{} failed: {}", what, t.toString());
        return Future.succeededFuture();
    }
}
