package io.streamdns.applier.batch;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Provenance;
import io.streamdns.model.Rejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans run as one: {@code combined} (their changes concatenated, what the compiler and the provider see) and the
 * {@code members} in offset order, which get their own results back through {@link #results}. Members touch disjoint
 * names ({@link PlanMerger}), so every decision belongs to exactly one member, found by its origin's name in
 * {@code memberByName} (normalized name → member index, built once: a run of 5,000 changes asks it per change).
 */
public record MergedPlan(ChangePlan combined, List<ChangePlan> members, Map<String, Integer> memberByName) {
    public MergedPlan {
        members = List.copyOf(members);
        memberByName = Map.copyOf(memberByName);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no plans");
        }
    }

    /** A single plan runs as itself (same id in logs and call comments). */
    public static MergedPlan single(ChangePlan plan) {
        return new MergedPlan(plan, List.of(plan), Map.of());
    }

    static MergedPlan of(List<ChangePlan> members) {
        if (members.size() == 1) {
            return single(members.get(0));
        }
        ChangePlan first = members.get(0);
        List<Endpoint> create = new ArrayList<>();
        List<Endpoint> updateOld = new ArrayList<>();
        List<Endpoint> updateNew = new ArrayList<>();
        List<Endpoint> delete = new ArrayList<>();
        List<Provenance> provenance = new ArrayList<>();
        List<Rejection> skipped = new ArrayList<>();
        long createdAt = Long.MAX_VALUE;
        long earliest = 0;
        for (ChangePlan p : members) {
            create.addAll(p.create());
            updateOld.addAll(p.updateOld());
            updateNew.addAll(p.updateNew());
            delete.addAll(p.delete());
            provenance.addAll(p.provenance());
            skipped.addAll(p.skipped());
            createdAt = Math.min(createdAt, p.createdAt());
            if (p.earliestEventAt() > 0) {
                earliest = earliest == 0 ? p.earliestEventAt() : Math.min(earliest, p.earliestEventAt());
            }
        }
        String id = first.planId() + "+" + (members.size() - 1);
        return new MergedPlan(new ChangePlan(id, first.shard(), createdAt, earliest, create, updateOld, updateNew,
                delete, provenance, skipped), members, byName(members));
    }

    public int size() {
        return members.size();
    }

    /** The member a decision belongs to (by its origin's name); the first one if none claims it (cannot happen). */
    public ChangePlan memberOf(Change.Origin origin) {
        return members.get(indexOf(origin));
    }

    private int indexOf(Change.Origin origin) {
        if (members.size() == 1) {
            return 0;
        }
        return memberByName.getOrDefault(PlanMerger.normal(origin.dnsName()), 0);
    }

    private static Map<String, Integer> byName(List<ChangePlan> members) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            int index = i;
            PlanMerger.endpoints(members.get(i)).forEach(e -> out.putIfAbsent(PlanMerger.normal(e.dnsName()), index));
        }
        return out;
    }

    /** The decisions of the run, member by member (index = member index). */
    public List<List<Decision>> split(List<Decision> decisions) {
        List<List<Decision>> out = new ArrayList<>();
        members.forEach(m -> out.add(new ArrayList<>()));
        for (Decision d : decisions) {
            out.get(memberByName.getOrDefault(PlanMerger.normal(d.origin().dnsName()), 0)).add(d);
        }
        return out;
    }

    /** What the run shares among its members: provider change ids, calls made, when the applier took the plans. */
    public record Shared(List<String> changeIds, int attempts, long receivedAt, long acceptedAt) {
        public Shared {
            changeIds = List.copyOf(changeIds);
        }
    }

    /**
     * One {@link ApplyResult} per member, in offset order: its own outcomes and status; the run's change ids,
     * attempts and acceptance time when some change of its own was applied (else none, 0 and an unknown end-to-end
     * delay, as a plan with nothing accepted reports on its own); its own earliest event and end-to-end delay.
     */
    public List<ApplyResult> results(List<Decision> decisions, Shared shared) {
        List<List<Decision>> split = split(decisions);
        List<ApplyResult> out = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            ChangePlan p = members.get(i);
            Outcomes outcomes = new Outcomes().addAll(split.get(i));
            // alone, a plan reports the run as is (as before merging existed)
            boolean applied = members.size() == 1 || outcomes.count(ChangeOutcome.Status.APPLIED) > 0;
            long acceptedAt = applied ? shared.acceptedAt() : 0;
            long e2e = acceptedAt > 0 && p.earliestEventAt() > 0 ? acceptedAt - p.earliestEventAt() : -1;
            out.add(new ApplyResult(p.planId(), p.shard(), outcomes.status(), applied ? shared.changeIds() : List.of(),
                    outcomes.outcomes(), shared.attempts(), shared.receivedAt(), acceptedAt, p.earliestEventAt(), e2e));
        }
        return out;
    }
}
