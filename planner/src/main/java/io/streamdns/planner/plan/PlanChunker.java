package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a large plan into plans of at most about {@code max} changes, keeping every change about one name (its
 * records, their TXT, a delete beside a create) together, since a provider must apply them in one batch.
 */
public final class PlanChunker {
    private PlanChunker() {
    }

    public static List<Changes> split(Changes changes, int max) {
        if (changes.size() <= max) {
            return List.of(changes);
        }
        Map<String, Integer> perName = new TreeMap<>();
        for (List<Endpoint> l : List.of(changes.create(), changes.updateNew(), changes.delete())) {
            for (Endpoint e : l) {
                perName.merge(ChangeSet.ownedName(e), 1, Integer::sum);
            }
        }
        Map<String, Integer> chunkOf = new HashMap<>();
        int chunk = 0;
        int filled = 0;
        for (Map.Entry<String, Integer> e : perName.entrySet()) {
            if (filled > 0 && filled + e.getValue() > max) {
                chunk++;
                filled = 0;
            }
            chunkOf.put(e.getKey(), chunk);
            filled += e.getValue();
        }
        List<ChangeSet> sets = new ArrayList<>();
        for (int i = 0; i <= chunk; i++) {
            sets.add(new ChangeSet());
        }
        for (Endpoint e : changes.create()) {
            sets.get(chunkOf.get(ChangeSet.ownedName(e))).create.add(e);
        }
        for (int i = 0; i < changes.updateNew().size(); i++) {
            sets.get(chunkOf.get(ChangeSet.ownedName(changes.updateNew().get(i))))
                    .update(changes.updateOld().get(i), changes.updateNew().get(i));
        }
        for (Endpoint e : changes.delete()) {
            sets.get(chunkOf.get(ChangeSet.ownedName(e))).delete.add(e);
        }
        for (Skipped s : changes.skipped()) {
            sets.get(chunkOf.getOrDefault(s.name(), 0)).skipped.add(s);
        }
        List<Changes> out = new ArrayList<>(sets.size());
        for (ChangeSet s : sets) {
            out.add(new Changes(s.create, s.updateOld, s.updateNew, s.delete, s.skipped));
        }
        return out;
    }
}
