package io.streamdns.applier.batch;

import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DomainFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * ChangePlan → provider changes per zone, checked and batched. Pure: zones and current records come in as values.
 * <ol>
 *   <li>each plan change becomes CREATE, DELETE, UPSERT, or DELETE old + CREATE new when the update changes type,
 *       set identifier, A↔ALIAS or routing kind (Route 53 cannot UPSERT across those);</li>
 *   <li>each name goes to external-dns's suitable zones (every private zone holding it, plus the public zone of the
 *       longest name), or only to the one of them {@code aws/hosted-zone-id} pins its group to;</li>
 *   <li>a group (owned name: the record and its ownership TXT) is skipped whole when any of its changes is outside
 *       the domain filter (old and new side of an update), unmappable or touches a set that is not ours;</li>
 *   <li>only then, changes already true of the zone (create/upsert of an identical set, delete of a missing one) are
 *       ALREADY_DONE, so a plan replayed after a crash is harmless; a delete sends the set as the zone holds it;</li>
 *   <li>the rest is packed into batches; a group too large for one batch is reported, not dropped.</li>
 * </ol>
 * A TXT update labelled {@link Labels#TXT_SWAP} (a set holding values we did not create, e.g. the apex's SPF) becomes a
 * compare-and-swap: DELETE of the set exactly as planned + CREATE, in one batch; the guard checks that only our
 * ownership value differs between the two ({@link OwnershipGuard#swapRejection}).
 */
public final class PlanCompiler {
    private final ZoneIndex zones;
    private final DomainFilter domainFilter;
    private final OwnershipGuard guard;
    private final EndpointMapper mapper;
    private final Limits limits;

    public PlanCompiler(ZoneIndex zones, DomainFilter domainFilter, OwnershipGuard guard, EndpointMapper mapper,
                        Limits limits) {
        this.zones = zones;
        this.domainFilter = domainFilter;
        this.guard = guard;
        this.mapper = mapper;
        this.limits = limits;
    }

    /** A plan change before zone mapping: the endpoints it touches and how. */
    private record Planned(Change.Origin origin, String group, Endpoint old, Endpoint neu) {
        Endpoint endpoint() {
            return neu != null ? neu : old;
        }
    }

    /** A plan change with the zones it goes to, or the reason its whole group is skipped. */
    private record Routed(Planned planned, List<Zone> zones, String groupRejection) {
    }

    /** One zone's changes by group (in name order, so batches are deterministic) and the groups skipped in it. */
    private record ZoneChanges(Map<String, List<Change>> groups, Map<String, String> skipped) {
        ZoneChanges() {
            this(new TreeMap<>(), new LinkedHashMap<>());
        }
    }

    /** The steps of the class comment, in order; {@code decided} collects every change that is not sent. */
    public CompiledPlan compile(ChangePlan plan, ZoneLookup lookup) {
        List<Decision> decided = new ArrayList<>();
        Map<Zone, ZoneChanges> byZone = toZoneChanges(route(expand(plan)), decided);
        List<CompiledPlan.ZoneBatches> out = new ArrayList<>();
        List<CompiledPlan.ZoneChanges> stale = new ArrayList<>();
        byZone.forEach((zone, changes) -> {
            List<Change> held = new ArrayList<>();
            pack(zone, settle(zone, changes, lookup, decided, held), decided).ifPresent(out::add);
            if (!held.isEmpty()) {
                stale.add(new CompiledPlan.ZoneChanges(zone, held));
            }
        });
        return new CompiledPlan(out, decided, stale);
    }

    /** Step 1 input: every plan change as an old/new pair, with the group (owned name) it belongs to. */
    private static List<Planned> expand(ChangePlan plan) {
        List<Planned> planned = new ArrayList<>();
        plan.create().forEach(e -> planned.add(new Planned(origin(ChangeOutcome.Action.CREATE, e), groupOf(e), null, e)));
        for (int i = 0; i < plan.updateNew().size(); i++) {
            Endpoint neu = plan.updateNew().get(i);
            planned.add(new Planned(origin(ChangeOutcome.Action.UPDATE, neu), groupOf(neu), plan.updateOld().get(i), neu));
        }
        plan.delete().forEach(e -> planned.add(new Planned(origin(ChangeOutcome.Action.DELETE, e), groupOf(e), e, null)));
        return planned;
    }

    /** Steps 2 and 3: the zones of each change; a group with any member outside the filter or zoneless is skipped. */
    private List<Routed> route(List<Planned> planned) {
        Map<String, String> pins = pins(planned);
        Map<String, String> groupRejections = new TreeMap<>();
        List<List<Zone>> zonesOf = new ArrayList<>();
        Map<String, String> recordOfGroup = new TreeMap<>();
        for (Planned p : planned) {
            if (!p.endpoint().recordType().equals(io.streamdns.model.RecordTypes.TXT)) {
                recordOfGroup.putIfAbsent(p.group, p.endpoint().dnsName());
            }
        }
        for (Planned p : planned) {
            String name = p.endpoint().dnsName();
            // with --regex-domain-filter an ownership TXT goes with its record (its a- name rarely matches)
            String judged = domainFilter.regex().isSet() && p.endpoint().recordType().equals(
                    io.streamdns.model.RecordTypes.TXT) ? recordOfGroup.getOrDefault(p.group,
                    guard.ownedName(name).orElse(name)) : name;
            String reason = domainFilter.rejection(judged);
            if (reason == null && p.old != null && p.neu != null) {
                reason = domainFilter.rejection(p.old.dnsName()); // an update must not move a name out of the filter
            }
            List<Zone> zones = List.of();
            if (reason == null) {
                String pin = pins.get(p.group);
                zones = targets(name, pin);
                if (zones.isEmpty()) {
                    reason = pin != null ? "pinned zone " + pin + " is not among the managed zones suitable for " + name
                            + " (every private zone holding it and the public zone of the longest name)"
                            : "no managed zone holds " + name;
                }
            }
            if (reason != null) {
                groupRejections.putIfAbsent(p.group, reason);
            }
            zonesOf.add(zones);
        }
        List<Routed> routed = new ArrayList<>(planned.size());
        for (int i = 0; i < planned.size(); i++) {
            routed.add(new Routed(planned.get(i), zonesOf.get(i), groupRejections.get(planned.get(i).group)));
        }
        return routed;
    }

    /** Step 1: provider changes per zone and group; a change that cannot be mapped skips its group in that zone. */
    private Map<Zone, ZoneChanges> toZoneChanges(List<Routed> routed, List<Decision> decided) {
        Map<Zone, ZoneChanges> byZone = new TreeMap<>(Comparator.comparing(Zone::name)
                .thenComparing(Zone::id));
        for (Routed r : routed) {
            Planned p = r.planned();
            if (r.groupRejection() != null) {
                decided.add(new Decision(p.origin, null, ChangeOutcome.Status.SKIPPED, r.groupRejection()));
                continue;
            }
            for (Zone zone : r.zones()) {
                ZoneChanges inZone = byZone.computeIfAbsent(zone, z -> new ZoneChanges());
                List<Change> list = inZone.groups().computeIfAbsent(p.group, g -> new ArrayList<>());
                try {
                    list.addAll(changes(p, zone));
                } catch (IllegalArgumentException ex) {
                    inZone.skipped().putIfAbsent(p.group, p.endpoint().recordKey() + ": " + ex.getMessage());
                    decided.add(new Decision(p.origin, zone.id(), ChangeOutcome.Status.SKIPPED, ex.getMessage()));
                }
            }
        }
        return byZone;
    }

    /** Steps 3 and 4: ownership first (an equal set may be someone's), then what is already true; the rest is sent. */
    private List<Change> settle(Zone zone, ZoneChanges inZone, ZoneLookup lookup, List<Decision> decided,
                                List<Change> stale) {
        List<Change> send = new ArrayList<>();
        inZone.groups().forEach((group, asPlanned) -> {
            List<Change> changes = asPlanned.stream().map(c -> asTheZoneHoldsIt(c, zone, lookup)).toList();
            String reason = inZone.skipped().get(group);
            if (reason == null) {
                reason = notOwned(changes, zone, lookup);
            }
            if (reason != null) {
                String why = reason;
                changes.forEach(c -> decided.add(Decision.of(c, zone, ChangeOutcome.Status.SKIPPED, why)));
                return;
            }
            boolean overExisting = changes.stream().anyMatch(c -> createsOverExisting(c, changes, zone, lookup));
            for (Change c : changes) {
                if (c.swap() ? swapDone(changes, zone, lookup) : isAlreadyDone(c, zone, lookup)) {
                    decided.add(Decision.of(c, zone, ChangeOutcome.Status.ALREADY_DONE, null));
                } else if (overExisting) {
                    stale.add(c); // Route 53 would refuse it: re-read, not sent (e.g. planned before zone state)
                } else {
                    send.add(c);
                }
            }
        });
        return send;
    }

    /**
     * A delete names the set as the zone holds it: Route 53 wants its exact values and TTL. Not the DELETE of a
     * compare-and-swap: it must name the set the new side was computed from, so that a change made meanwhile fails it.
     */
    private static Change asTheZoneHoldsIt(Change c, Zone zone, ZoneLookup lookup) {
        if (c.action() != Change.Action.DELETE || c.swap()) {
            return c;
        }
        return lookup.get(zone, c.recordSet().key())
                .map(cur -> new Change(Change.Action.DELETE, cur, c.group(), c.origin())).orElse(c);
    }

    /** Step 5: batches within Route 53's limits; a group too large for one batch is reported, not dropped. */
    private Optional<CompiledPlan.ZoneBatches> pack(Zone zone, List<Change> send, List<Decision> decided) {
        Batcher.Result packed = Batcher.batch(send, limits);
        for (Batch.Group g : packed.oversized()) {
            String why = "group " + g.key() + " exceeds the batch limits alone (" + g.weight() + " changes, "
                    + g.chars() + " characters, " + g.values() + " values; UPSERT counts twice; limits "
                    + limits.maxChanges() + "/" + limits.maxChars() + "/" + limits.maxValues() + ")";
            g.changes().forEach(c -> decided.add(Decision.of(c, zone, ChangeOutcome.Status.SKIPPED, why)));
        }
        return packed.batches().isEmpty() ? Optional.empty()
                : Optional.of(new CompiledPlan.ZoneBatches(zone, packed.batches()));
    }

    /**
     * Why a group must not be sent because something it touches is not ours (the first reason), or null. Also
     * asked after a refused batch, once the names are re-read.
     */
    public String notOwned(List<Change> group, Zone zone, ZoneLookup lookup) {
        String swap = guard.swapRejection(group);
        if (swap != null) {
            return swap;
        }
        for (Change c : group) {
            String reason = guard.rejection(c, zone, lookup);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    private List<Zone> targets(String name, String pin) {
        return pin != null ? zones.pinnedZonesFor(name, pin) : zones.zonesFor(name);
    }

    /** The zones a plan's names map to (to load them before compiling against their contents). */
    public Set<Zone> zonesTouched(ChangePlan plan) {
        List<Planned> planned = expand(plan);
        Map<String, String> pins = pins(planned);
        Set<Zone> out = new LinkedHashSet<>();
        for (Planned p : planned) {
            out.addAll(targets(p.endpoint().dnsName(), pins.get(p.group)));
        }
        return out;
    }

    private List<Change> changes(Planned p, Zone zone) {
        if (p.old == null) {
            return List.of(new Change(Change.Action.CREATE, mapper.toRecordSet(p.neu, zone), p.group, p.origin));
        }
        if (p.neu == null) {
            return List.of(new Change(Change.Action.DELETE, mapper.toRecordSet(p.old, zone), p.group, p.origin));
        }
        RecordSet old = mapper.toRecordSet(p.old, zone);
        RecordSet neu = mapper.toRecordSet(p.neu, zone);
        if (neu.isTxt() && "true".equals(p.neu.label(Labels.TXT_SWAP))) {
            return List.of(new Change(Change.Action.DELETE, old, p.group, p.origin, true),
                    new Change(Change.Action.CREATE, neu, p.group, p.origin, true));
        }
        if (requiresDeleteCreate(old, neu)) {
            return List.of(new Change(Change.Action.DELETE, old, p.group, p.origin),
                    new Change(Change.Action.CREATE, neu, p.group, p.origin));
        }
        return List.of(new Change(Change.Action.UPSERT, neu, p.group, p.origin));
    }

    /** Route 53 cannot UPSERT across type, set identifier, A↔ALIAS or routing kind: external-dns's rule. */
    public static boolean requiresDeleteCreate(RecordSet old, RecordSet neu) {
        return !old.type().equals(neu.type())
                || !Objects.equals(old.setIdentifier(), neu.setIdentifier())
                || old.isAlias() != neu.isAlias()
                || !old.routing().kind().equals(neu.routing().kind());
    }

    /**
     * A CREATE of a set the zone holds with other content, not deleted first in its group: Route 53 would refuse it,
     * so its group is not sent but re-read (the plan was made before zone state showed the set, as on a first start
     * beside external-dns's records). Never a compare-and-swap's CREATE, whose set is there by design.
     */
    private static boolean createsOverExisting(Change c, List<Change> group, Zone zone, ZoneLookup lookup) {
        if (c.action() != Change.Action.CREATE || c.swap()) {
            return false;
        }
        String key = c.recordSet().key();
        boolean deletedFirst = group.stream().anyMatch(d -> d.action() == Change.Action.DELETE
                && d.recordSet().key().equals(key));
        return !deletedFirst && lookup.get(zone, key).filter(cur -> !cur.equals(c.recordSet())).isPresent();
    }

    /** A compare-and-swap is done (both halves) when the zone holds what its CREATEs write. */
    private static boolean swapDone(List<Change> group, Zone zone, ZoneLookup lookup) {
        return group.stream().filter(c -> c.swap() && c.action() == Change.Action.CREATE)
                .allMatch(c -> isAlreadyDone(c, zone, lookup));
    }

    private static boolean isAlreadyDone(Change c, Zone zone, ZoneLookup lookup) {
        Optional<RecordSet> current = lookup.get(zone, c.recordSet().key());
        return switch (c.action()) {
            case CREATE, UPSERT -> current.isPresent() && current.get().equals(c.recordSet());
            case DELETE -> current.isEmpty();
        };
    }

    /** The owned name: a TXT ownership record groups with the record it owns. */
    public static String groupOf(Endpoint e) {
        String owned = e.recordType().equals(RecordTypes.TXT) ? e.label(Labels.OWNED_RECORD) : null;
        return owned == null || owned.isBlank() ? e.dnsName() : owned;
    }

    private static Change.Origin origin(ChangeOutcome.Action action, Endpoint e) {
        return new Change.Origin(action, e.dnsName(), e.recordType(), e.setIdentifier());
    }

    /** A pin on any member pins its whole group (planners may not copy it onto the TXT). */
    private static Map<String, String> pins(List<Planned> planned) {
        Map<String, String> pins = new TreeMap<>();
        for (Planned p : planned) {
            for (Endpoint e : new Endpoint[] {p.neu, p.old}) {
                String pin = e == null ? null : e.property(ProviderProperties.AWS_HOSTED_ZONE_ID);
                if (pin != null && !pin.isBlank()) {
                    pins.putIfAbsent(p.group, ZoneSelection.bareId(pin));
                }
            }
        }
        return pins;
    }
}
