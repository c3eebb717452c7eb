package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * external-dns's {@code plan.Calculate} with the AWS endpoint adjustment before it and the TXT registry after it,
 * plus multi-cluster merging. Pure: desired and current endpoints in, {@link Changes} out.
 * <ol>
 *   <li>desired: ALIAS adjustment, domain filter and managed types, multi-cluster merge;</li>
 *   <li>current: ownership labels from TXT records, domain filter and managed types;</li>
 *   <li>rows by (name, set identifier): create / update / delete per type, CNAME-vs-A resolution, per-resource
 *       conflict resolution; creates at a taken name only when every record there is ours;</li>
 *   <li>policy, then the ownership gate on updates and deletes;</li>
 *   <li>ownership TXT changes beside every record change.</li>
 * </ol>
 */
public final class Planner {
    /** Candidates of one record set in a stable order, so ties resolve the same whatever the input order. */
    static final Comparator<Endpoint> CANDIDATE_ORDER = Comparator
            .comparing((Endpoint e) -> Objects.requireNonNullElse(e.label(Labels.RESOURCE), ""))
            .thenComparing(e -> Objects.requireNonNullElse(e.label(Labels.CLUSTER), ""))
            .thenComparing(e -> String.join(",", e.targets()))
            .thenComparing(e -> e.providerSpecific().toString())
            .thenComparing(Endpoint::ttl);

    private final PlanSettings settings;
    private final AliasAdjuster adjuster;
    private final MultiClusterMerger merger;
    private final ConflictResolver resolver = new ConflictResolver();
    private final OwnershipRegistry registry;

    public Planner(PlanSettings settings) {
        this.settings = settings;
        this.adjuster = new AliasAdjuster(settings.awsPreferCname(), settings.awsEvaluateTargetHealth());
        this.merger = new MultiClusterMerger(settings.multiCluster());
        this.registry = new OwnershipRegistry(settings.ownerId(), settings.txtNames(), settings.migrateFromOwner());
    }

    public PlanSettings settings() {
        return settings;
    }

    /** Plans every name of desired and current. */
    public Changes plan(List<Endpoint> desired, List<Endpoint> current) {
        return plan(desired, current, null);
    }

    /**
     * @param desired endpoints wanted, each labelled {@code resource} and {@code cluster}
     * @param current records as the provider has them, ownership TXT records included; may hold records of names
     *                outside {@code scope} (ownership TXT records are looked up there)
     * @param scope   the names to plan, or null for all
     */
    public Changes plan(List<Endpoint> desired, List<Endpoint> current, Predicate<String> scope) {
        return plan(desired, current, scope, null, null);
    }

    /**
     * As {@link #plan(List, List, Predicate)}, with TXT ownership values parsed beforehand by an index and the
     * deletes held that knowledge or budget does not allow ({@code deleteGate} null: none held).
     */
    Changes plan(List<Endpoint> desired, List<Endpoint> current, Predicate<String> scope,
                 OwnershipRegistry.ParsedTxt parsed, DeleteGate deleteGate) {
        OwnershipRegistry.Current cur = registry.read(current, r -> manages(r) && (scope == null || scope.test(r.dnsName())),
                parsed);
        PlanTable table = new PlanTable(scope == null ? Math.max(desired.size(), cur.records.size()) : 16);
        for (Endpoint r : cur.records) {
            table.addCurrent(r);
        }
        List<Endpoint> wanted = new ArrayList<>(desired.size());
        for (Endpoint d : desired) {
            if (scope == null || scope.test(d.dnsName())) {
                adjuster.adjust(d, wanted);
            }
        }
        wanted.removeIf(d -> !manages(d));
        for (Endpoint d : merger.merge(wanted, table::current)) {
            table.addCandidate(d);
        }

        ChangeSet changes = new ChangeSet();
        Set<String> contested = new HashSet<>();
        List<Endpoint[]> forceTxt = new ArrayList<>();
        for (PlanTable.Row row : table.rows()) {
            decide(row, cur, changes, contested, forceTxt);
        }
        if (!settings.policy().allowsDeletes()) {
            changes.delete.clear();
        }
        if (!settings.policy().allowsUpdates()) {
            changes.updateOld.clear();
            changes.updateNew.clear();
            forceTxt.clear();
        }
        gate(changes, contested);
        if (deleteGate != null) {
            deleteGate.apply(changes);
        }
        new OwnershipChanges(registry, settings.domainFilter(), cur, table::current).apply(changes, forceTxt);
        return changes.toChanges();
    }

    private void decide(PlanTable.Row row, OwnershipRegistry.Current cur, ChangeSet changes, Set<String> contested,
                        List<Endpoint[]> forceTxt) {
        if (row.currentCount == 0) {
            for (PlanTable.TypeRecords t : resolver.resolveRecordTypes(row)) {
                if (!t.candidates.isEmpty()) {
                    changes.create.add(resolver.resolveCreate(t.candidates));
                }
            }
            return;
        }
        if (row.candidateCount == 0) {
            changes.delete.addAll(row.current()); // released, or someone else's: the gate decides
            return;
        }
        List<Endpoint> creates = new ArrayList<>(1);
        for (PlanTable.TypeRecords t : resolver.resolveRecordTypes(row)) {
            if (t.current != null && t.candidates.isEmpty()) {
                changes.delete.add(t.current);
                contested.add(t.current.recordKey());
            } else if (t.current == null && !t.candidates.isEmpty()) {
                creates.add(resolver.resolveCreate(t.candidates));
            } else if (t.current != null) {
                Endpoint update = resolver.resolveUpdate(t.current, t.candidates);
                if (RecordComparison.needsUpdate(update, t.current)) {
                    changes.update(t.current, inheritOwner(update, t.current));
                } else if (!registry.isOurs(t.current)) {
                    // equal values but not ours: never adopted, reported as a differing one would be
                    changes.skip(t.current, reasonFor(t.current), "record already there, not adopted ("
                            + ownerText(t.current) + ")");
                } else if (cur.formOf(t.current) != OwnershipRegistry.Form.CURRENT || migrated(cur, t.current)) {
                    // txt/force-update, or --migrate-from-txt-owner: only the TXT is rewritten, the record stays
                    forceTxt.add(new Endpoint[] {t.current, inheritOwner(update, t.current)});
                }
            }
        }
        if (creates.isEmpty()) {
            return;
        }
        Endpoint blocker = null;
        for (Endpoint c : row.current()) {
            if (!registry.isOurs(c)) {
                blocker = c;
                break;
            }
        }
        if (blocker == null) {
            changes.create.addAll(creates);
        } else {
            for (Endpoint c : creates) {
                changes.skip(c, reasonFor(blocker), "name taken by " + blocker + " (" + ownerText(blocker) + ")");
            }
        }
    }

    /** Updates and deletes only of records whose TXT names our owner id (external-dns's FilterEndpointsByOwnerID). */
    private void gate(ChangeSet changes, Set<String> contested) {
        for (int i = changes.updateOld.size() - 1; i >= 0; i--) {
            Endpoint old = changes.updateOld.get(i);
            if (!registry.isOurs(old)) {
                changes.skip(old, reasonFor(old), "update to " + changes.updateNew.get(i).targets()
                        + " not made (" + ownerText(old) + ")");
                changes.updateOld.remove(i);
                changes.updateNew.remove(i);
            }
        }
        changes.delete.removeIf(d -> {
            if (registry.isOurs(d)) {
                return false;
            }
            if (contested.contains(d.recordKey())) {
                changes.skip(d, reasonFor(d), "delete not made (" + ownerText(d) + ")");
            }
            return true;
        });
    }

    private static boolean migrated(OwnershipRegistry.Current cur, Endpoint current) {
        OwnershipRegistry.Ownership o = cur.ownershipOf(current);
        return o != null && o.migrated();
    }

    private boolean manages(Endpoint e) {
        return settings.manages(e.recordType()) && settings.domainFilter().matches(e.dnsName());
    }

    private static Endpoint inheritOwner(Endpoint desired, Endpoint current) {
        String owner = current.label(Labels.OWNER);
        if (Objects.equals(owner, desired.label(Labels.OWNER))) {
            return desired;
        }
        Map<String, String> labels = new HashMap<>(desired.labels());
        if (owner == null) {
            labels.remove(Labels.OWNER);
        } else {
            labels.put(Labels.OWNER, owner);
        }
        return desired.withLabels(labels);
    }

    static Skipped.Reason reasonFor(Endpoint record) {
        return record.label(Labels.OWNER) == null ? Skipped.Reason.UNOWNED : Skipped.Reason.OWNED_BY_OTHER;
    }

    static String ownerText(Endpoint record) {
        String owner = record.label(Labels.OWNER);
        return owner == null ? "no ownership TXT" : "owner " + owner;
    }
}
