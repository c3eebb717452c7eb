package io.streamdns.applier.batch;

import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.ProviderProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Merges the queued plans of a partition, in offset order, into one {@link MergedPlan} so they share
 * ChangeResourceRecordSets calls. Only a prefix is taken, and it ends before the first plan that touches a name an
 * earlier plan of the prefix touches (record name, or the owned name of an ownership TXT): within a merged run the
 * changes of different plans are on disjoint names, so their relative order cannot matter and each name's changes
 * still happen in offset order. The prefix also ends before it would pass {@code maxPlans} plans or
 * {@code maxChanges} changes (bounding how long the head plan waits for its result); its first plan is always taken.
 * Incremental ({@link #add}) so a caller decodes only what it merges plus one. Not thread-safe.
 */
public final class PlanMerger {
    private final int maxPlans;
    private final int maxChanges;
    private final List<ChangePlan> members = new ArrayList<>();
    private final Set<String> touched = new HashSet<>();
    private int changes;
    private boolean full;

    public PlanMerger(int maxPlans, int maxChanges) {
        if (maxPlans < 1 || maxChanges < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxPlans + " plans, " + maxChanges + " changes");
        }
        this.maxPlans = maxPlans;
        this.maxChanges = maxChanges;
    }

    /** The longest mergeable prefix of {@code queued} (empty when {@code queued} is). */
    public static MergedPlan prefix(List<ChangePlan> queued, int maxPlans, int maxChanges) {
        PlanMerger m = new PlanMerger(maxPlans, maxChanges);
        for (ChangePlan p : queued) {
            if (!m.add(p)) {
                break;
            }
        }
        return m.isEmpty() ? null : m.merged();
    }

    /**
     * Takes the next plan into the run, or refuses it (and every later one: the run is a prefix) when it touches a
     * name already in the run or would pass a bound.
     */
    public boolean add(ChangePlan plan) {
        if (full) {
            return false;
        }
        Set<String> names = names(plan);
        if (!members.isEmpty() && (members.size() >= maxPlans || changes + plan.size() > maxChanges
                || names.stream().anyMatch(touched::contains))) {
            full = true;
            return false;
        }
        members.add(plan);
        touched.addAll(names);
        changes += plan.size();
        return true;
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public int size() {
        return members.size();
    }

    public MergedPlan merged() {
        if (members.isEmpty()) {
            throw new IllegalStateException("nothing merged");
        }
        return MergedPlan.of(members);
    }

    /**
     * Every name a plan changes or leans on: each endpoint's name, for an ownership TXT the name it owns, and for an
     * ALIAS its target (which may be a record of the same zone that Route 53 wants to exist first).
     */
    static Set<String> names(ChangePlan plan) {
        Set<String> out = new HashSet<>();
        endpoints(plan).forEach(e -> {
            out.add(normal(e.dnsName()));
            out.add(normal(PlanCompiler.groupOf(e)));
            if ("true".equalsIgnoreCase(e.property(ProviderProperties.ALIAS))) {
                e.targets().forEach(t -> out.add(normal(t)));
            }
        });
        return out;
    }

    static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    static Stream<Endpoint> endpoints(ChangePlan plan) {
        return Stream.of(plan.create(), plan.updateOld(), plan.updateNew(), plan.delete()).flatMap(List::stream);
    }
}
