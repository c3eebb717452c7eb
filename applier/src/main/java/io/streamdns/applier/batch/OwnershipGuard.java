package io.streamdns.applier.batch;

import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Defence in depth before a write, with the planner's TXT registry rules ({@code OwnershipRegistry}): a change that
 * touches a set the zone holds (CREATE over it, UPSERT, DELETE), or an UPSERT of a missing one, is allowed only
 * when the set is ours. A record is ours when the first ownership TXT found for it, with the record's set
 * identifier, names our {@code --txt-owner-id}: the current name ({@code a-www…}), then {@code cname-} for an A
 * alias, then the legacy name (not for AAAA); several values naming different owners own nothing. An ownership
 * TXT is ours when its own values name us. A CREATE of a missing set and a DELETE of a missing set touch nothing
 * of anyone's and pass. So a record with exactly the wanted values but no TXT of ours is never adopted. With
 * {@code --migrate-from-txt-owner}, what that old owner id owns counts as ours (the planner rewrites its TXTs).
 * <p>
 * A TXT set holding both ownership values and values we did not create (the apex's SPF beside our marker) is changed
 * only by a compare-and-swap whose two halves differ in our ownership value alone ({@link #swapRejection}): every other
 * value, the TTL and the routing carried unchanged. That is the one narrow exception to "never touch a set that is not
 * ours": values of others are carried, never changed or dropped. At a zone apex every type is owned through the apex
 * marker (the legacy name when it lies in the zone, else the apex), AAAA included.
 */
public final class OwnershipGuard {
    private final String ownerId;
    private final TxtNameMapper names;
    private final String migrateFrom;

    public OwnershipGuard(String ownerId, TxtNameMapper names) {
        this(ownerId, names, "");
    }

    /** @param migrateFrom {@code --migrate-from-txt-owner}, empty for none */
    public OwnershipGuard(String ownerId, TxtNameMapper names, String migrateFrom) {
        this.ownerId = ownerId == null ? "" : ownerId;
        this.names = Objects.requireNonNull(names);
        this.migrateFrom = migrateFrom == null ? "" : migrateFrom;
    }

    /** Whether an owner named by an ownership TXT is us (or the owner we take over). */
    boolean isUs(String owner) {
        return owner != null && (ownerId.equals(owner) || !migrateFrom.isEmpty() && migrateFrom.equals(owner));
    }

    /** The record name an ownership TXT name stands for (current or legacy form), if it is one in shape. */
    public java.util.Optional<String> ownedName(String txtName) {
        return names.ownedBy(txtName).map(TxtNameMapper.Owned::name);
    }

    public String ownerId() {
        return ownerId;
    }

    /** Why this change must not be sent, or null when it may. */
    public String rejection(Change change, Zone zone, ZoneLookup lookup) {
        if (ownerId.isEmpty()) {
            return null;
        }
        if (change.swap()) {
            return null; // checked as a pair, by swapRejection
        }
        RecordSet set = change.recordSet();
        Optional<RecordSet> current = lookup.get(zone, set.key());
        if (current.isEmpty() && change.action() != Change.Action.UPSERT) {
            return null;
        }
        if (current.isPresent() && current.get().isTxt() && shared(current.get())) {
            return "TXT " + set.name() + " also holds values we did not create: changed only by compare-and-swap, left"
                    + " alone";
        }
        if (isOwnershipTxt(change)) {
            if (current.isEmpty()) {
                return null; // an UPSERT that writes our own ownership value where none is
            }
            String owner = owner(current.get());
            return isUs(owner) ? null : "TXT " + set.name() + " " + describe(owner);
        }
        RecordSet record = current.orElse(set); // the alias form that decides cname- is the zone's
        Optional<RecordSet> txt = ownershipTxt(record, zone, lookup);
        String owner = txt.map(OwnershipGuard::owner).orElse(null);
        if (isUs(owner)) {
            return null;
        }
        String what = set.type() + " " + set.name() + (set.setIdentifier() == null ? "" : "/" + set.setIdentifier());
        return txt.isEmpty() ? what + (current.isPresent() ? " exists" : " is missing")
                + " and has no ownership TXT: not owned by '" + ownerId + "', left alone"
                : what + " is owned through TXT " + txt.get().name() + " " + describe(owner);
    }

    /** The planner's rule: the legacy name {@code <txt-prefix><apex>} when it lies in the zone, else the apex. */
    String apexMarkerName(String apex) {
        String legacy = names.legacyTxtName(apex);
        return legacy.equals(apex) || legacy.endsWith("." + apex) ? legacy : apex;
    }

    /**
     * A TXT change grouped under another name is an ownership TXT (the planner labels it with the record it owns);
     * a TXT grouped under its own name is a record like any other (managed type TXT), owned through its own TXT.
     */
    static boolean isOwnershipTxt(Change change) {
        return change.recordSet().isTxt() && !change.group().equals(change.recordSet().name());
    }

    /** The ownership TXT that decides who owns {@code record}, in the planner's order; empty when there is none. */
    Optional<RecordSet> ownershipTxt(RecordSet record, Zone zone, ZoneLookup lookup) {
        Optional<RecordSet> txt = ownershipAt(zone, lookup, names.txtName(record.name(), record.type()), record);
        if (txt.isEmpty() && record.isAlias() && record.type().equals(RecordTypes.A)) {
            txt = ownershipAt(zone, lookup, names.txtName(record.name(), RecordTypes.CNAME), record);
        }
        if (txt.isEmpty() && record.name().equals(zone.name())) {
            txt = ownershipAt(zone, lookup, apexMarkerName(zone.name()), record); // every type, AAAA too
        } else if (txt.isEmpty() && !record.type().equals(RecordTypes.AAAA)) {
            txt = ownershipAt(zone, lookup, names.legacyTxtName(record.name()), record);
        }
        return txt;
    }

    /**
     * Why the compare-and-swap halves of a group must not be sent, or null: each DELETE needs its CREATE (same set
     * key, TTL, routing), the values that are not ownership values must be equal byte-for-byte, and every ownership
     * value on either side must name us.
     */
    public String swapRejection(java.util.List<Change> group) {
        Map<String, Change> deletes = new java.util.TreeMap<>();
        Map<String, Change> creates = new java.util.TreeMap<>();
        for (Change c : group) {
            if (c.swap()) {
                (c.action() == Change.Action.DELETE ? deletes : creates).put(c.recordSet().key(), c);
            }
        }
        java.util.Set<String> keys = new java.util.TreeSet<>(deletes.keySet());
        keys.addAll(creates.keySet());
        for (String key : keys) {
            Change d = deletes.get(key);
            Change c = creates.get(key);
            if (d == null || c == null || d.action() != Change.Action.DELETE || c.action() != Change.Action.CREATE) {
                return "TXT " + key + ": half a compare-and-swap, left alone";
            }
            RecordSet from = d.recordSet();
            RecordSet to = c.recordSet();
            if (!from.isTxt() || from.ttl() != to.ttl() || !from.routing().equals(to.routing())
                    || from.alias() != null || to.alias() != null) {
                return "TXT " + key + ": a compare-and-swap may change our ownership value only (TTL " + from.ttl()
                        + " -> " + to.ttl() + "), left alone";
            }
            if (!foreign(from).equals(foreign(to))) {
                return "TXT " + key + ": would change values we did not create (" + foreign(from) + " -> "
                        + foreign(to) + "), left alone";
            }
            for (RecordSet side : new RecordSet[] {from, to}) {
                for (String v : side.values()) {
                    Optional<Map<String, String>> labels = TxtRecordFormat.parse(v);
                    String owner = labels.map(l -> l.getOrDefault(Labels.OWNER, "")).orElse(null);
                    if (labels.isPresent() && !isUs(owner)) {
                        return "TXT " + key + " " + describe(owner);
                    }
                }
            }
        }
        return null;
    }

    /** Values of a TXT set that are not ownership values, sorted. */
    private static java.util.List<String> foreign(RecordSet txt) {
        return txt.values().stream().filter(v -> TxtRecordFormat.parse(v).isEmpty()).sorted().toList();
    }

    /** A TXT set holding ownership values and values we did not create. */
    static boolean shared(RecordSet txt) {
        boolean heritage = false;
        boolean other = false;
        for (String v : txt.values()) {
            if (TxtRecordFormat.parse(v).isPresent()) {
                heritage = true;
            } else {
                other = true;
            }
        }
        return heritage && other;
    }

    private static Optional<RecordSet> ownershipAt(Zone zone, ZoneLookup lookup, String txtName, RecordSet record) {
        String key = txtName + "/" + RecordTypes.TXT + "/" + (record.setIdentifier() == null ? "" : record.setIdentifier());
        return lookup.get(zone, key).filter(t -> owner(t) != null);
    }

    /**
     * The owner an ownership TXT names ("" when it names none), "ambiguous[...]" when its values disagree, or null
     * when it is not an ownership record (no {@code heritage=external-dns}).
     */
    static String owner(RecordSet txt) {
        String first = null;
        TreeSet<String> owners = new TreeSet<>();
        for (String v : txt.values()) {
            Optional<Map<String, String>> labels = TxtRecordFormat.parse(v);
            if (labels.isPresent()) {
                String o = labels.get().getOrDefault(Labels.OWNER, "");
                first = first == null ? o : first;
                owners.add(o);
            }
        }
        return owners.size() > 1 ? "ambiguous" + owners : first;
    }

    private String describe(String owner) {
        if (owner == null) {
            return "is not an ownership record: not owned by '" + ownerId + "', left alone";
        }
        return "names owner '" + owner + "', not '" + ownerId + "': left alone";
    }
}
