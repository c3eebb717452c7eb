package io.streamdns.planner;

import io.streamdns.model.Topics;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.planner.plan.DebounceSchedule;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.runtime.Backoff;
import io.streamdns.runtime.kafka.DeadLetters;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans what the debouncer hands over, a slice of names per event-loop turn, and commits behind it (DESIGN P4):
 * <ul>
 *   <li>a slice's offsets are held until its plans are on Kafka; the names of a plan that could not be produced keep
 *       theirs and are planned again after a back-off;</li>
 *   <li>a slice whose planning throws is planned again in halves, so the rest of the batch still goes out and only
 *       names that fail alone are kept back: planned again after a back-off, dead-lettered with the reason after
 *       {@value #MAX_PLAN_ATTEMPTS} failures (only then do their offsets go);</li>
 *   <li>a commit is recorded once it succeeded; a failed one is retried with a back-off while the partition is ours
 *       (and any later commit carries its offsets too: commits are cumulative).</li>
 * </ul>
 * Event-loop only.
 */
final class LivePlanning {
    private static final Logger LOG = LoggerFactory.getLogger(LivePlanning.class);
    /** Failures of planning one name alone before it is dead-lettered. */
    static final int MAX_PLAN_ATTEMPTS = 5;

    /** Plans names of a shard; a seam so tests can make a slice throw. */
    interface SlicePlanner {
        ShardPlanner.ShardPlan plan(ShardPlanner sp, List<String> names);
    }

    private final Vertx vertx;
    private final Map<Integer, PartitionState> partitions;
    private final Map<String, PartitionState> byShard;
    private final Debouncer debouncer;
    private final RefusalBackoff backoff;
    private final PlanPublisher publisher;
    private final DeadLetters dlq;
    private final KafkaConsumer<String, byte[]> consumer;
    private final PlannerMetrics metrics;
    private final int namesPerTurn;
    private final BooleanSupplier stopped;
    private final SlicePlanner slicer;
    private final LongSupplier clock;
    /** Per shard|name: how often planning it alone failed in a row. */
    private final Map<String, Integer> planFailures = new HashMap<>();

    LivePlanning(Vertx vertx, Map<Integer, PartitionState> partitions, Map<String, PartitionState> byShard,
                 Debouncer debouncer, RefusalBackoff backoff, PlanPublisher publisher, DeadLetters dlq,
                 KafkaConsumer<String, byte[]> consumer, PlannerMetrics metrics, int namesPerTurn,
                 BooleanSupplier stopped, SlicePlanner slicer, LongSupplier clock) {
        this.vertx = vertx;
        this.partitions = partitions;
        this.byShard = byShard;
        this.debouncer = debouncer;
        this.backoff = backoff;
        this.publisher = publisher;
        this.dlq = dlq;
        this.consumer = consumer;
        this.metrics = metrics;
        this.namesPerTurn = Math.max(1, namesPerTurn);
        this.stopped = stopped;
        this.slicer = slicer;
        this.clock = clock;
    }

    /** The debouncer fired for the shard: plan what is due. */
    void flush(String shard) {
        PartitionState ps = byShard.get(shard);
        DebounceSchedule.Batch batch = debouncer.take(shard);
        if (ps == null || batch == null || !owned(ps)) {
            return;
        }
        ShardPlanner sp = ps.shards.get(shard);
        if (sp == null) {
            ps.planned(shard, batch.names()); // no state for the shard: nothing to plan, ever
            commit(ps);
            return;
        }
        long now = clock.getAsLong();
        List<String> names = new ArrayList<>(batch.names().size());
        for (String n : new TreeSet<>(batch.names())) {
            // a refused name keeps its offsets until its back-off timer has it planned
            if (backoff.waitFor(shard, n, now) == 0) {
                names.add(n);
            }
        }
        Deque<List<String>> work = new ArrayDeque<>();
        for (int i = 0; i < names.size(); i += namesPerTurn) {
            work.add(names.subList(i, Math.min(names.size(), i + namesPerTurn)));
        }
        if (!work.isEmpty()) {
            planTurn(ps, sp, work, batch.earliestEventAt());
        }
    }

    /** Plans and publishes the next slice, then yields the event loop for the rest. */
    private void planTurn(PartitionState ps, ShardPlanner sp, Deque<List<String>> work, long earliestEventAt) {
        if (!owned(ps) || ps.shards.get(sp.shard()) != sp) {
            return; // revoked meanwhile: the next owner plans the whole shard on assignment
        }
        List<String> slice = work.pollFirst();
        PartitionState.Hold hold = null;
        try {
            ShardPlanner.ShardPlan plan = slicer.plan(sp, slice);
            hold = ps.hold(sp.shard(), slice);
            PartitionState.Hold held = hold;
            publisher.publish(sp, plan, clock.getAsLong(), earliestEventAt)
                    .onComplete(ar -> published(ps, held, slice, ar));
            slice.forEach(n -> planFailures.remove(key(sp.shard(), n)));
        } catch (RuntimeException e) {
            if (hold != null) {
                ps.giveBack(hold, slice);
            }
            planningFailed(ps, sp, slice, work, e);
        }
        if (!work.isEmpty()) {
            vertx.runOnContext(v -> planTurn(ps, sp, work, earliestEventAt));
        }
    }

    private void published(PartitionState ps, PartitionState.Hold hold, List<String> slice, AsyncResult<Set<String>> ar) {
        // names not on Kafka keep their offsets; the publisher handed them to the back-off
        ps.giveBack(hold, ar.succeeded() ? ar.result() : slice);
        if (ar.failed()) {
            slice.forEach(n -> refused(hold.shard, n, "not published: " + ar.cause(), clock.getAsLong()));
        }
        ps.release(hold, slice);
        commit(ps);
    }

    /** A slice threw: halves are planned in the next turns; a name that fails alone is retried, then dead-lettered. */
    private void planningFailed(PartitionState ps, ShardPlanner sp, List<String> slice, Deque<List<String>> work,
                                RuntimeException e) {
        metrics.planErrors.increment();
        String shard = sp.shard();
        if (slice.size() > 1) {
            LOG.warn("[{}] planning {} names of partition {} ({}..{}) failed, planning them in halves to find the "
                    + "names that fail: {}", shard, slice.size(), ps.partition, slice.get(0), slice.get(slice.size() - 1),
                    e.toString());
            int mid = slice.size() / 2;
            work.addFirst(slice.subList(mid, slice.size()));
            work.addFirst(slice.subList(0, mid));
            return;
        }
        String name = slice.get(0);
        int attempts = planFailures.merge(key(shard, name), 1, Integer::sum);
        if (attempts < MAX_PLAN_ATTEMPTS) {
            LOG.error("[{}] planning {} (partition {}) failed, attempt {} of {}; its offsets wait", shard, name,
                    ps.partition, attempts, MAX_PLAN_ATTEMPTS, e);
            refused(shard, name, "planning failed: " + e, clock.getAsLong());
        } else {
            deadLetter(ps, shard, name, "planning " + name + " failed " + attempts + " times: " + e);
        }
    }

    /** The name's outcome is a dead letter with the reason: its offsets go once the letter is on Kafka. */
    private void deadLetter(PartitionState ps, String shard, String name, String reason) {
        Map<String, Long> offsets = ps.waitingOffsets(shard, name);
        String topic = offsets.containsKey(Topics.SOURCES) || offsets.isEmpty() ? Topics.SOURCES
                : offsets.keySet().iterator().next();
        PartitionState.Hold hold = ps.hold(shard, List.of(name));
        dlq.send(topic, ps.partition, offsets.getOrDefault(topic, -1L), RecordKey.of(shard, name), null, reason)
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        planFailures.remove(key(shard, name));
                        ps.release(hold, List.of(name));
                        commit(ps);
                    } else {
                        ps.giveBack(hold, List.of(name));
                        refused(shard, name, "dead letter not sent: " + ar.cause(), clock.getAsLong());
                    }
                });
    }

    /** A name the provider refused (or a plan that could not be produced or planned): planned again after a back-off. */
    void refused(String shard, String name, String why, long now) {
        metrics.refused.increment();
        long delay = backoff.reject(shard, name, now);
        LOG.warn("[{}] {} refused ({}): planning it again in {} ms", shard, name, why, delay);
        vertx.setTimer(delay, id -> {
            if (byShard.containsKey(shard) && !stopped.getAsBoolean()) {
                debouncer.touch(shard, Set.of(name), 0);
            }
        });
    }

    /**
     * Commits what every produced plan covers (offsets of names waiting in the debouncer, or whose plans are not on
     * Kafka yet, are held back). One commit per partition at a time; recorded only once it succeeded.
     */
    void commit(PartitionState ps) {
        if (ps.restoring || !owned(ps)) {
            return;
        }
        if (ps.committing) {
            ps.commitAgain = true;
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (String topic : PlannerVerticle.LIVE_TOPICS) {
            long next = ps.committable(topic);
            if (next > ps.committed.getOrDefault(topic, -1L)) {
                offsets.put(new TopicPartition(topic, ps.partition), new OffsetAndMetadata(next, ""));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        ps.committing = true;
        consumer.commit(offsets).onComplete(ar -> {
            ps.committing = false;
            if (ar.succeeded()) {
                offsets.forEach((tp, om) -> ps.committed.merge(tp.getTopic(), om.getOffset(), Math::max));
                ps.commitFailures = 0;
                if (ps.commitAgain) {
                    ps.commitAgain = false;
                    commit(ps);
                }
                return;
            }
            ps.commitAgain = false;
            ps.commitFailures++;
            metrics.commitFailures.increment();
            long delay = Backoff.KAFKA.delayMillis(ps.commitFailures);
            LOG.warn("planner commit of {} failed (attempt {}), retrying in {} ms: {}", offsets, ps.commitFailures,
                    delay, ar.cause().toString());
            vertx.setTimer(delay, id -> commit(ps));
        });
    }

    void dropShard(String shard) {
        planFailures.keySet().removeIf(k -> k.startsWith(shard + "|"));
    }

    private boolean owned(PartitionState ps) {
        return !stopped.getAsBoolean() && partitions.get(ps.partition) == ps;
    }

    private static String key(String shard, String name) {
        return shard + "|" + name;
    }
}
