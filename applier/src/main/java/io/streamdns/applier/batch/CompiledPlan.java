package io.streamdns.applier.batch;

import java.util.List;

/**
 * A plan ready to send: batches per zone, in zone order, plus the decisions taken without the provider (skipped,
 * already done, oversized), plus the groups held back because they would CREATE over a set the zone holds
 * ({@code stale}: the plan was made before zone state showed it; they are re-read, not sent).
 */
public record CompiledPlan(List<ZoneBatches> zones, List<Decision> decided, List<ZoneChanges> stale) {
    public CompiledPlan {
        zones = List.copyOf(zones);
        decided = List.copyOf(decided);
        stale = List.copyOf(stale);
    }

    public CompiledPlan(List<ZoneBatches> zones, List<Decision> decided) {
        this(zones, decided, List.of());
    }

    /** Changes of one zone. */
    public record ZoneChanges(Zone zone, List<Change> changes) {
        public ZoneChanges {
            changes = List.copyOf(changes);
        }
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
