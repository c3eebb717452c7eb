package io.streamdns.applier;

import io.streamdns.applier.batch.Batch;
import io.streamdns.applier.batch.Change;
import io.streamdns.applier.batch.CompiledPlan;
import io.streamdns.applier.batch.Decision;
import io.streamdns.applier.batch.Isolation;
import io.streamdns.applier.batch.MergedPlan;
import io.streamdns.applier.batch.PlanCompiler;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneIndex;
import io.streamdns.applier.metrics.ApplierMetrics;
import io.streamdns.applier.provider.CallStats;
import io.streamdns.applier.provider.DnsProvider;
import io.streamdns.applier.provider.ProviderException;
import io.streamdns.applier.state.ZoneStateKeeper;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one plan, or several merged into one run ({@link MergedPlan}): compile (pure), then per zone and batch submit through the resilient provider, isolating
 * rejected changes, re-reading names Route 53 says differ from what we think, and publishing what changed to
 * zone-state as it goes. Returns one {@link ApplyResult} per plan; never fails for provider trouble (that is an
 * outcome).
 */
public final class PlanExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

    private final DnsProvider provider;
    private final ZoneStateKeeper keeper;
    private final Function<ZoneIndex, PlanCompiler> compilers;
    private final boolean dryRun;
    private final ApplierMetrics metrics;

    public PlanExecutor(DnsProvider provider, ZoneStateKeeper keeper, Function<ZoneIndex, PlanCompiler> compilers,
                        boolean dryRun, ApplierMetrics metrics) {
        this.provider = provider;
        this.keeper = keeper;
        this.compilers = compilers;
        this.dryRun = dryRun;
        this.metrics = metrics;
    }

    /** Mutable state of one run (on one context). */
    private static final class Run {
        final MergedPlan merged;
        final ChangePlan plan;
        final List<Decision> decisions = new ArrayList<>();
        final CallStats stats;
        final List<String> changeIds = new ArrayList<>();
        final BooleanSupplier cancelled;
        /** Zone-state publications of accepted batches: the next call does not wait for them, the results do. */
        final List<Future<Void>> publishing = new ArrayList<>();
        PlanCompiler compiler;
        long acceptedAt;

        Run(MergedPlan merged, BooleanSupplier cancelled) {
            this.merged = merged;
            this.plan = merged.combined();
            this.cancelled = cancelled;
            this.stats = new CallStats(cancelled); // checked before every attempt, retries included
        }
    }

    public Future<ApplyResult> execute(ChangePlan plan, long receivedAt) {
        return execute(plan, receivedAt, () -> false);
    }

    /**
     * @param cancelled checked before every call: once true (partition revoked, stopping) no further change is
     *                  sent, so a former owner never writes beside the new one; the result is then not reported
     */
    public Future<ApplyResult> execute(ChangePlan plan, long receivedAt, BooleanSupplier cancelled) {
        return execute(MergedPlan.single(plan), receivedAt, cancelled).map(results -> results.get(0));
    }

    /**
     * Runs merged plans as one (shared batches and calls) and answers each with its own result, in offset order.
     *
     * @param cancelled as for {@link #execute(ChangePlan, long, BooleanSupplier)}
     */
    public Future<List<ApplyResult>> execute(MergedPlan merged, long receivedAt, BooleanSupplier cancelled) {
        Run run = new Run(merged, cancelled);
        metrics.merged(merged.size());
        return keeper.catalog().index()
                .compose(index -> compile(run, index))
                .compose(compiled -> dryRun ? reportDryRun(run, compiled)
                        : applyBatches(run, compiled).compose(v -> settleStale(run, compiled)))
                .eventually(() -> Future.all(run.publishing)) // never fails: a refused send is republished
                .compose(v -> keeper.whenPublished(run.cancelled)) // results only after the zone-state they describe
                .transform(ar -> answer(run, ar.cause(), receivedAt));
    }

    /** Loads the zones the plan touches (ownership is checked against them), then compiles it. */
    private Future<CompiledPlan> compile(Run run, ZoneIndex index) {
        run.compiler = compilers.apply(index);
        return keeper.ensureLoaded(new ArrayList<>(run.compiler.zonesTouched(run.plan)))
                .map(v -> {
                    long t0 = System.nanoTime();
                    CompiledPlan compiled = run.compiler.compile(run.plan, keeper.cache());
                    LOG.debug("[{}] plan {}: compiled in {} ms", run.plan.shard(), run.plan.planId(),
                            (System.nanoTime() - t0) / 1_000_000);
                    return compiled;
                })
                .onSuccess(compiled -> compiled.decided().forEach(d -> record(run, d)));
    }

    private Future<Void> reportDryRun(Run run, CompiledPlan compiled) {
        compiled.stale().forEach(zc -> zc.changes().forEach(c -> run.decisions.add(Decision.of(c, zc.zone(),
                ChangeOutcome.Status.DRY_RUN, "dry run (the zone already holds " + c.recordSet().key() + ")"))));
        for (CompiledPlan.ZoneBatches zb : compiled.zones()) {
            for (Change c : zb.batches().stream().flatMap(b -> b.changes().stream()).toList()) {
                ChangePlan member = run.merged.memberOf(c.origin());
                LOG.info("[{}] plan {}: would apply {} in {}", member.shard(), member.planId(), c, zb.zone());
                run.decisions.add(Decision.of(c, zb.zone(), ChangeOutcome.Status.DRY_RUN, "dry run"));
            }
        }
        return Future.succeededFuture();
    }

    /** Batches one after the other: each waits for the previous call (the zone's rate limit orders them anyway). */
    private Future<Void> applyBatches(Run run, CompiledPlan compiled) {
        Future<Void> chain = Future.succeededFuture();
        for (CompiledPlan.ZoneBatches zb : compiled.zones()) {
            for (Batch b : zb.batches()) {
                chain = chain.compose(v -> submit(run, zb.zone(), b));
            }
        }
        return chain;
    }

    /**
     * Groups held back because they would CREATE over a set the zone holds: the names are re-read (zone state gets
     * the truth, the planner plans them again), then each change is ALREADY_DONE if the zone holds it, else REJECTED;
     * no ChangeResourceRecordSets call.
     */
    private Future<Void> settleStale(Run run, CompiledPlan compiled) {
        Future<Void> chain = Future.succeededFuture();
        for (CompiledPlan.ZoneChanges zc : compiled.stale()) {
            Map<Change, String> held = new LinkedHashMap<>();
            zc.changes().forEach(c -> held.put(c, "the zone already holds " + c.recordSet().key() + " (the plan was"
                    + " made before zone state showed it): re-read, not sent"));
            chain = chain.compose(v -> settleRejected(run, zc.zone(), held, false));
        }
        return chain;
    }

    /** Every change gets an outcome: a stopped or failed run fails what it did not decide, and keeps the rest. */
    private Future<List<ApplyResult>> answer(Run run, Throwable failure, long receivedAt) {
        ChangePlan plan = run.plan;
        if (failure instanceof CancellationException) {
            LOG.info("[{}] plan {}: stopped between batches (partition revoked or stopping)", plan.shard(), plan.planId());
            failAll(run, "cancelled");
        } else if (failure != null) {
            // no zones (discovery failed) or a re-read that failed: every change not yet decided failed
            LOG.warn("[{}] plan {} failed: {}", plan.shard(), plan.planId(), failure.getMessage());
            failAll(run, failure.getMessage());
        }
        return Future.succeededFuture(results(run, receivedAt));
    }

    private Future<Void> submit(Run run, Zone zone, Batch batch) {
        if (run.cancelled.getAsBoolean()) {
            return Future.failedFuture(new CancellationException("plan " + run.plan.planId() + " cancelled"));
        }
        List<Change> changes = batch.changes();
        return provider.apply(zone, changes, "streamdns plan " + run.plan.planId(), run.stats).transform(ar -> {
            if (ar.succeeded()) {
                metrics.batch(changes.size());
                run.changeIds.add(ar.result().changeId());
                run.acceptedAt = Math.max(run.acceptedAt, ar.result().acceptedAt());
                changes.forEach(c -> record(run, Decision.of(c, zone, ChangeOutcome.Status.APPLIED, null)));
                // the view is updated now; Kafka's acknowledgement is awaited before the results, not before the
                // next call, so a cold start's calls keep Route 53's pace
                run.publishing.add(keeper.applied(zone, changes));
                return Future.succeededFuture();
            }
            if (ar.cause() instanceof CancellationException) {
                return Future.failedFuture(ar.cause()); // not an outcome: the run stops, the new owner replays it
            }
            ProviderException pe = ar.cause() instanceof ProviderException p ? p
                    : ProviderException.of(ProviderException.Kind.FATAL, "Error", String.valueOf(ar.cause().getMessage()));
            if (pe.kind() == ProviderException.Kind.REJECTED) {
                return isolate(run, zone, batch, pe);
            }
            ChangeOutcome.Status status = pe.kind() == ProviderException.Kind.CIRCUIT_OPEN
                    ? ChangeOutcome.Status.SKIPPED : ChangeOutcome.Status.FAILED;
            changes.forEach(c -> record(run, Decision.of(c, zone, status, pe.getMessage())));
            return Future.succeededFuture();
        });
    }

    /** A refused batch: take out what Route 53 blames (or bisect), send the rest, re-read what it refused. */
    private Future<Void> isolate(Run run, Zone zone, Batch batch, ProviderException pe) {
        Isolation.Step step = Isolation.next(batch, pe.messages());
        LOG.info("[{}] plan {}: batch of {} refused in {} ({}): {} rejected, {} already done, {} batch(es) to resend",
                run.plan.shard(), run.plan.planId(), batch.size(), zone, pe.code(), step.rejected().size(),
                step.alreadyDone().size(), step.retry().size());
        Future<Void> chain = Future.succeededFuture();
        if (!step.alreadyDone().isEmpty()) {
            step.alreadyDone().forEach(c -> record(run, Decision.of(c, zone, ChangeOutcome.Status.ALREADY_DONE,
                    "the set was not there")));
            chain = chain.compose(v -> keeper.applied(zone, step.alreadyDone()));
        }
        for (Batch retry : step.retry()) {
            chain = chain.compose(v -> submit(run, zone, retry));
        }
        if (!step.rejected().isEmpty()) {
            chain = chain.compose(v -> settleRejected(run, zone, step.rejected(), true));
        }
        return chain;
    }

    /**
     * Re-reads the names of refused changes and publishes the truth. A group that touches a set not ours is SKIPPED;
     * otherwise a refused change that the zone now holds as wanted (a replayed plan whose first run landed) is
     * ALREADY_DONE, and the rest of such a group is sent once more.
     */
    private Future<Void> settleRejected(Run run, Zone zone, Map<Change, String> rejected, boolean resendRest) {
        Set<String> names = new LinkedHashSet<>();
        rejected.keySet().forEach(c -> names.add(c.recordSet().name()));
        Future<Void> reads = Future.succeededFuture();
        for (String name : names) {
            reads = reads.compose(v -> keeper.reread(zone, name, run.stats).recover(t -> {
                LOG.warn("[{}] re-reading {} in {} failed: {}", run.plan.shard(), name, zone, t.getMessage());
                return Future.succeededFuture();
            }));
        }
        return reads.compose(v -> {
            Map<String, List<Change>> groups = new LinkedHashMap<>();
            rejected.keySet().forEach(c -> groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
            List<Batch.Group> resend = new ArrayList<>();
            groups.forEach((group, changes) -> {
                // the truth is known now: a set someone else holds (even with our values) is never taken over
                String notOwned = run.compiler.notOwned(changes, zone, keeper.cache());
                if (notOwned != null) {
                    changes.forEach(c -> record(run, Decision.of(c, zone, ChangeOutcome.Status.SKIPPED, notOwned)));
                    return;
                }
                if (changes.stream().anyMatch(Change::swap)) {
                    // a compare-and-swap goes whole or not at all: done when the zone holds what it writes, else
                    // refused, and the planner plans the name again from the set as it is now
                    boolean done = changes.stream().filter(c -> !(c.swap() && c.action() == Change.Action.DELETE))
                            .allMatch(c -> isDone(zone, c));
                    changes.forEach(c -> record(run, Decision.of(c, zone, done ? ChangeOutcome.Status.ALREADY_DONE
                            : ChangeOutcome.Status.REJECTED, done ? null : rejected.get(c))));
                    return;
                }
                List<Change> done = changes.stream().filter(c -> isDone(zone, c)).toList();
                List<Change> rest = changes.stream().filter(c -> !done.contains(c)).toList();
                done.forEach(c -> record(run, Decision.of(c, zone, ChangeOutcome.Status.ALREADY_DONE, null)));
                if (resendRest && !done.isEmpty() && !rest.isEmpty()) {
                    resend.add(new Batch.Group(group, rest));
                } else {
                    rest.forEach(c -> record(run, Decision.of(c, zone, ChangeOutcome.Status.REJECTED, rejected.get(c))));
                }
            });
            return resend.isEmpty() ? Future.succeededFuture() : submit(run, zone, new Batch(resend));
        });
    }

    private boolean isDone(Zone zone, Change c) {
        Optional<RecordSet> now = keeper.cache().get(zone, c.recordSet().key());
        return c.action() == Change.Action.DELETE ? now.isEmpty() : now.isPresent() && now.get().equals(c.recordSet());
    }

    private void record(Run run, Decision d) {
        run.decisions.add(d);
        log(run, d);
    }

    private static void log(Run run, Decision d) {
        ChangePlan plan = run.merged.memberOf(d.origin());
        if (d.status() == ChangeOutcome.Status.APPLIED || d.status() == ChangeOutcome.Status.ALREADY_DONE) {
            LOG.info("[{}] plan {}: {} {} in {}", plan.shard(), plan.planId(), d.status(), d.origin(), d.zoneId());
        } else {
            LOG.warn("[{}] plan {}: {} {} in {}: {}", plan.shard(), plan.planId(), d.status(), d.origin(), d.zoneId(),
                    d.message());
        }
    }

    /** Every plan change without an outcome yet fails with the reason; one already decided keeps its outcome. */
    private static void failAll(Run run, String why) {
        Set<Change.Origin> decided = new HashSet<>();
        run.decisions.forEach(d -> decided.add(d.origin()));
        ChangePlan p = run.plan;
        List<Endpoint> all = new ArrayList<>(p.create());
        all.addAll(p.updateNew());
        all.addAll(p.delete());
        for (int i = 0; i < all.size(); i++) {
            var e = all.get(i);
            ChangeOutcome.Action action = i < p.create().size() ? ChangeOutcome.Action.CREATE
                    : i < p.create().size() + p.updateNew().size() ? ChangeOutcome.Action.UPDATE : ChangeOutcome.Action.DELETE;
            Change.Origin origin = new Change.Origin(action, e.dnsName(), e.recordType(), e.setIdentifier());
            if (!decided.contains(origin)) {
                run.decisions.add(new Decision(origin, null, ChangeOutcome.Status.FAILED, why));
            }
        }
    }

    private List<ApplyResult> results(Run run, long receivedAt) {
        List<ApplyResult> results = run.merged.results(run.decisions, new MergedPlan.Shared(
                run.changeIds.stream().filter(Objects::nonNull).toList(), run.stats.attempts(), receivedAt,
                run.acceptedAt));
        for (ApplyResult r : results) {
            metrics.plan(r.status().name());
            for (ChangeOutcome.Status s : ChangeOutcome.Status.values()) {
                metrics.change(s.name(), r.outcomes().stream().filter(o -> o.status() == s).count());
            }
            metrics.endToEnd(r.endToEndMillis());
            LOG.info("[{}] plan {}: {} ({} changes, {} provider calls{}, {} throttled, end-to-end {} ms)", r.shard(),
                    r.planId(), r.status(), r.outcomes().size(), r.attempts(),
                    run.merged.size() > 1 ? " shared by " + run.merged.size() + " plans" : "", run.stats.throttles(),
                    r.endToEndMillis());
        }
        return results;
    }
}
