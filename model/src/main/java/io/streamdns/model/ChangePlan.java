package io.streamdns.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Changes to one shard, the value of {@code streamdns.plans}, keyed {@code <shard>|<planId>}. The lists
 * hold ownership TXT records beside the records they own; {@code updateOld[i]} becomes {@code updateNew[i]}.
 *
 * @param createdAt       epoch millis the planner made the plan
 * @param earliestEventAt epoch millis of the earliest source event the plan answers (0: none, e.g. a resync)
 * @param ownedRecords    records of the shard the owner held when the plan was made, the delete budget's base: a
 *                        restarted planner reads it back so its budget is the one spent (0: unknown, a plan of an
 *                        older planner; a plan that deletes owned records was made when at least one was owned)
 */
public record ChangePlan(String planId, String shard, long createdAt, long earliestEventAt, List<Endpoint> create,
                         List<Endpoint> updateOld, List<Endpoint> updateNew, List<Endpoint> delete,
                         List<Provenance> provenance, List<Rejection> skipped, int ownedRecords) {
    public ChangePlan {
        Require.text(planId, "planId");
        Require.text(shard, "shard");
        create = Require.list(create);
        updateOld = Require.list(updateOld);
        updateNew = Require.list(updateNew);
        delete = Require.list(delete);
        provenance = Require.list(provenance);
        skipped = Require.list(skipped);
        if (updateOld.size() != updateNew.size()) {
            throw new IllegalArgumentException("updateOld and updateNew differ in length: "
                    + updateOld.size() + " vs " + updateNew.size());
        }
        if (ownedRecords < 0) {
            throw new IllegalArgumentException("ownedRecords must be >= 0: " + ownedRecords);
        }
    }

    /** A plan that does not say what the shard owned. */
    public ChangePlan(String planId, String shard, long createdAt, long earliestEventAt, List<Endpoint> create,
                      List<Endpoint> updateOld, List<Endpoint> updateNew, List<Endpoint> delete,
                      List<Provenance> provenance, List<Rejection> skipped) {
        this(planId, shard, createdAt, earliestEventAt, create, updateOld, updateNew, delete, provenance, skipped, 0);
    }

    /** A plan with nothing skipped. */
    public ChangePlan(String planId, String shard, long createdAt, long earliestEventAt, List<Endpoint> create,
                      List<Endpoint> updateOld, List<Endpoint> updateNew, List<Endpoint> delete,
                      List<Provenance> provenance) {
        this(planId, shard, createdAt, earliestEventAt, create, updateOld, updateNew, delete, provenance, List.of());
    }

    @JsonIgnore
    public boolean isEmpty() {
        return create.isEmpty() && updateNew.isEmpty() && delete.isEmpty();
    }

    /** Number of changes (an update counts once). */
    @JsonIgnore
    public int size() {
        return create.size() + updateNew.size() + delete.size();
    }
}
