package io.streamdns.applier.batch;

import java.util.List;

/**
 * A plan ready to send: batches per zone, in zone order, plus the decisions taken without the provider (skipped,
 * already done, oversized).
 */
public record CompiledPlan(List<ZoneBatches> zones, List<Decision> decided) {
    public CompiledPlan {
        zones = List.copyOf(zones);
        decided = List.copyOf(decided);
    }

    public record ZoneBatches(Zone zone, List<Batch> batches) {
        public ZoneBatches {
            batches = List.copyOf(batches);
        }
    }

    public int batchCount() {
        return zones.stream().mapToInt(z -> z.batches().size()).sum();
    }

    public List<Change> allChanges() {
        return zones.stream().flatMap(z -> z.batches().stream()).flatMap(b -> b.changes().stream()).toList();
    }
}
