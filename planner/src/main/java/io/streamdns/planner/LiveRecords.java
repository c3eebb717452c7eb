package io.streamdns.planner;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.planner.plan.Planner;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.runtime.kafka.DeadLetters;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one live record of a restored partition: a source or zone record updates the shard's index and its
 * touched names wait in the debouncer (their offsets held back from commits until planned); a result clears or
 * corrects the in-flight overlay, its refused names go to the back-off. Malformed records go to the DLQ. Records the
 * restore already read are skipped. Event-loop only.
 */
final class LiveRecords {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRecords.class);

    private final Planner planner;
    private final PlannerMetrics metrics;
    private final DeadLetters dlq;
    private final Map<String, PartitionState> byShard;
    private final Debouncer debouncer;
    private final RefusalBackoff backoff;
    private final PlanPublisher.Refusals refusals;

    LiveRecords(Planner planner, PlannerMetrics metrics, DeadLetters dlq, Map<String, PartitionState> byShard,
                Debouncer debouncer, RefusalBackoff backoff, PlanPublisher.Refusals refusals) {
        this.planner = planner;
        this.metrics = metrics;
        this.dlq = dlq;
        this.byShard = byShard;
        this.debouncer = debouncer;
        this.backoff = backoff;
        this.refusals = refusals;
    }

    void process(PartitionState ps, KafkaConsumerRecord<String, byte[]> r) {
        ps.lastSeen.put(r.topic(), r.offset());
        if (r.offset() < ps.restoredEnd.getOrDefault(r.topic(), 0L)) {
            return; // the restore read it (and dead-lettered it if it was malformed)
        }
        metrics.eventIn(r.topic());
        switch (r.topic()) {
            case Topics.SOURCES -> {
                if (ControlKeys.isControl(r.key())) {
                    control(ps, r);
                    return;
                }
                Inputs.Decoded<SourceState> d = Inputs.source(r.key(), r.value());
                if (!d.ok()) {
                    refuse(r, d.error());
                    if (d.shard() != null) {
                        ps.shard(d.shard(), planner).refusedSource(d.identity());
                        byShard.put(d.shard(), ps);
                    }
                } else {
                    boolean knew = ps.sync.complete(ControlKeys.clusterOf(d.identity()));
                    Set<String> names = ps.shard(d.shard(), planner).putSource(d.identity(), d.value());
                    byShard.put(d.shard(), ps);
                    long eventAt = d.value() != null ? d.value().observedAt() : r.timestamp();
                    touch(ps, d.shard(), names, eventAt, r);
                    if (knew != ps.sync.complete(ControlKeys.clusterOf(d.identity()))) {
                        replanHeld(ps, null, r); // a scope's last key went: its cluster may be complete now
                    }
                }
            }
            case Topics.ZONE_STATE -> {
                Inputs.Decoded<ZoneRecord> d = Inputs.zoneRecord(r.key(), r.value());
                if (!d.ok()) {
                    refuse(r, d.error());
                } else {
                    Set<String> names = ps.shard(d.shard(), planner).putRecord(d.identity(), d.value());
                    byShard.put(d.shard(), ps);
                    touch(ps, d.shard(), names, 0, r);
                }
            }
            case Topics.RESULTS -> {
                Inputs.Decoded<ApplyResult> d = Inputs.result(r.key(), r.value());
                if (!d.ok()) {
                    refuse(r, d.error());
                } else {
                    onResult(ps, d.value());
                }
            }
            default -> LOG.debug("record of unexpected topic {}", r.topic());
        }
    }

    /** A marker, retirement or approval: the partition's knowledge changes, held deletes are planned again. */
    private void control(PartitionState ps, KafkaConsumerRecord<String, byte[]> r) {
        Controls.Outcome o = Controls.apply(ps.sync, r.key(), r.value(), r.partition());
        if (o.error() != null) {
            refuse(r, o.error());
        } else if (o.knowledgeChanged()) {
            replanHeld(ps, o.shard(), r);
        }
    }

    /** Plans the names with held deletes again (of one shard, or of every shard of the partition). */
    private void replanHeld(PartitionState ps, String onlyShard, KafkaConsumerRecord<String, byte[]> r) {
        for (ShardPlanner sp : ps.shards.values()) {
            if ((onlyShard == null || onlyShard.equals(sp.shard())) && !sp.held().isEmpty()) {
                touch(ps, sp.shard(), Set.copyOf(sp.held().names()), 0, r);
            }
        }
    }

    private void refuse(KafkaConsumerRecord<String, byte[]> r, String reason) {
        metrics.decodeError(r.topic());
        dlq.send(r, reason);
    }

    private void touch(PartitionState ps, String shard, Set<String> names, long eventAt,
                       KafkaConsumerRecord<String, byte[]> r) {
        if (!names.isEmpty()) {
            ps.pending(shard, names, r.topic(), r.offset());
            debouncer.touch(shard, names, eventAt);
        }
    }

    private void onResult(PartitionState ps, ApplyResult result) {
        ShardPlanner sp = ps.shards.get(result.shard());
        if (sp == null || answeredWithoutActing(result)) {
            return;
        }
        long now = System.currentTimeMillis();
        for (ChangeOutcome o : result.outcomes()) {
            if (o.status() == ChangeOutcome.Status.APPLIED || o.status() == ChangeOutcome.Status.ALREADY_DONE) {
                backoff.accepted(result.shard(), o.dnsName());
            }
        }
        Set<String> refused = sp.resolve(result.planId(), result.status() == ApplyResult.Status.FAILED,
                result.outcomes(), now);
        for (String name : refused) {
            refusals.refused(result.shard(), name, "plan " + result.planId() + " " + result.status(), now);
        }
    }

    /**
     * A NOTHING_TO_DO with a note and no outcome: an applier (e.g. of another group, with other filters) that acted on
     * none of the plan's changes. It says nothing about the changes: the applier that owns them answers for them, and
     * until then the plan stays in flight (were it read as "all accepted", its grace period would start too early).
     */
    static boolean answeredWithoutActing(ApplyResult result) {
        return result.status() == ApplyResult.Status.NOTHING_TO_DO && result.outcomes().isEmpty() && result.note() != null;
    }
}
