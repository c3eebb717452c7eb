package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.control.DeleteApproval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes need complete knowledge: a record is deleted, or loses targets in an update, only when every cluster that
 * may claim it has a complete desired state on the partition. The claimant is the cluster its ownership TXT names;
 * a record without one (adopted from external-dns), and a merged A/AAAA set under {@code merge} (whose targets may
 * come from any cluster), wait for every known cluster, and for at least one to be known. What waits is held, never
 * dropped: a skipped entry says why, and the name is planned again when a marker arrives. A held update of a plain
 * A/AAAA set still adds its new targets (it keeps the ones it would have removed).
 */
public final class DeleteGate {
    /** What the gate needs to know of a partition. */
    public interface Knowledge {
        int partition();

        /** True when the cluster's desired state is complete on the partition (or it is retired). */
        boolean complete(String cluster);

        /** Clusters known on the partition: markers or object keys. */
        Set<String> known();

        /** Why the cluster (null: none known) blocks deletes, e.g. "cluster b has not synced on partition 3". */
        String why(String cluster);
    }

    /** The shard's delete budget as one plan sees it. */
    public record Budget(DeleteBudget budget, String shard, int ownedRecords, DeleteApproval approval, long now) {
    }

    private final Knowledge knowledge;
    private final MultiClusterStrategy strategy;
    private final Budget budget;

    public DeleteGate(Knowledge knowledge, MultiClusterStrategy strategy) {
        this(knowledge, strategy, null);
    }

    /** @param budget the shard's delete budget, or null for none */
    public DeleteGate(Knowledge knowledge, MultiClusterStrategy strategy, Budget budget) {
        this.knowledge = knowledge;
        this.strategy = strategy;
        this.budget = budget;
    }

    /** Holds the deletes and target removals of {@code changes} whose claimants are not complete, then the budget. */
    void apply(ChangeSet changes) {
        unsynced(changes);
        if (budget != null) {
            budget.budget().apply(changes, budget.shard(), budget.ownedRecords(), budget.approval(), budget.now());
        }
    }

    private void unsynced(ChangeSet changes) {
        changes.delete.removeIf(d -> {
            String blocker = blocker(d);
            if (blocker != null) {
                changes.skip(d, Skipped.Reason.DELETE_HELD_UNSYNCED, "delete held: " + blocker);
            }
            return blocker != null;
        });
        for (int i = changes.updateOld.size() - 1; i >= 0; i--) {
            Endpoint old = changes.updateOld.get(i);
            Endpoint neu = changes.updateNew.get(i);
            Map<String, String> removed = removedTargets(old, neu);
            if (removed.isEmpty()) {
                continue;
            }
            String blocker = blocker(old);
            if (blocker == null) {
                continue;
            }
            changes.skip(old, Skipped.Reason.DELETE_HELD_UNSYNCED, "removal of targets " + removed.values()
                    + " held: " + blocker);
            Endpoint kept = plainAddress(old) && plainAddress(neu) ? union(neu, removed) : null;
            if (kept != null && RecordComparison.needsUpdate(kept, old)) {
                changes.updateNew.set(i, kept); // still adds what is new
            } else {
                changes.updateOld.remove(i);
                changes.updateNew.remove(i);
            }
        }
    }

    /** @return why the record may not lose anything now, or null when every possible claimant is complete */
    String blocker(Endpoint current) {
        String cluster = current.label(Labels.CLUSTER);
        boolean labelled = cluster != null && !cluster.isEmpty();
        if (labelled && !knowledge.complete(cluster)) {
            return knowledge.why(cluster);
        }
        boolean mergedSet = strategy == MultiClusterStrategy.MERGE && plainAddress(current)
                && current.setIdentifier() == null;
        if (labelled && !mergedSet) {
            return null;
        }
        Set<String> known = knowledge.known();
        if (known.isEmpty() && !labelled) {
            return knowledge.why(null);
        }
        for (String c : known) {
            if (!knowledge.complete(c)) {
                return knowledge.why(c);
            }
        }
        return null;
    }

    /** Targets of {@code old} that {@code neu} no longer has (normalised → as written). */
    static Map<String, String> removedTargets(Endpoint old, Endpoint neu) {
        Map<String, String> removed = new LinkedHashMap<>();
        for (String t : old.targets()) {
            removed.put(RecordComparison.normalize(t), t);
        }
        for (String t : neu.targets()) {
            removed.remove(RecordComparison.normalize(t));
        }
        return removed;
    }

    private static Endpoint union(Endpoint neu, Map<String, String> removed) {
        List<String> targets = new ArrayList<>(neu.targets());
        targets.addAll(removed.values());
        return neu.withTargets(targets);
    }

    static boolean plainAddress(Endpoint e) {
        return (e.recordType().equals(RecordTypes.A) || e.recordType().equals(RecordTypes.AAAA))
                && !RecordComparison.isAlias(e);
    }
}
