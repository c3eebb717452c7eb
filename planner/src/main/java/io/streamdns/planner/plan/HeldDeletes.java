package io.streamdns.planner.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The deletes a shard holds (sync gate or budget), per name as its last plan found them: what {@code audit why},
 * the held-deletes gauge and the per-shard log line report, and the names planned again when a marker or an
 * approval arrives.
 */
public final class HeldDeletes {
    private final Map<String, List<Skipped>> byName = new HashMap<>();
    private final Map<Skipped.Reason, Integer> counts = new EnumMap<>(Skipped.Reason.class);
    private boolean changed;

    /** The names were planned: their held entries are now {@code skipped}'s held ones. */
    void planned(Collection<String> names, List<Skipped> skipped) {
        Map<String, List<Skipped>> now = heldByName(skipped);
        for (String n : names) {
            List<Skipped> after = now.remove(n);
            replace(n, after);
        }
        now.forEach(this::replace); // a name planned beside them (a TXT's record)
    }

    /** The whole shard was planned. */
    void plannedAll(List<Skipped> skipped) {
        Map<String, List<Skipped>> now = heldByName(skipped);
        for (String n : List.copyOf(byName.keySet())) {
            if (!now.containsKey(n)) {
                replace(n, null);
            }
        }
        now.forEach(this::replace);
    }

    private void replace(String name, List<Skipped> after) {
        List<Skipped> before = after == null ? byName.remove(name) : byName.put(name, after);
        if (Objects.equals(before, after)) {
            return;
        }
        count(before, -1);
        count(after, 1);
        changed = true;
    }

    private void count(List<Skipped> l, int sign) {
        if (l != null) {
            for (Skipped s : l) {
                counts.merge(s.reason(), sign, Integer::sum);
            }
        }
    }

    private static Map<String, List<Skipped>> heldByName(List<Skipped> skipped) {
        Map<String, List<Skipped>> m = new TreeMap<>();
        for (Skipped s : skipped) {
            if (s.reason().held()) {
                m.computeIfAbsent(s.name(), k -> new ArrayList<>(2)).add(s);
            }
        }
        return m;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public int count(Skipped.Reason reason) {
        return counts.getOrDefault(reason, 0);
    }

    public List<Skipped> at(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** @return true once after the held set changed (for one log line per change) */
    public boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }

    /** One line: how many are held and the first reason, e.g. for the shard's log line. */
    public String summary() {
        if (byName.isEmpty()) {
            return "no deletes held";
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((r, n) -> {
            if (n > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(r.tag());
            }
        });
        Skipped first = byName.get(new TreeMap<>(byName).firstKey()).get(0);
        return b + " (e.g. " + first + ")";
    }
}
