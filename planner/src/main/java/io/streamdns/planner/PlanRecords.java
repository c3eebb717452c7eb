package io.streamdns.planner;

import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.Provenance;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.Rejection;
import io.streamdns.planner.plan.Changes;
import io.streamdns.planner.plan.PlanChunker;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.planner.plan.Skipped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns a shard plan into {@code streamdns.plans} values: chunks that each fit one Route 53 call (count, value
 * characters, values; {@link PlanChunker}), each with its provenance.
 */
final class PlanRecords {
    private PlanRecords() {
    }

    /** A plan value with the changes it carries (the in-flight overlay records those). */
    record Out(ChangePlan plan, Changes changes) {
    }

    /**
     * @param report also when the plan changes nothing, publish its skipped entries (a plan without changes), so
     *               {@code audit why} sees deletes held since the last plan
     */
    static List<Out> build(String shard, ShardPlanner.ShardPlan plan, long now, long earliestEventAt, int maxChanges,
                           boolean report) {
        List<Out> out = new ArrayList<>();
        if (plan.changes().isEmpty()) {
            if (report && !plan.changes().skipped().isEmpty()) {
                out.add(new Out(new ChangePlan(UUID.randomUUID().toString(), shard, now, earliestEventAt, List.of(),
                        List.of(), List.of(), List.of(), List.of(), rejections(plan.changes()), plan.ownedRecords()),
                        plan.changes()));
            }
            return out;
        }
        for (Changes chunk : PlanChunker.split(plan.changes(), PlanChunker.Limits.route53(maxChanges))) {
            Set<String> names = new HashSet<>();
            for (List<Endpoint> l : List.of(chunk.create(), chunk.updateNew(), chunk.delete())) {
                for (Endpoint e : l) {
                    names.add(ownedName(e));
                }
            }
            List<Provenance> provenance = plan.provenance().stream().filter(p -> names.contains(p.dnsName())).toList();
            ChangePlan cp = new ChangePlan(UUID.randomUUID().toString(), shard, now, earliestEventAt, chunk.create(),
                    chunk.updateOld(), chunk.updateNew(), chunk.delete(), provenance, rejections(chunk),
                    plan.ownedRecords());
            out.add(new Out(cp, chunk));
        }
        return out;
    }

    private static List<Rejection> rejections(Changes changes) {
        List<Rejection> skipped = new ArrayList<>();
        for (Skipped s : changes.skipped()) {
            skipped.add(new Rejection(s.name(), s.type(), s.reason().tag() + ": " + s.detail()));
        }
        return skipped;
    }

    /** The names a plan changes, for a log line (at most ten named). */
    static String describeNames(Out o) {
        TreeSet<String> names = new TreeSet<>();
        for (List<Endpoint> l : List.of(o.changes().create(), o.changes().updateNew(), o.changes().delete())) {
            l.forEach(e -> names.add(ownedName(e)));
        }
        return names.size() <= 10 ? names.toString()
                : names.stream().limit(10).toList() + " and " + (names.size() - 10) + " more";
    }

    static Changes changesOf(ChangePlan plan) {
        return new Changes(plan.create(), plan.updateOld(), plan.updateNew(), plan.delete(), List.of());
    }

    static String ownedName(Endpoint e) {
        String owned = e.recordType().equals(RecordTypes.TXT) ? e.label(Labels.OWNED_RECORD) : null;
        return owned != null ? owned : e.dnsName();
    }
}
