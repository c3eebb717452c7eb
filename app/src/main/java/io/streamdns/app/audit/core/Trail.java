package io.streamdns.app.audit.core;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.SourceState;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.control.DeleteApproval;
import java.util.List;
import java.util.Map;

/**
 * What audit read of one shard: the records of that shard in the shard's partition of each topic, each list in
 * offset order. {@code problems} names records that could not be decoded (they are left out, never fatal).
 *
 * @param partitions the partition read per topic (a topic not read is absent)
 * @param approvals  the shard's delete approvals ({@code streamdns approve-deletes}) on its sources partition
 */
public record Trail(String shard, Map<String, Integer> partitions, List<TrailRecord<SourceState>> sources,
                    List<TrailRecord<ChangePlan>> plans, List<TrailRecord<ApplyResult>> results,
                    List<TrailRecord<ZoneRecord>> zoneState, List<String> problems,
                    List<TrailRecord<DeleteApproval>> approvals) {
    /** A trail without delete approvals. */
    public Trail(String shard, Map<String, Integer> partitions, List<TrailRecord<SourceState>> sources,
                 List<TrailRecord<ChangePlan>> plans, List<TrailRecord<ApplyResult>> results,
                 List<TrailRecord<ZoneRecord>> zoneState, List<String> problems) {
        this(shard, partitions, sources, plans, results, zoneState, problems, List.of());
    }

    public Trail {
        approvals = List.copyOf(approvals);
        partitions = Map.copyOf(partitions);
        sources = List.copyOf(sources);
        plans = List.copyOf(plans);
        results = List.copyOf(results);
        zoneState = List.copyOf(zoneState);
        problems = List.copyOf(problems);
    }
}
