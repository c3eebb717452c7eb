package io.streamdns.planner;

import io.streamdns.planner.plan.Planner;
import io.streamdns.planner.plan.DeleteBudget;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.planner.plan.SyncState;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /** Per topic: the offset last committed. */
    final Map<String, Long> committed = new HashMap<>();

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

    /** The offset to commit for a topic: past everything handled, but not past names still waiting to be planned. */
    long committable(String topic) {
        Long last = lastSeen.get(topic);
        if (last == null) {
            return -1;
        }
        long next = last + 1;
        for (Map<String, Map<String, Long>> byName : waiting.values()) {
            for (Map<String, Long> byTopic : byName.values()) {
                Long first = byTopic.get(topic);
                if (first != null && first < next) {
                    next = first;
                }
            }
        }
        return next;
    }
}
