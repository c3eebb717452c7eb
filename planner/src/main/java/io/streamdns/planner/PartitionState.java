package io.streamdns.planner;

import io.streamdns.planner.plan.Planner;
import io.streamdns.planner.plan.DeleteBudget;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.planner.plan.SyncState;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planner holds for one assigned partition: its shards, and the offsets that decide what the live consumer
 * still has to apply and what may be committed. Event-loop only.
 */
final class PartitionState {
    final int partition;
    /** The assignment this state belongs to: a restore finishing after a newer assignment is dropped. */
    final long generation;
    boolean restoring = true;
    /** Live records that arrived while restoring; applied (those past the restore) when it is done. */
    List<KafkaConsumerRecord<String, byte[]>> buffer = new ArrayList<>();
    final Map<String, ShardPlanner> shards = new HashMap<>();
    /** Which clusters are complete on this partition (markers, retirements) and the shards' approvals. */
    SyncState sync;
    /** Per topic: the end offset the restore read up to; the live consumer applies only records from there. */
    final Map<String, Long> restoredEnd = new HashMap<>();
    /** Per topic: the last offset the live consumer handled. */
    final Map<String, Long> lastSeen = new HashMap<>();
    /** Per shard, per name waiting in the debouncer, per topic: the first offset that touched it. */
    private final Map<String, Map<String, Map<String, Long>>> waiting = new HashMap<>();
    /** Offsets of names taken from the debouncer whose plans are not on Kafka yet (P4). */
    private final Set<Hold> holds = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Per topic: the offset last committed (recorded once the commit succeeded). */
    final Map<String, Long> committed = new HashMap<>();
    /** A commit is on its way: the next one waits for it (commits of one partition stay in order). */
    boolean committing;
    boolean commitAgain;
    int commitFailures;

    /** The offsets of a slice of names being published: they hold back commits until their plans are on Kafka. */
    static final class Hold {
        final String shard;
        final Map<String, Map<String, Long>> byName;

        private Hold(String shard, Map<String, Map<String, Long>> byName) {
            this.shard = shard;
            this.byName = byName;
        }
    }

    private final DeleteBudget.Settings budget;

    PartitionState(int partition, long generation, DeleteBudget.Settings budget) {
        this.partition = partition;
        this.budget = budget;
        this.generation = generation;
        this.sync = new SyncState(partition);
    }

    ShardPlanner shard(String shard, Planner planner) {
        return shards.computeIfAbsent(shard, s -> new ShardPlanner(s, planner, sync, budget));
    }

    void pending(String shard, Collection<String> names, String topic, long offset) {
        Map<String, Map<String, Long>> byName = waiting.computeIfAbsent(shard, s -> new HashMap<>());
        for (String n : names) {
            byName.computeIfAbsent(n, k -> new HashMap<>(4)).putIfAbsent(topic, offset);
        }
    }

    /** The names were planned (or dropped): their offsets no longer hold back commits. */
    void planned(String shard, Collection<String> names) {
        Map<String, Map<String, Long>> byName = waiting.get(shard);
        if (byName != null) {
            names.forEach(byName::remove);
            if (byName.isEmpty()) {
                waiting.remove(shard);
            }
        }
    }

    /** Moves the names' waiting offsets into a hold: planned, but their plans are not on Kafka yet. */
    Hold hold(String shard, Collection<String> names) {
        Map<String, Map<String, Long>> taken = new HashMap<>();
        Map<String, Map<String, Long>> byName = waiting.get(shard);
        if (byName != null) {
            for (String n : names) {
                Map<String, Long> offsets = byName.remove(n);
                if (offsets != null) {
                    taken.put(n, offsets);
                }
            }
            if (byName.isEmpty()) {
                waiting.remove(shard);
            }
        }
        Hold h = new Hold(shard, taken);
        if (!taken.isEmpty()) {
            holds.add(h);
        }
        return h;
    }

    /** The names' plans are on Kafka (or the names dead-lettered): their offsets no longer hold back commits. */
    void release(Hold h, Collection<String> names) {
        names.forEach(h.byName::remove);
        if (h.byName.isEmpty()) {
            holds.remove(h);
        }
    }

    /** The names' plans did not get onto Kafka: their offsets wait again, until the names are planned again. */
    void giveBack(Hold h, Collection<String> names) {
        for (String n : names) {
            Map<String, Long> offsets = h.byName.remove(n);
            if (offsets != null) {
                offsets.forEach((topic, offset) -> pending(h.shard, List.of(n), topic, offset));
            }
        }
        if (h.byName.isEmpty()) {
            holds.remove(h);
        }
    }

    /** The first offset per topic that touched a waiting name (empty when none waits). */
    Map<String, Long> waitingOffsets(String shard, String name) {
        Map<String, Map<String, Long>> byName = waiting.get(shard);
        Map<String, Long> offsets = byName == null ? null : byName.get(name);
        return offsets == null ? Map.of() : Map.copyOf(offsets);
    }

    /** The offset to commit for a topic: past everything handled, but not past names still waiting to be planned. */
    long committable(String topic) {
        Long last = lastSeen.get(topic);
        if (last == null) {
            return -1;
        }
        long next = last + 1;
        for (Map<String, Map<String, Long>> byName : waiting.values()) {
            next = earliest(byName, topic, next);
        }
        for (Hold h : holds) {
            next = earliest(h.byName, topic, next);
        }
        return next;
    }

    private static long earliest(Map<String, Map<String, Long>> byName, String topic, long next) {
        for (Map<String, Long> byTopic : byName.values()) {
            Long first = byTopic.get(topic);
            if (first != null && first < next) {
                next = first;
            }
        }
        return next;
    }
}
