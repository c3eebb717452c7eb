package io.streamdns.model.control;

import io.streamdns.model.Require;

/**
 * An operator's release of held mass deletes (written by {@code streamdns approve-deletes}), on the audit trail.
 * For a shard: key {@link ControlKeys#shardApproval}, on the shard's partition of {@code streamdns.sources}; the
 * planner lets deletes of that shard exceed the delete budget from {@code approvedAt} until {@code validUntil}
 * (sync markers are still required). For a watcher: key {@link ControlKeys#clusterApproval} on partition 0; the
 * watcher publishes the tombstones its budget held, of passes before {@code validUntil}.
 *
 * @param target     the shard, or the cluster name for a watcher approval
 * @param approvedBy who approved (the command's {@code --by}, else the OS user)
 * @param reason     free text, for the trail
 */
public record DeleteApproval(String target, long approvedAt, long validUntil, String approvedBy, String reason) {
    public DeleteApproval {
        Require.text(target, "target");
        if (validUntil < approvedAt) {
            throw new IllegalArgumentException("validUntil before approvedAt");
        }
    }

    public boolean validAt(long now) {
        return now >= approvedAt && now <= validUntil;
    }
}
