package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.RecordTypes;
import java.util.ArrayList;
import java.util.List;

/** external-dns's {@code PerResource} conflict resolver ({@code plan/conflict.go}). */
final class ConflictResolver {

    /**
     * A name cannot hold a CNAME beside other types (RFC 1034 3.6.2): when candidates mix CNAME with A or AAAA,
     * the CNAME candidates are dropped; a current CNAME stays so it can be deleted.
     */
    List<PlanTable.TypeRecords> resolveRecordTypes(PlanTable.Row row) {
        if (row.candidateCount <= 1) {
            return row.byType;
        }
        PlanTable.TypeRecords cname = row.type(RecordTypes.CNAME);
        boolean hasCname = cname != null && !cname.candidates.isEmpty();
        boolean hasAddress = hasCandidates(row, RecordTypes.A) || hasCandidates(row, RecordTypes.AAAA);
        if (!hasCname || !hasAddress) {
            return row.byType;
        }
        List<PlanTable.TypeRecords> out = new ArrayList<>(row.byType.size());
        for (PlanTable.TypeRecords t : row.byType) {
            out.add(t == cname ? new PlanTable.TypeRecords(RecordTypes.CNAME, cname.current) : t);
        }
        return out;
    }

    /** The candidate with the smallest targets; ties keep the earlier candidate. */
    Endpoint resolveCreate(List<Endpoint> candidates) {
        Endpoint min = null;
        for (Endpoint e : candidates) {
            if (min == null || RecordComparison.lessTargets(e.targets(), min.targets())) {
                min = e;
            }
        }
        return min;
    }

    /**
     * The candidate of the resource that already owns the record keeps it (same cluster too, when the record names
     * one); else as {@link #resolveCreate}.
     */
    Endpoint resolveUpdate(Endpoint current, List<Endpoint> candidates) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<Endpoint> sameResource = new ArrayList<>(1);
        for (Endpoint e : candidates) {
            if (MultiClusterMerger.holds(current, e)) {
                sameResource.add(e);
            }
        }
        return resolveCreate(sameResource.isEmpty() ? candidates : sameResource);
    }

    private static boolean hasCandidates(PlanTable.Row row, String type) {
        PlanTable.TypeRecords t = row.type(type);
        return t != null && !t.candidates.isEmpty();
    }
}
