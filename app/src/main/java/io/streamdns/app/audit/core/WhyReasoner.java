package io.streamdns.app.audit.core;

import io.streamdns.app.audit.core.Explanation.Verdict;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.Rejection;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Explains a name from the decoded trail: the latest word wins. A watcher's refusal when no object wants it; else
 * the latest plan that concerns it (skipped by the planner, waiting for the applier, or what Route 53 answered);
 * else what zone-state and the sources say without a plan. Pure.
 */
public final class WhyReasoner {
    private static final List<ChangeOutcome.Status> WORST_FIRST = List.of(ChangeOutcome.Status.REJECTED,
            ChangeOutcome.Status.FAILED, ChangeOutcome.Status.SKIPPED, ChangeOutcome.Status.DRY_RUN,
            ChangeOutcome.Status.APPLIED, ChangeOutcome.Status.ALREADY_DONE);

    private WhyReasoner() {
    }

    public static Explanation explain(NameMatcher m, Trail trail) {
        List<Claim> claims = latest(trail.sources()).values().stream()
                .map(s -> Claim.of(m, s)).filter(Claim::mentions).toList();
        List<ZoneRecord> zone = List.copyOf(latest(trail.zoneState()).values());
        List<ZoneRecord> records = zone.stream().filter(r -> m.zoneRecord(r) == NameMatcher.Relation.RECORD).toList();
        List<ZoneRecord> ownership = zone.stream()
                .filter(r -> m.zoneRecord(r) == NameMatcher.Relation.OWNERSHIP).toList();
        List<Map<String, String>> owners = ownership.stream().flatMap(r -> r.values().stream())
                .flatMap(v -> TxtRecordFormat.parse(v).stream()).distinct().toList();

        List<Step> steps = HistoryBuilder.steps(m, trail);
        Step.Plan plan = steps.stream().filter(Step.Plan.class::isInstance).map(Step.Plan.class::cast)
                .max(Comparator.comparingLong(Step::offset)).orElse(null);
        List<Step.Result> results = steps.stream().filter(Step.Result.class::isInstance)
                .map(Step.Result.class::cast).sorted(Comparator.comparingLong(Step::offset)).toList();
        Step.Result result = plan == null
                ? (results.isEmpty() ? null : results.get(results.size() - 1))
                : results.stream().filter(r -> r.planId().equals(plan.planId())).reduce((a, b) -> b).orElse(null);

        Facts f = new Facts(m.name(), claims, records, ownership, owners, plan, result, !steps.isEmpty());
        List<String> details = new ArrayList<>();
        Verdict verdict = decide(f, details);
        String summary = details.remove(0);
        if (!owners.isEmpty()) {
            details.add("ownership record: " + owners.stream().map(WhyReasoner::labels)
                    .collect(Collectors.joining("; ")));
        } else if (!records.isEmpty()) {
            details.add("no TXT ownership record in zone-state: neither streamdns nor external-dns owns it");
        }
        return new Explanation(m.name(), trail.shard(), trail.partitions(), verdict, summary, records, ownership,
                owners, claims, plan, result, details);
    }

    private record Facts(String name, List<Claim> claims, List<ZoneRecord> records, List<ZoneRecord> ownership,
                         List<Map<String, String>> owners, Step.Plan plan, Step.Result result, boolean hasHistory) {
        boolean wanted() {
            return claims.stream().anyMatch(Claim::wantsIt);
        }

        String wantedBy() {
            return claims.stream().filter(Claim::wantsIt).map(c -> c.object() + " rv " + c.resourceVersion())
                    .collect(Collectors.joining(", "));
        }
    }

    /** Adds the summary as the first line of {@code out}, then details. */
    private static Verdict decide(Facts f, List<String> out) {
        List<Rejection> refused = f.claims().stream().flatMap(c -> c.rejected().stream()).toList();
        if (!f.wanted() && !refused.isEmpty()) {
            Claim by = f.claims().stream().filter(c -> !c.rejected().isEmpty()).findFirst().orElseThrow();
            out.add("the watcher refused it: " + refused.get(0).reason() + " (asked for by " + by.object()
                    + " rv " + by.resourceVersion() + ")");
            return Verdict.REJECTED_BY_WATCHER;
        }
        Step.Plan plan = f.plan();
        Rejection held = plan == null ? null : plan.skipped().stream()
                .filter(r -> r.reason().startsWith("delete-held")).findFirst().orElse(null);
        if (held != null) {
            String why = held.reason().substring(held.reason().indexOf(':') + 1).strip();
            out.add(why + " (plan " + plan.planId() + ", " + plan.at() + ")");
            out.add("the record stays until then; held deletes go out when the marker or an approval arrives");
            if (f.wanted()) {
                out.add("wanted by " + f.wantedBy());
            }
            return Verdict.DELETE_HELD;
        }
        if (plan != null && plan.changes().isEmpty()) {
            out.add("the planner left it alone in plan " + plan.planId() + ": " + plan.skipped().get(0).reason());
            if (f.wanted()) {
                out.add("wanted by " + f.wantedBy());
            }
            return Verdict.SKIPPED_BY_PLANNER;
        }
        if (plan != null && f.result() == null) {
            out.add("plan " + plan.planId() + " (" + plan.at() + ") has no result yet: the applier has not answered");
            return Verdict.PENDING;
        }
        if (f.result() != null) {
            return fromResult(f, out);
        }
        if (!f.records().isEmpty()) {
            if (f.wanted()) {
                out.add("Route 53 has it as wanted by " + f.wantedBy());
                out.add("no plan of it on the trail (plans are kept 7 days)");
                return Verdict.WRITTEN;
            }
            out.add("Route 53 has it, but no object asks for it");
            return Verdict.NOT_WANTED;
        }
        if (f.wanted()) {
            out.add("wanted by " + f.wantedBy() + ", but no plan of it yet");
            return Verdict.PENDING;
        }
        if (f.hasHistory()) {
            out.add("no object asks for it any more and Route 53 has no record of it (`audit history` shows what was)");
            return Verdict.NOT_WANTED;
        }
        out.add("nothing on the trail mentions it: no object asks for it, no plan, no record in zone-state");
        return Verdict.UNKNOWN;
    }

    private static Verdict fromResult(Facts f, List<String> out) {
        Step.Result r = f.result();
        ChangeOutcome worst = r.outcomes().stream()
                .min(Comparator.comparingInt(o -> WORST_FIRST.indexOf(o.status()))).orElse(null);
        String where = "plan " + r.planId() + (r.changeIds().isEmpty() ? "" : " (change " + String.join(", ",
                r.changeIds()) + ")");
        String what = worst == null ? "it" : worst.action() + " " + worst.recordType() + " " + worst.dnsName();
        String message = worst == null || worst.message() == null ? "" : ": " + worst.message();
        ChangeOutcome.Status status = worst != null ? worst.status() : switch (r.status()) {
            case "FAILED" -> ChangeOutcome.Status.FAILED;
            case "DRY_RUN" -> ChangeOutcome.Status.DRY_RUN;
            default -> ChangeOutcome.Status.APPLIED;
        };
        switch (status) {
            case REJECTED -> {
                out.add("Route 53 refused " + what + " in " + where + message);
                keptRecords(f, out);
                return Verdict.REFUSED_BY_ROUTE53;
            }
            case FAILED -> {
                out.add("Route 53 kept failing for " + what + " in " + where + message);
                keptRecords(f, out);
                return Verdict.FAILED_AT_ROUTE53;
            }
            case SKIPPED -> {
                out.add("the applier did not send " + what + " in " + where + message);
                return Verdict.SKIPPED_BY_APPLIER;
            }
            case DRY_RUN -> {
                out.add("dry run: " + what + " in " + where + " would have been sent");
                return Verdict.DRY_RUN;
            }
            default -> {
                return applied(f, out, where);
            }
        }
    }

    private static Verdict applied(Facts f, List<String> out, String where) {
        Step.Result r = f.result();
        String when = r.acceptedAt() > 0 ? " at " + Step.iso(r.acceptedAt()) : "";
        String delay = r.endToEndMillis() >= 0 ? ", " + r.endToEndMillis() + " ms after the object changed" : "";
        List<String> actions = r.outcomes().stream().filter(o -> NameMatcher.same(o.dnsName(), f.name()))
                .map(o -> o.action().name()).toList();
        if (actions.isEmpty() && f.plan() != null) {
            actions = f.plan().changes().stream().filter(c -> !c.ownership()).map(Step.PlannedChange::action).toList();
        }
        boolean deletedOnly = !actions.isEmpty() && actions.stream().allMatch("DELETE"::equals);
        if (!f.records().isEmpty() || !deletedOnly) {
            out.add("Route 53 has it, written by " + where + ", " + r.status() + when + delay);
            if (f.records().isEmpty()) {
                out.add("zone-state shows no record of it yet");
            }
            objects(f, out);
            return Verdict.WRITTEN;
        }
        if (f.wanted()) {
            out.add("wanted again by " + f.wantedBy() + " since " + where + " deleted it; no plan of it yet");
            return Verdict.PENDING;
        }
        out.add("deleted by " + where + ", " + r.status() + when + delay + "; no object asks for it any more");
        objects(f, out);
        return Verdict.DELETED;
    }

    private static void objects(Facts f, List<String> out) {
        if (f.plan() != null && !f.plan().objects().isEmpty()) {
            out.add("plan " + f.plan().planId() + " answered " + f.plan().objects().stream()
                    .map(p -> p.cluster() + "/" + p.kind() + "/" + p.namespace() + "/" + p.name()
                            + " rv " + p.resourceVersion())
                    .distinct().collect(Collectors.joining(", ")));
        }
        if (f.wanted()) {
            out.add("wanted now by " + f.wantedBy());
        }
    }

    private static void keptRecords(Facts f, List<String> out) {
        if (!f.records().isEmpty()) {
            out.add("Route 53 keeps what it had before (see below)");
        }
        if (f.wanted()) {
            out.add("wanted by " + f.wantedBy());
        }
    }

    private static String labels(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** The latest value per key of a compacted topic (a tombstone removes the key). */
    static <T> Map<String, T> latest(List<TrailRecord<T>> records) {
        Map<String, T> latest = new LinkedHashMap<>();
        for (TrailRecord<T> r : records) {
            if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), r.value());
            }
        }
        return latest;
    }
}
