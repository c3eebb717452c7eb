package io.streamdns.planner;

import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ClusterRetirement;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.planner.plan.SyncState;
import java.util.Optional;

/**
 * Control records of {@code streamdns.sources} (sync markers, retirements, delete approvals; {@link ControlKeys})
 * applied to a partition's {@link SyncState}, at restore and live alike. A malformed one is refused with a reason
 * (the caller dead-letters it); it never counts as an object.
 */
final class Controls {
    /** What applying a control record did: refused (a reason), or whether the partition's knowledge changed. */
    record Outcome(String error, boolean knowledgeChanged, String shard) {
        static Outcome refused(String reason) {
            return new Outcome(reason, false, null);
        }
    }

    private Controls() {
    }

    static Outcome apply(SyncState sync, String key, byte[] value, int partition) {
        Optional<ControlKeys.Control> parsed = ControlKeys.parse(key);
        if (parsed.isEmpty()) {
            return Outcome.refused("malformed control key '" + key + "'");
        }
        ControlKeys.Control c = parsed.get();
        try {
            switch (c.kind()) {
                case SYNC_MARKER -> {
                    SyncMarker m = value == null ? null : JsonCodec.decode(value, SyncMarker.class);
                    if (m != null && (!m.cluster().equals(c.cluster()) || !m.scope().equals(c.scope()))) {
                        return Outcome.refused("sync marker of " + m.cluster() + "/" + m.scope() + " under key " + key);
                    }
                    if (m != null && m.partition() != partition) {
                        return Outcome.refused("sync marker of partition " + m.partition() + " on partition " + partition);
                    }
                    return new Outcome(null, sync.marker(c.cluster(), c.scope(), m), null);
                }
                case RETIREMENT -> {
                    ClusterRetirement r = value == null ? null : JsonCodec.decode(value, ClusterRetirement.class);
                    if (r != null && !r.cluster().equals(c.cluster())) {
                        return Outcome.refused("retirement of " + r.cluster() + " under key " + key);
                    }
                    return new Outcome(null, sync.retirement(c.cluster(), r), null);
                }
                case SHARD_APPROVAL -> {
                    DeleteApproval a = value == null ? null : JsonCodec.decode(value, DeleteApproval.class);
                    if (a != null && !a.target().equals(c.shard())) {
                        return Outcome.refused("delete approval of " + a.target() + " under key " + key);
                    }
                    sync.approval(c.shard(), a);
                    return new Outcome(null, true, c.shard());
                }
                default -> {
                    return new Outcome(null, false, null); // a watcher's approval: the watcher reads it
                }
            }
        } catch (CodecException | IllegalArgumentException e) {
            return Outcome.refused("undecodable " + c.kind() + ": " + e.getMessage());
        }
    }
}
