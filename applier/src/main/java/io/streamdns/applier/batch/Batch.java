package io.streamdns.applier.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Changes sent in one call, made of whole groups (a record and its ownership TXT). {@link #changes()} is the wire
 * order: UPSERT, then DELETE, then CREATE (so a DELETE + CREATE of one name replaces it), then by name, type and set
 * identifier, as external-dns orders them.
 */
public record Batch(List<Group> groups) {
    private static final Comparator<Change> WIRE_ORDER = Comparator
            .comparingInt((Change c) -> switch (c.action()) {
                case UPSERT -> 0;
                case DELETE -> 1;
                case CREATE -> 2;
            })
            .thenComparing(c -> c.recordSet().name())
            .thenComparing(c -> c.recordSet().type())
            .thenComparing(c -> c.recordSet().setIdentifier() == null ? "" : c.recordSet().setIdentifier());

    public Batch {
        groups = List.copyOf(groups);
    }

    public List<Change> changes() {
        List<Change> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.changes()));
        all.sort(WIRE_ORDER);
        return all;
    }

    public int size() {
        return groups.stream().mapToInt(g -> g.changes().size()).sum();
    }

    /** Changes sharing an owned name; they succeed or fail together. */
    public record Group(String key, List<Change> changes) {
        public Group {
            changes = List.copyOf(changes);
        }

        public int weight() {
            return changes.stream().mapToInt(Change::weight).sum();
        }

        public int chars() {
            return changes.stream().mapToInt(c -> c.weight() * c.recordSet().valueChars()).sum();
        }

        public int values() {
            return changes.stream().mapToInt(c -> c.weight() * c.recordSet().valueCount()).sum();
        }
    }
}
