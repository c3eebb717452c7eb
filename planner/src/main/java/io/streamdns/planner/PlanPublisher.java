package io.streamdns.planner;

import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.planner.plan.Skipped;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a shard's plan on {@code streamdns.plans}: cut into chunks that each fit one Route 53 call, each laid
 * over the shard's current state as in flight before it is sent (so it is never planned twice), one log line and
 * the plan metrics per chunk. A chunk that cannot be produced is forgotten again and its names handed back as
 * refused (planned again after a back-off). Event-loop only.
 */
final class PlanPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(PlanPublisher.class);

    /** Where names of a plan that could not be produced go. */
    interface Refusals {
        void refused(String shard, String name, String why, long now);
    }

    private final KafkaProducer<String, byte[]> producer;
    private final PlannerMetrics metrics;
    private final int maxChangesPerPlan;
    private final Refusals refusals;
    private final Runnable heldChanged;

    PlanPublisher(KafkaProducer<String, byte[]> producer, PlannerMetrics metrics, int maxChangesPerPlan,
                  Refusals refusals, Runnable heldChanged) {
        this.heldChanged = heldChanged;
        this.producer = producer;
        this.metrics = metrics;
        this.maxChangesPerPlan = maxChangesPerPlan;
        this.refusals = refusals;
    }

    /**
     * Marks the plan's chunks in flight and sends them.
     * @return completes once every chunk is sent or failed, with the names of the chunks that failed (refused)
     */
    Future<Set<String>> publish(ShardPlanner sp, ShardPlanner.ShardPlan plan, long now, long earliestEventAt) {
        for (Skipped s : plan.changes().skipped()) {
            metrics.skipped(s.reason());
            if (!s.reason().held()) {
                LOG.info("[{}] skipped {}", sp.shard(), s);
            }
        }
        metrics.planned(sp, plan, now);
        boolean heldChanged = sp.held().takeChanged();
        if (heldChanged) {
            logHeld(sp);
            this.heldChanged.run();
        }
        List<PlanRecords.Out> outs = PlanRecords.build(sp.shard(), plan, now, earliestEventAt, maxChangesPerPlan,
                heldChanged);
        List<Future<Set<String>>> sends = new ArrayList<>(outs.size());
        for (PlanRecords.Out o : outs) {
            sp.inFlight(o.plan().planId(), o.changes(), now);
            sends.add(send(sp, o));
        }
        return Future.all(sends).map(all -> {
            Set<String> failed = new HashSet<>();
            sends.forEach(f -> failed.addAll(f.result()));
            return failed;
        });
    }

    /** One line per shard whenever the set of held deletes changes. */
    static void logHeld(ShardPlanner sp) {
        if (sp.held().isEmpty()) {
            LOG.info("[{}] no deletes held any more", sp.shard());
        } else {
            LOG.warn("[{}] {} names with deletes held: {}", sp.shard(), sp.held().names().size(), sp.held().summary());
        }
    }

    /**
     * Sends one plan record (already in flight, e.g. a full plan of a restore).
     * @return the names of the plan when it could not be produced (handed to the refusals), else none; never fails
     */
    Future<Set<String>> send(ShardPlanner sp, PlanRecords.Out o) {
        String planId = o.plan().planId();
        String shard = o.plan().shard();
        return producer.send(KafkaProducerRecord.create(Topics.PLANS, RecordKey.of(shard, planId),
                        JsonCodec.encode(o.plan())))
                .onSuccess(md -> {
                    if (o.changes().isEmpty()) {
                        return; // a report of held deletes, for audit
                    }
                    metrics.plansOut.increment();
                    metrics.planSize.record(o.changes().size());
                    LOG.info("[{}] plan {}: {} create, {} update, {} delete for {}", shard, planId,
                            o.changes().create().size(), o.changes().updateNew().size(), o.changes().delete().size(),
                            PlanRecords.describeNames(o));
                })
                .<Set<String>>map(md -> Set.of())
                .recover(e -> {
                    LOG.error("[{}] plan {} could not be produced: {}", shard, planId, e.toString());
                    long now = System.currentTimeMillis();
                    Set<String> names = sp.forget(planId);
                    for (String name : names) {
                        refusals.refused(shard, name, "not produced", now);
                    }
                    return Future.succeededFuture(names);
                });
    }
}
