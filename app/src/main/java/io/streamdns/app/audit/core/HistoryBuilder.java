package io.streamdns.app.audit.core;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Provenance;
import io.streamdns.model.Rejection;
import io.streamdns.model.SourceState;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.model.shard.RecordKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assembles a name's timeline from the decoded trail. Pure. */
public final class HistoryBuilder {
    private static final Comparator<Step> ORDER = Comparator.comparingLong(Step::timestamp)
            .thenComparingInt(Step::rank).thenComparingLong(Step::offset);

    private HistoryBuilder() {
    }

    /**
     * @param since epoch millis, inclusive, or null
     * @param until epoch millis, inclusive, or null
     */
    public static History build(NameMatcher m, Trail trail, Long since, Long until) {
        List<Step> all = steps(m, trail);
        List<Step> shown = all.stream()
                .filter(s -> (since == null || s.timestamp() >= since) && (until == null || s.timestamp() <= until))
                .toList();
        List<String> notes = new ArrayList<>(trail.problems());
        long before = since == null ? 0 : all.stream().filter(s -> s.timestamp() < since).count();
        long after = until == null ? 0 : all.stream().filter(s -> s.timestamp() > until).count();
        if (before > 0) {
            notes.add(before + " earlier step(s) before --since not shown");
        }
        if (after > 0) {
            notes.add(after + " later step(s) after --until not shown");
        }
        return new History(m.name(), trail.shard(), trail.partitions(), since == null ? null : Step.iso(since),
                until == null ? null : Step.iso(until), shown, notes);
    }

    /** Every step concerning the name, ordered by Kafka timestamp, then stage, then offset. */
    public static List<Step> steps(NameMatcher m, Trail trail) {
        List<Step> steps = new ArrayList<>(sourceSteps(m, trail.sources()));
        Set<String> planIds = new HashSet<>();
        for (TrailRecord<ChangePlan> r : trail.plans()) {
            Step.Plan p = planStep(m, r);
            if (p != null) {
                planIds.add(p.planId());
                steps.add(p);
            }
        }
        for (TrailRecord<ApplyResult> r : trail.results()) {
            Step.Result s = resultStep(m, r, planIds);
            if (s != null) {
                steps.add(s);
            }
        }
        if (!steps.isEmpty()) { // approvals concern every name of the shard: shown beside the name's own steps
            for (TrailRecord<DeleteApproval> r : trail.approvals()) {
                DeleteApproval a = r.value();
                steps.add(new Step.Approval(Step.iso(r.timestamp()), r.timestamp(), r.offset(), a.target(),
                        a.approvedBy(), a.reason(), Step.iso(a.approvedAt()), Step.iso(a.validUntil())));
            }
        }
        steps.sort(ORDER);
        return steps;
    }

    /** Source steps: every version of an object that mentions the name, and the first one after that doesn't. */
    static List<Step> sourceSteps(NameMatcher m, List<TrailRecord<SourceState>> records) {
        Map<String, Boolean> mentioned = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (TrailRecord<SourceState> r : records) {
            boolean was = mentioned.getOrDefault(r.key(), false);
            SourceState s = r.value();
            if (s == null) {
                if (was) {
                    steps.add(new Step.Source(Step.iso(r.timestamp()), r.timestamp(), r.offset(), identity(r.key()),
                            null, null, 0, "deleted", List.of(), List.of(), List.of()));
                }
                mentioned.put(r.key(), false);
                continue;
            }
            Claim c = Claim.of(m, s);
            boolean now = c.mentions();
            if (now || was) {
                String event = c.wantsIt() ? "wants"
                        : !c.rejected().isEmpty() ? "rejected" : "stopped wanting";
                steps.add(new Step.Source(Step.iso(r.timestamp()), r.timestamp(), r.offset(), c.object(), s.uid(),
                        s.resourceVersion(), s.observedAt(), event, c.wants(), c.ownership(), c.rejected()));
            }
            mentioned.put(r.key(), now);
        }
        return steps;
    }

    /** The plan's changes, objects and skips of the name, or null when it has none. */
    public static Step.Plan planStep(NameMatcher m, TrailRecord<ChangePlan> r) {
        ChangePlan p = r.value();
        if (p == null) {
            return null;
        }
        List<Step.PlannedChange> changes = new ArrayList<>();
        for (Endpoint e : p.create()) {
            add(changes, m, "CREATE", null, e);
        }
        for (int i = 0; i < p.updateNew().size(); i++) {
            add(changes, m, "UPDATE", p.updateOld().get(i), p.updateNew().get(i));
        }
        for (Endpoint e : p.delete()) {
            add(changes, m, "DELETE", e, null);
        }
        List<Rejection> skipped = p.skipped().stream().filter(m::rejection).toList();
        if (changes.isEmpty() && skipped.isEmpty()) {
            return null;
        }
        List<Provenance> objects = p.provenance().stream()
                .filter(pv -> NameMatcher.same(pv.dnsName(), m.name())).toList();
        return new Step.Plan(Step.iso(r.timestamp()), r.timestamp(), r.offset(), p.planId(), p.createdAt(),
                p.earliestEventAt(), changes, objects, skipped);
    }

    private static void add(List<Step.PlannedChange> changes, NameMatcher m, String action, Endpoint from,
                            Endpoint to) {
        NameMatcher.Relation rel = m.endpoint(to != null ? to : from);
        if (rel == NameMatcher.Relation.NONE && from != null && to != null) {
            rel = m.endpoint(from);
        }
        if (rel != NameMatcher.Relation.NONE) {
            changes.add(new Step.PlannedChange(action, rel == NameMatcher.Relation.OWNERSHIP, from, to));
        }
    }

    /** The result's outcomes of the name; a result of a plan that concerned the name counts even without any. */
    public static Step.Result resultStep(NameMatcher m, TrailRecord<ApplyResult> r, Set<String> planIds) {
        ApplyResult a = r.value();
        if (a == null) {
            return null;
        }
        List<ChangeOutcome> outcomes = a.outcomes().stream()
                .filter(o -> m.outcome(o) != NameMatcher.Relation.NONE).toList();
        if (outcomes.isEmpty() && !planIds.contains(a.planId())) {
            return null;
        }
        return new Step.Result(Step.iso(r.timestamp()), r.timestamp(), r.offset(), a.planId(), a.status().name(),
                a.changeIds(), a.attempts(), a.receivedAt(), a.acceptedAt(), a.endToEndMillis(), outcomes);
    }

    static String identity(String key) {
        try {
            return RecordKey.parse(key).identity();
        } catch (IllegalArgumentException e) {
            return key;
        }
    }
}
