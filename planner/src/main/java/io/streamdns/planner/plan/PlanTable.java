package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * external-dns's plan table: rows keyed by (name, set identifier), each holding the current records and the
 * desired candidates, also grouped by record type.
 */
final class PlanTable {
    private final Map<String, Row> rows;

    PlanTable(int expectedRows) {
        rows = new HashMap<>(Math.max(16, expectedRows * 4 / 3));
    }

    /** Current and candidates of one record type within a row. */
    static final class TypeRecords {
        final String type;
        Endpoint current;
        final List<Endpoint> candidates = new ArrayList<>(1);

        TypeRecords(String type) {
            this.type = type;
        }

        TypeRecords(String type, Endpoint current) {
            this.type = type;
            this.current = current;
        }
    }

    static final class Row {
        final String name;
        final String setIdentifier;
        /** By record type; a row rarely holds more than two types, so a list beats a map. */
        final List<TypeRecords> byType = new ArrayList<>(2);
        int currentCount;
        int candidateCount;

        Row(String name, String setIdentifier) {
            this.name = name;
            this.setIdentifier = setIdentifier;
        }

        /** The current records of the row (one per type). */
        List<Endpoint> current() {
            List<Endpoint> out = new ArrayList<>(currentCount);
            for (TypeRecords t : byType) {
                if (t.current != null) {
                    out.add(t.current);
                }
            }
            return out;
        }

        TypeRecords type(String type) {
            for (TypeRecords t : byType) {
                if (t.type.equals(type)) {
                    return t;
                }
            }
            return null;
        }

        private TypeRecords typeOrNew(String type) {
            TypeRecords t = type(type);
            if (t == null) {
                t = new TypeRecords(type);
                byType.add(t);
            }
            return t;
        }
    }

    void addCurrent(Endpoint e) {
        Row row = row(e);
        TypeRecords t = row.typeOrNew(e.recordType());
        if (t.current != null) {
            return; // one record set per (name, type, set identifier); a duplicate from another zone is ignored
        }
        t.current = e;
        row.currentCount++;
    }

    void addCandidate(Endpoint e) {
        Row row = row(e);
        row.candidateCount++;
        row.typeOrNew(e.recordType()).candidates.add(e);
    }

    /**
     * The rows, in no particular order: each is decided on its own and the changes are sorted at the end. Candidates
     * of a record set are put in a stable order so ties resolve the same whatever order they came in.
     */
    Iterable<Row> rows() {
        for (Row r : rows.values()) {
            if (r.candidateCount > 1) {
                for (TypeRecords t : r.byType) {
                    if (t.candidates.size() > 1) {
                        t.candidates.sort(Planner.CANDIDATE_ORDER);
                    }
                }
            }
        }
        return rows.values();
    }

    /** The current record of (name, type, set identifier), or null. */
    Endpoint current(String name, String type, String setIdentifier) {
        Row row = rows.get(setIdentifier == null ? name : name + "/" + setIdentifier);
        TypeRecords t = row == null ? null : row.type(type);
        return t == null ? null : t.current;
    }

    private Row row(Endpoint e) {
        return rows.computeIfAbsent(e.rowKey(), k -> new Row(e.dnsName(), e.setIdentifier()));
    }
}
