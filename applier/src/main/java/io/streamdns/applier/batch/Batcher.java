package io.streamdns.applier.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Packs the changes of one zone into batches within {@link Limits}: changes are grouped by owned name (a record and
 * its TXT never split), groups sorted by name and packed greedily. A group that alone exceeds a limit is returned
 * in {@link Result#oversized()} for the caller to report; it is never dropped silently.
 */
public final class Batcher {
    private Batcher() {
    }

    public record Result(List<Batch> batches, List<Batch.Group> oversized) {
    }

    public static List<Batch.Group> groups(List<Change> changes) {
        Map<String, List<Change>> byKey = new TreeMap<>();
        for (Change c : changes) {
            byKey.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c);
        }
        List<Batch.Group> groups = new ArrayList<>();
        byKey.forEach((k, v) -> groups.add(new Batch.Group(k, v)));
        return groups;
    }

    public static Result batch(List<Change> changes, Limits limits) {
        return pack(groups(changes), limits);
    }

    /** Packs groups in the order given. */
    public static Result pack(List<Batch.Group> groups, Limits limits) {
        List<Batch> batches = new ArrayList<>();
        List<Batch.Group> oversized = new ArrayList<>();
        List<Batch.Group> current = new ArrayList<>();
        int changes = 0;
        int chars = 0;
        int values = 0;
        for (Batch.Group g : groups) {
            if (!limits.fits(g.weight(), g.chars(), g.values())) {
                oversized.add(g);
                continue;
            }
            if (!limits.fits(changes + g.weight(), chars + g.chars(), values + g.values())) {
                batches.add(new Batch(current));
                current = new ArrayList<>();
                changes = 0;
                chars = 0;
                values = 0;
            }
            current.add(g);
            changes += g.weight();
            chars += g.chars();
            values += g.values();
        }
        if (!current.isEmpty()) {
            batches.add(new Batch(current));
        }
        return new Result(batches, oversized);
    }
}
