package io.streamdns.applier.batch;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds per-change decisions into one {@link ChangeOutcome} per plan change and zone (an update sent as
 * DELETE + CREATE reports once, with the worse of its halves), and the plan's status.
 */
public final class Outcomes {
    /** Worst first. */
    private static final List<ChangeOutcome.Status> SEVERITY = List.of(ChangeOutcome.Status.FAILED,
            ChangeOutcome.Status.REJECTED, ChangeOutcome.Status.SKIPPED, ChangeOutcome.Status.DRY_RUN,
            ChangeOutcome.Status.APPLIED, ChangeOutcome.Status.ALREADY_DONE);

    private final Map<String, Decision> byKey = new LinkedHashMap<>();

    public Outcomes add(Decision d) {
        String key = d.origin() + "@" + Objects.toString(d.zoneId(), "");
        byKey.merge(key, d, (a, b) -> SEVERITY.indexOf(b.status()) < SEVERITY.indexOf(a.status()) ? b : a);
        return this;
    }

    public Outcomes addAll(List<Decision> decisions) {
        decisions.forEach(this::add);
        return this;
    }

    public List<ChangeOutcome> outcomes() {
        List<ChangeOutcome> out = new ArrayList<>();
        for (Decision d : byKey.values()) {
            Change.Origin o = d.origin();
            out.add(new ChangeOutcome(o.action(), o.dnsName(), o.recordType(), o.setIdentifier(), d.status(),
                    d.zoneId(), d.message()));
        }
        return out;
    }

    public long count(ChangeOutcome.Status status) {
        return byKey.values().stream().filter(d -> d.status() == status).count();
    }

    /**
     * NOTHING_TO_DO when nothing needed sending, DRY_RUN when it was a dry run, APPLIED when every change is
     * applied or already done, FAILED when none is, PARTIAL otherwise.
     */
    public ApplyResult.Status status() {
        if (byKey.isEmpty()) {
            return ApplyResult.Status.NOTHING_TO_DO;
        }
        long done = count(ChangeOutcome.Status.ALREADY_DONE);
        long applied = count(ChangeOutcome.Status.APPLIED);
        long dry = count(ChangeOutcome.Status.DRY_RUN);
        int total = byKey.size();
        if (dry > 0) {
            return ApplyResult.Status.DRY_RUN;
        }
        if (done == total) {
            return ApplyResult.Status.NOTHING_TO_DO;
        }
        if (applied + done == total) {
            return ApplyResult.Status.APPLIED;
        }
        return applied == 0 ? ApplyResult.Status.FAILED : ApplyResult.Status.PARTIAL;
    }
}
