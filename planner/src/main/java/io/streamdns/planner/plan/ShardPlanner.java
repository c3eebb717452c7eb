package io.streamdns.planner.plan;

import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Provenance;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.SourceRef;
import io.streamdns.model.SourceState;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The planning state of one shard: desired (sources) and current (zone state plus in-flight plans) indexed by
 * name, so a plan of the names an event touched costs O(names touched), not O(shard). Not thread-safe: one owner
 * at a time (the restoring worker, then the event loop).
 */
public final class ShardPlanner {
    private final String shard;
    private final Planner planner;
    private final TxtNameMapper txtNames;
    private final Set<String> txtLookupTypes;
    private final DesiredIndex desired = new DesiredIndex();
    private final CurrentIndex current;
    /** The partition's completeness knowledge; null: deletes are not gated (plan-core tests). */
    private final SyncState sync;
    private final HeldDeletes held = new HeldDeletes();
    /** Key identity → object, for states refused while none of that key was accepted (their records wait). */
    private final Map<String, SourceRef> refused = new HashMap<>(2);
    /** The shard's delete budget; null: none (plan-core tests). */
    private final DeleteBudget budget;
    private final VerifiedRecords verified = new VerifiedRecords();

    /** A plan for some names of the shard, with who asked for each changed name. */
    /** @param ownedRecords what the shard owned when planned (the delete budget's base) */
    public record ShardPlan(Changes changes, List<Provenance> provenance, Set<String> changedNames, int ownedRecords) {
    }

    public ShardPlanner(String shard, Planner planner) {
        this(shard, planner, null);
    }

    public ShardPlanner(String shard, Planner planner, SyncState sync) {
        this(shard, planner, sync, null);
    }

    /** @param sync the partition's knowledge (null: deletes not gated); @param budget settings (null: no budget) */
    public ShardPlanner(String shard, Planner planner, SyncState sync, DeleteBudget.Settings budget) {
        this.shard = shard;
        this.sync = sync;
        this.budget = budget == null ? null : new DeleteBudget(budget);
        this.current = new CurrentIndex(planner.settings().txtNames(), planner.settings().ownerId());
        this.planner = planner;
        this.txtNames = planner.settings().txtNames();
        Set<String> types = new TreeSet<>(planner.settings().managedTypes());
        types.add(RecordTypes.CNAME); // an A-ALIAS may be owned through a cname- TXT
        this.txtLookupTypes = Set.copyOf(types);
    }

    public String shard() {
        return shard;
    }

    /** @return the names whose plan may have changed */
    public Set<String> putSource(String identity, SourceState state) {
        boolean wasRefused = refused.remove(identity) != null;
        if (sync != null) {
            sync.objectKey(identity, desired.contains(identity), state != null);
        }
        Set<String> touched = desired.put(identity, state);
        if (wasRefused && !held.isEmpty()) { // what its refused state held may go now
            touched = new HashSet<>(touched);
            touched.addAll(held.names());
        }
        return touched;
    }

    /**
     * A state of the key was refused (undecodable, version skew, a stricter rule). The last accepted state stays;
     * when there is none, the object's records are not deleted until a state of it is accepted again.
     */
    public void refusedSource(String identity) {
        if (!desired.contains(identity)) {
            try {
                refused.put(identity, SourceRef.parse(ControlKeys.objectIdentity(identity)));
            } catch (IllegalArgumentException e) {
                // not an object identity: nothing of it can be in the zone
            }
        }
    }

    private String refusedObject(String cluster, String resource) {
        if (refused.isEmpty()) {
            return null;
        }
        for (SourceRef r : refused.values()) {
            if (r.resourceLabel().equals(resource) && (cluster == null || cluster.equals(r.cluster()))) {
                return r.identity();
            }
        }
        return null;
    }

    /** @return the names whose plan may have changed: the record's, and for a TXT the names it may own */
    public Set<String> putRecord(String identity, ZoneRecord record) {
        String name = current.put(identity, record);
        if (name == null) {
            return Set.of();
        }
        Set<String> names = new HashSet<>(2);
        names.add(name);
        if (record == null || record.type().equals(RecordTypes.TXT)) {
            txtNames.ownedBy(name).ifPresent(o -> names.add(o.name()));
            txtNames.legacyOwnedName(name).ifPresent(names::add);
        }
        return names;
    }

    /** Plans the given names against the index. */
    public ShardPlan plan(Collection<String> names) {
        return plan(names, System.currentTimeMillis());
    }

    /** Plans the given names against the index; {@code now} is the delete budget's clock. */
    public ShardPlan plan(Collection<String> names, long now) {
        Set<String> scope = new HashSet<>(names);
        List<Endpoint> want = new ArrayList<>();
        Set<String> lookup = new LinkedHashSet<>();
        for (String n : scope) {
            want.addAll(desired.at(n));
            lookup.add(n);
            for (String t : txtLookupTypes) {
                lookup.add(txtNames.txtName(n, t));
            }
            lookup.add(txtNames.legacyTxtName(n));
        }
        List<Endpoint> have = new ArrayList<>();
        for (String n : lookup) {
            have.addAll(current.at(n));
        }
        int owned = ownedRecords();
        Changes changes = planner.plan(want, have, scope::contains, current.parsed(), gate(now, owned));
        held.planned(scope, changes.skipped());
        Map<String, Integer> wanted = new HashMap<>(scope.size() * 2);
        for (Endpoint e : want) {
            wanted.merge(e.dnsName(), VerifiedRecords.bit(e.recordType()), (a, b) -> a | b);
        }
        for (String n : scope) {
            verified.set(n, wanted.getOrDefault(n, 0) & current.zoneTypes(n));
        }
        return withProvenance(changes, owned);
    }

    /** Plans the whole shard (after a restore, or a resync). */
    public ShardPlan planAll() {
        return planAll(System.currentTimeMillis());
    }

    public ShardPlan planAll(long now) {
        List<Endpoint> want = desired.all();
        int owned = ownedRecords();
        Changes changes = planner.plan(want, current.all(), null, current.parsed(), gate(now, owned));
        held.plannedAll(changes.skipped());
        Map<String, Integer> wanted = new HashMap<>();
        for (Endpoint e : want) {
            wanted.merge(e.dnsName(), VerifiedRecords.bit(e.recordType()), (a, b) -> a | b);
        }
        verified.retainOnly(wanted.keySet());
        wanted.forEach((n, types) -> verified.set(n, types & current.zoneTypes(n)));
        return withProvenance(changes, owned);
    }

    /**
     * external-dns's verified records of the shard: desired by a source and in zone state, by type, as of each
     * name's last plan.
     */
    public VerifiedRecords verified() {
        return verified;
    }

    /** Every cluster known on the shard's partition has synced (or is retired): planning sees complete knowledge. */
    public boolean completeKnowledge() {
        return sync == null || !sync.known().isEmpty() && sync.known().stream().allMatch(sync::complete);
    }

    /** Records of the shard this owner holds (ownership TXTs in zone state, in-flight plans laid over). */
    public int ownedRecords() {
        return current.ownedRecords(planner.settings().ownerId());
    }

    private DeleteGate gate(long now, int owned) {
        if (sync == null) {
            return null;
        }
        DeleteGate.Budget b = budget == null ? null : new DeleteGate.Budget(budget, shard, owned, sync.approval(shard),
                now);
        return new DeleteGate(sync, planner.settings().multiCluster(), b, this::refusedObject);
    }

    /**
     * Record deletes a plan of this shard made at {@code at} (a plan read back at restore, whoever made it), when the
     * shard owned {@code ownedThen}: they count against the delete budget with the base they had, so a restart
     * grants neither a fresh budget nor a small-shard exemption the shard did not have.
     */
    public void deletesPlannedEarlier(long at, Changes changes, int ownedThen) {
        if (budget == null) {
            return;
        }
        int n = 0;
        for (Endpoint e : changes.delete()) {
            if (!e.recordType().equals(RecordTypes.TXT)) {
                n++;
            }
        }
        budget.spentEarlier(at, n, ownedThen);
    }

    /** When budget-held deletes may go because the window frees budget ({@link Long#MAX_VALUE}: never by itself). */
    public long budgetFreesAt() {
        return budget == null || held.count(Skipped.Reason.DELETE_HELD_BUDGET) == 0 ? Long.MAX_VALUE
                : budget.freesAt();
    }

    /** The deletes this shard holds, by name (as of each name's last plan). */
    public HeldDeletes held() {
        return held;
    }

    /** Lays a produced plan over zone state until zone state shows it. */
    public void inFlight(String planId, Changes changes, long now) {
        current.recordInFlight(planId, changes, now);
    }

    /** @return the names whose changes the applier refused */
    public Set<String> resolve(String planId, boolean wholePlanFailed, List<ChangeOutcome> outcomes, long now) {
        return current.inFlight().resolve(planId, wholePlanFailed, outcomes, now);
    }

    /** @return the names of a plan that is forgotten */
    public Set<String> forget(String planId) {
        return current.inFlight().forget(planId);
    }

    /** @return the names whose in-flight entries expired */
    public Set<String> sweep(long now, long grace, long maxAge) {
        return current.inFlight().sweep(now, grace, maxAge);
    }

    public boolean hasInFlight() {
        return !current.inFlight().isEmpty();
    }

    public DesiredIndex desired() {
        return desired;
    }

    public CurrentIndex current() {
        return current;
    }

    private ShardPlan withProvenance(Changes changes, int owned) {
        Set<String> changed = new LinkedHashSet<>();
        for (List<Endpoint> l : List.of(changes.create(), changes.updateNew(), changes.delete())) {
            for (Endpoint e : l) {
                changed.add(ChangeSet.ownedName(e));
            }
        }
        if (changed.isEmpty()) {
            return new ShardPlan(changes, List.of(), Set.of(), owned);
        }
        List<Provenance> provenance = new ArrayList<>(changed.size());
        for (String name : changed) { // each list is in name order: provenance follows the plan's order
            for (SourceState s : desired.sourcesAt(name)) {
                provenance.add(new Provenance(name, s.cluster(), s.kind(), s.namespace(), s.name(), s.resourceVersion(),
                        s.observedAt()));
            }
        }
        return new ShardPlan(changes, provenance, changed, owned);
    }
}
