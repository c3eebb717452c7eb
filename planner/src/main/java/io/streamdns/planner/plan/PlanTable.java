package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * external-dns's plan table: rows keyed by (name, set identifier), each holding the current records and the
 * desired candidates, also grouped by record type.
 */
final class PlanTable {
    private final Map<String, Row> rows = new HashMap<>();

    /** Current and candidates of one record type within a row. */
    static final class TypeRecords {
        Endpoint current;
        final List<Endpoint> candidates = new ArrayList<>(1);

        TypeRecords() {
        }

        TypeRecords(Endpoint current) {
            this.current = current;
        }
    }

    static final class Row {
        final String name;
        final String setIdentifier;
        final List<Endpoint> current = new ArrayList<>(2);
        final List<Endpoint> candidates = new ArrayList<>(2);
        /** By record type, sorted so decisions come out in a stable order. */
        final Map<String, TypeRecords> byType = new TreeMap<>();

        Row(String name, String setIdentifier) {
            this.name = name;
            this.setIdentifier = setIdentifier;
        }
    }

    void addCurrent(Endpoint e) {
        Row row = row(e);
        TypeRecords t = row.byType.computeIfAbsent(e.recordType(), k -> new TypeRecords());
        if (t.current != null) {
            return; // one record set per (name, type, set identifier); a duplicate from another zone is ignored
        }
        t.current = e;
        row.current.add(e);
    }

    void addCandidate(Endpoint e) {
        Row row = row(e);
        row.candidates.add(e);
        row.byType.computeIfAbsent(e.recordType(), k -> new TypeRecords()).candidates.add(e);
    }

    /** Rows in (name, set identifier) order. */
    List<Row> rows() {
        List<Row> out = new ArrayList<>(rows.values());
        out.sort((a, b) -> {
            int c = a.name.compareTo(b.name);
            if (c != 0) {
                return c;
            }
            if (a.setIdentifier == null || b.setIdentifier == null) {
                return a.setIdentifier == null ? (b.setIdentifier == null ? 0 : -1) : 1;
            }
            return a.setIdentifier.compareTo(b.setIdentifier);
        });
        return out;
    }

    private Row row(Endpoint e) {
        return rows.computeIfAbsent(e.rowKey(), k -> new Row(e.dnsName(), e.setIdentifier()));
    }
}
