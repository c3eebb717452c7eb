package io.streamdns.planner;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.planner.plan.DeleteBudget;
import io.streamdns.planner.plan.Planner;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.planner.plan.SyncState;
import io.streamdns.runtime.Blocking;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.kafka.ReadToEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the planning state of assigned partitions with a group-less reader: sources and zone state from the
 * beginning to their end offsets, plus the recent plans and results of the partition (whoever made them), so
 * plans still in flight when the partition moved are laid over zone state instead of being planned again. Then
 * plans each shard once. Reads with {@link ReadToEnd}. Blocking: run it on a worker
 * ({@link io.streamdns.runtime.RestoreWorkers}).
 */
@Blocking("the streamdns-restore worker pool (RestoreWorkers): it reads whole partitions with a raw consumer")
final class PartitionRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionRestorer.class);

    /** At most this many malformed records per partition are kept for the DLQ (the rest are only counted). */
    static final int MALFORMED_KEPT = 1000;

    /** One partition rebuilt: its shards, where the live consumer takes over, and the full plans to send. */
    record Restored(int partition, Map<String, ShardPlanner> shards, SyncState sync, Map<String, Long> endOffsets,
                    List<PlanRecords.Out> plans, long records, List<Malformed> malformed, int inFlightPlans) {
    }

    /** A record the restore could not use; the stage sends it to the DLQ unless the group handled it before. */
    record Malformed(String topic, int partition, long offset, String key, byte[] value, String reason) {
    }

    private PartitionRestorer() {
    }

    /**
     * @param groupId the planners' group: malformed records below its committed offsets were dead-lettered when the
     *                group read them, so only the others are returned for the DLQ
     */
    static Map<Integer, Restored> restore(String bootstrap, String clientId, String groupId, Set<Integer> partitions,
                                          Planner planner, PlannerConfig.Tuning tuning, DeleteBudget.Settings budget,
                                          long now) {
        Map<TopicPartition, Long> committed = committed(bootstrap, groupId, tuning.restoreTimeout());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                new HashMap<String, Object>(KafkaSettings.reader(bootstrap, clientId)))) {
            return restore(consumer, committed, partitions, planner, tuning, budget, now);
        }
    }

    /**
     * @param consumer  a group-less consumer (the caller closes it)
     * @param committed the group's committed offsets: malformed records below them were dead-lettered before
     */
    static Map<Integer, Restored> restore(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> committed,
                                          Set<Integer> partitions, Planner planner, PlannerConfig.Tuning tuning,
                                          DeleteBudget.Settings budget, long now) {
        Duration quiet = tuning.restoreTimeout();
        List<TopicPartition> all = new ArrayList<>();
        Map<TopicPartition, Long> since = new HashMap<>();
        for (int p : partitions) {
            for (String t : List.of(Topics.SOURCES, Topics.ZONE_STATE, Topics.PLANS, Topics.RESULTS)) {
                all.add(new TopicPartition(t, p));
            }
            since.put(new TopicPartition(Topics.PLANS, p), now - tuning.inFlightMaxAge().toMillis());
            since.put(new TopicPartition(Topics.RESULTS, p), now - tuning.inFlightMaxAge().toMillis());
        }
        consumer.assign(all);
        Map<TopicPartition, OffsetAndTimestamp> recent = consumer.offsetsForTimes(since, quiet);
        for (TopicPartition tp : all) {
            OffsetAndTimestamp at = recent.get(tp);
            if (tp.topic().equals(Topics.SOURCES) || tp.topic().equals(Topics.ZONE_STATE)) {
                consumer.seekToBeginning(List.of(tp));
            } else if (at == null) {
                consumer.seekToEnd(List.of(tp)); // nothing as recent: none of these is in flight
            } else {
                consumer.seek(tp, at.offset());
            }
        }
        Map<Integer, State> states = new HashMap<>();
        partitions.forEach(p -> states.put(p, new State(p, committed, budget)));
        Map<TopicPartition, Long> end = ReadToEnd.read(consumer, all, quiet, r -> states.get(r.partition()).apply(r, planner));
        Map<Integer, Restored> out = new HashMap<>();
        for (int p : partitions) {
            Map<String, Long> endByTopic = new HashMap<>();
            for (String t : List.of(Topics.SOURCES, Topics.ZONE_STATE, Topics.RESULTS)) {
                endByTopic.put(t, end.getOrDefault(new TopicPartition(t, p), 0L));
            }
            out.put(p, states.get(p).finish(p, endByTopic, tuning, now));
        }
        return out;
    }

    /** The group's committed offsets (none when the group is new or the lookup fails: then all count as unread). */
    private static Map<TopicPartition, Long> committed(String bootstrap, String groupId, Duration timeout) {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (Admin admin = Admin.create(new HashMap<String, Object>(KafkaSettings.admin(bootstrap, "streamdns-planner-offsets")))) {
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, om) -> {
                        if (om != null) {
                            out.put(tp, om.offset());
                        }
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("committed offsets of group {} unknown ({}): malformed records may be dead-lettered again",
                    groupId, e.toString());
        }
        return out;
    }

    /**
     * What each plan's shard owned when it was planned, for the recent plans ({@code createdAt > from}) of the shards
     * in {@code ownedNow} (-1 for the others). A plan says so itself; a plan of an older planner does not, and its
     * shard owned at least what it owns now plus what it and the later plans deleted.
     *
     * @param byTime plans, oldest first
     */
    static int[] ownedWhenPlanned(List<ChangePlan> byTime, Map<String, Integer> ownedNow, long from) {
        int[] ownedThen = new int[byTime.size()];
        Map<String, Integer> deletedSince = new HashMap<>();
        for (int i = byTime.size() - 1; i >= 0; i--) { // latest first, summing what was deleted since
            ChangePlan plan = byTime.get(i);
            Integer now = ownedNow.get(plan.shard());
            ownedThen[i] = -1;
            if (now != null && plan.createdAt() > from) {
                int since = deletedSince.merge(plan.shard(), recordDeletes(plan), Integer::sum);
                ownedThen[i] = plan.ownedRecords() > 0 ? plan.ownedRecords() : now + since;
            }
        }
        return ownedThen;
    }

    private static int recordDeletes(ChangePlan plan) {
        int n = 0;
        for (Endpoint e : plan.delete()) {
            if (!e.recordType().equals(RecordTypes.TXT)) {
                n++;
            }
        }
        return n;
    }

    /** What one partition's records built so far. */
    private static final class State {
        final Map<String, ShardPlanner> shards = new HashMap<>();
        final Map<String, ChangePlan> plans = new LinkedHashMap<>();
        final Map<String, ApplyResult> results = new HashMap<>();
        long records;
        final List<Malformed> malformed = new ArrayList<>();
        final Map<TopicPartition, Long> committed;
        final SyncState sync;
        final DeleteBudget.Settings budget;

        State(int partition, Map<TopicPartition, Long> committed, DeleteBudget.Settings budget) {
            this.committed = committed;
            this.budget = budget;
            this.sync = new SyncState(partition);
        }

        void apply(ConsumerRecord<String, byte[]> r, Planner planner) {
            records++;
            switch (r.topic()) {
                case Topics.SOURCES -> {
                    if (ControlKeys.isControl(r.key())) {
                        Controls.Outcome o = Controls.apply(sync, r.key(), r.value(), r.partition());
                        if (o.error() != null) {
                            malformed(r, o.error());
                        }
                        return;
                    }
                    Inputs.Decoded<SourceState> d = Inputs.source(r.key(), r.value());
                    if (d.ok()) {
                        shard(d.shard(), planner).putSource(d.identity(), d.value());
                    } else {
                        malformed(r, d.error());
                        if (d.shard() != null) { // the last accepted state of the key stays; none: its records wait
                            shard(d.shard(), planner).refusedSource(d.identity());
                        }
                    }
                }
                case Topics.ZONE_STATE -> {
                    Inputs.Decoded<ZoneRecord> d = Inputs.zoneRecord(r.key(), r.value());
                    if (d.ok()) {
                        shard(d.shard(), planner).putRecord(d.identity(), d.value());
                    } else {
                        malformed(r, d.error());
                    }
                }
                case Topics.PLANS -> {
                    Inputs.Decoded<ChangePlan> d = Inputs.plan(r.key(), r.value());
                    if (d.ok()) {
                        plans.put(d.value().planId(), d.value());
                    }
                }
                case Topics.RESULTS -> {
                    Inputs.Decoded<ApplyResult> d = Inputs.result(r.key(), r.value());
                    if (d.ok()) {
                        if (!LiveRecords.answeredWithoutActing(d.value())) {
                            results.put(d.value().planId(), d.value());
                        }
                    }
                }
                default -> {
                }
            }
        }

        void malformed(ConsumerRecord<String, byte[]> r, String reason) {
            long from = committed.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L);
            if (r.offset() >= from && malformed.size() < MALFORMED_KEPT) {
                malformed.add(new Malformed(r.topic(), r.partition(), r.offset(), r.key(), r.value(), reason));
            }
        }

        ShardPlanner shard(String shard, Planner planner) {
            return shards.computeIfAbsent(shard, s -> new ShardPlanner(s, planner, sync, budget));
        }

        /** Recent deletes count against the budget, each with the base it had: a restart grants no fresh budget. */
        private void spentEarlier(List<ChangePlan> byTime, long now) {
            Map<String, Integer> ownedNow = new HashMap<>();
            shards.forEach((shard, sp) -> ownedNow.put(shard, sp.ownedRecords()));
            int[] ownedThen = ownedWhenPlanned(byTime, ownedNow, now - budget.window().toMillis());
            for (int i = 0; i < byTime.size(); i++) {
                ChangePlan plan = byTime.get(i);
                if (ownedThen[i] >= 0) {
                    shards.get(plan.shard()).deletesPlannedEarlier(plan.createdAt(), PlanRecords.changesOf(plan),
                            ownedThen[i]);
                }
            }
        }

        Restored finish(int partition, Map<String, Long> end, PlannerConfig.Tuning tuning, long now) {
            // a plan without a result is still in flight (its applier may be busy or moving): lay it over zone state;
            // a plan with a result already shows in zone state (the applier writes zone state first)
            int inFlight = 0;
            List<ChangePlan> byTime = new ArrayList<>(plans.values());
            byTime.sort(Comparator.comparingLong(ChangePlan::createdAt));
            spentEarlier(byTime, now);
            for (ChangePlan plan : plans.values()) {
                ShardPlanner sp = shards.get(plan.shard());
                if (!results.containsKey(plan.planId()) && sp != null) {
                    sp.inFlight(plan.planId(), PlanRecords.changesOf(plan), plan.createdAt());
                    inFlight++;
                }
            }
            List<PlanRecords.Out> out = new ArrayList<>();
            for (ShardPlanner sp : shards.values()) {
                ShardPlanner.ShardPlan full = sp.planAll(now);
                for (PlanRecords.Out o : PlanRecords.build(sp.shard(), full, now, 0, tuning.maxChangesPerPlan(),
                        !sp.held().isEmpty())) {
                    sp.inFlight(o.plan().planId(), o.changes(), now);
                    out.add(o);
                }
            }
            LOG.info("partition {} restored: {} records, {} shards, {} plans still in flight, {} full-plan records",
                    partition, records, shards.size(), inFlight, out.size());
            return new Restored(partition, shards, sync, end, out, records, malformed, inFlight);
        }
    }
}
