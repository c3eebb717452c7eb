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

    public String ownerId() {
        return ownerId;
    }

    /** Why this change must not be sent, or null when it may. */
    public String rejection(Change change, Zone zone, ZoneLookup lookup) {
        if (ownerId.isEmpty()) {
            return null;
        }
        RecordSet set = change.recordSet();
        Optional<RecordSet> current = lookup.get(zone, set.key());
        if (current.isEmpty() && change.action() != Change.Action.UPSERT) {
            return null;
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
        if (txt.isEmpty() && !record.type().equals(RecordTypes.AAAA)) {
            txt = ownershipAt(zone, lookup, names.legacyTxtName(record.name()), record);
        }
        return txt;
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
