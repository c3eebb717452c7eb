package io.streamdns.planner.plan;

import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planner's own plans not yet seen in zone state: per record set what a plan made it (or that it deleted it),
 * laid over zone state so the same change is never planned twice. An entry goes when zone state shows the record as
 * planned, when the result rejects its change (the truth in zone state wins), or when it outlives its grace.
 */
final class InFlight {
    /** One planned record set: {@code expected} null means deleted. */
    record Entry(String planId, String ownedName, Endpoint expected, long plannedAt, long resultAt) {
        Entry withResult(long at) {
            return new Entry(planId, ownedName, expected, plannedAt, at);
        }
    }

    private final Map<String, Map<String, Entry>> byName = new HashMap<>();
    private final Map<String, Set<String>> byPlan = new HashMap<>();

    void record(String planId, Changes changes, long now) {
        for (Endpoint e : changes.delete()) {
            put(planId, e, null, now);
        }
        for (Endpoint e : changes.updateNew()) {
            put(planId, e, e, now);
        }
        for (Endpoint e : changes.create()) {
            put(planId, e, e, now);
        }
    }

    private void put(String planId, Endpoint change, Endpoint expected, long now) {
        Endpoint stripped = expected == null ? null : expected.withLabels(Map.of());
        Entry old = byName.computeIfAbsent(change.dnsName(), k -> new HashMap<>(2))
                .put(change.recordKey(), new Entry(planId, ChangeSet.ownedName(change), stripped, now, 0));
        if (old != null && !old.planId().equals(planId)) {
            unindex(old.planId(), change.dnsName(), change.recordKey());
        }
        byPlan.computeIfAbsent(planId, k -> new HashSet<>()).add(change.dnsName() + "\u0000" + change.recordKey());
    }

    /** The in-flight entries at a name, by record key. */
    Map<String, Entry> at(String name) {
        return byName.getOrDefault(name, Map.of());
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    Set<String> names() {
        return byName.keySet();
    }

    /** Zone state now has {@code actual} (null: gone) for a record key: the entry goes once it shows what was planned. */
    void observe(String name, String recordKey, Endpoint actual) {
        Map<String, Entry> m = byName.get(name);
        Entry e = m == null ? null : m.get(recordKey);
        if (e == null) {
            return;
        }
        boolean confirmed = e.expected() == null ? actual == null
                : actual != null && RecordComparison.matches(e.expected(), actual);
        if (confirmed) {
            remove(name, recordKey, e);
        }
    }

    /**
     * The applier's verdict on a plan. Rejected, failed or skipped changes are forgotten (zone state is the truth
     * again); accepted ones wait for zone state, within a grace period.
     *
     * @return the names whose changes were refused (to be planned again after a back-off)
     */
    Set<String> resolve(String planId, boolean wholePlanFailed, List<ChangeOutcome> outcomes, long now) {
        Set<String> keys = byPlan.get(planId);
        if (keys == null) {
            return Set.of();
        }
        Map<String, ChangeOutcome.Status> verdicts = new HashMap<>();
        for (ChangeOutcome o : outcomes) {
            verdicts.put(o.dnsName() + "\u0000" + o.dnsName() + "/" + o.recordType()
                    + (o.setIdentifier() == null || o.setIdentifier().isEmpty() ? "" : "/" + o.setIdentifier()), o.status());
        }
        Set<String> refused = new HashSet<>();
        for (String k : new ArrayList<>(keys)) {
            int sep = k.indexOf('\u0000');
            String name = k.substring(0, sep);
            String recordKey = k.substring(sep + 1);
            Entry e = byName.get(name).get(recordKey);
            ChangeOutcome.Status st = verdicts.get(k);
            boolean rejected = st == null ? wholePlanFailed
                    : st == ChangeOutcome.Status.REJECTED || st == ChangeOutcome.Status.FAILED
                    || st == ChangeOutcome.Status.SKIPPED;
            if (rejected) {
                remove(name, recordKey, e);
                refused.add(e.ownedName());
            } else {
                byName.get(name).put(recordKey, e.withResult(now));
            }
        }
        return refused;
    }

    /** Forgets a plan (e.g. it could not be produced). @return the names it touched */
    Set<String> forget(String planId) {
        Set<String> keys = byPlan.get(planId);
        Set<String> names = new HashSet<>();
        if (keys == null) {
            return names;
        }
        for (String k : new ArrayList<>(keys)) {
            int sep = k.indexOf('\u0000');
            Entry e = byName.get(k.substring(0, sep)).get(k.substring(sep + 1));
            names.add(e.ownedName());
            remove(k.substring(0, sep), k.substring(sep + 1), e);
        }
        return names;
    }

    /**
     * Drops entries accepted more than {@code grace} ago that zone state never confirmed, and any older than
     * {@code maxAge}. @return the names they belonged to
     */
    Set<String> sweep(long now, long grace, long maxAge) {
        Set<String> names = new HashSet<>();
        for (Iterator<Map.Entry<String, Map<String, Entry>>> it = byName.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Map<String, Entry>> byKey = it.next();
            for (Iterator<Map.Entry<String, Entry>> in = byKey.getValue().entrySet().iterator(); in.hasNext(); ) {
                Map.Entry<String, Entry> x = in.next();
                Entry e = x.getValue();
                if ((e.resultAt() > 0 && now - e.resultAt() > grace) || now - e.plannedAt() > maxAge) {
                    in.remove();
                    unindex(e.planId(), byKey.getKey(), x.getKey());
                    names.add(e.ownedName());
                }
            }
            if (byKey.getValue().isEmpty()) {
                it.remove();
            }
        }
        return names;
    }

    private void remove(String name, String recordKey, Entry e) {
        Map<String, Entry> m = byName.get(name);
        m.remove(recordKey);
        if (m.isEmpty()) {
            byName.remove(name);
        }
        unindex(e.planId(), name, recordKey);
    }

    private void unindex(String planId, String name, String recordKey) {
        Set<String> keys = byPlan.get(planId);
        if (keys != null && keys.remove(name + "\u0000" + recordKey) && keys.isEmpty()) {
            byPlan.remove(planId);
        }
    }
}
