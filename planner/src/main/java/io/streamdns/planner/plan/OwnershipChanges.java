package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DomainFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TXT registry's {@code ApplyChanges} half: stamps our owner on creates and adds the ownership TXT changes
 * beside the record changes. Unlike external-dns, which upserts TXT records blindly, it uses the TXT records it
 * sees: an ownership TXT is created when missing, updated only when its value (or TTL, routing properties)
 * changes, deleted as it is in the zone; a create whose TXT name is held by another owner or by a TXT record that
 * is not an ownership record is skipped rather than sent to fail. A TXT name outside the domain filter is never
 * written (an apex {@code example.com} has its TXT at {@code a-example.com}): such a create is skipped, and a TXT
 * left there when its record goes is left alone. With {@code --migrate-from-txt-owner}, every TXT of the old owner a
 * planned record is owned through is rewritten to our owner (its other labels unchanged), the record itself only
 * when it needs an update anyway.
 */
final class OwnershipChanges {
    private final OwnershipRegistry registry;
    private final DomainFilter filter;
    private final OwnershipRegistry.Current cur;
    /** TXT records (name + set id) a create or update of this plan keeps: never deleted by the same plan. */
    private final Set<String> inUse = new HashSet<>();
    /** Old-owner TXT records (name + set id) this plan already rewrites. */
    private final Set<String> migrated = new HashSet<>();
    /** TXT records (name + set id) this plan already deletes or rewrites without our value. */
    private final Set<String> released = new HashSet<>();

    private final MultiClusterMerger.CurrentLookup table;
    private static final java.util.Comparator<Endpoint> BY_KEY = java.util.Comparator.comparing(Endpoint::recordKey);

    OwnershipChanges(OwnershipRegistry registry, DomainFilter filter, OwnershipRegistry.Current cur,
                     MultiClusterMerger.CurrentLookup table) {
        this.registry = registry;
        this.filter = filter;
        this.cur = cur;
        this.table = table;
    }

    void apply(ChangeSet changes, List<Endpoint[]> forceTxt) {
        List<Endpoint> updatedOld = new ArrayList<>(changes.updateOld); // record updates only, before TXT ones join
        List<Endpoint> updated = new ArrayList<>(changes.updateNew);
        List<Endpoint> creates = new ArrayList<>(changes.create);
        creates.sort(BY_KEY); // records sharing a TXT (the apex marker) label it the same whatever the input order
        changes.create.clear();
        for (Endpoint c : creates) {
            create(changes, c.withLabel(Labels.OWNER, registry.ownerId()));
        }
        for (int i = 0; i < updated.size(); i++) {
            ensureTxt(changes, updated.get(i));
            migrateSource(changes, updatedOld.get(i), updated.get(i));
        }
        for (Endpoint[] pair : forceTxt) {
            ensureTxt(changes, pair[1]);
            migrateSource(changes, pair[0], pair[1]);
        }
        List<Endpoint> deletes = new ArrayList<>(changes.delete);
        deletes.sort(BY_KEY);
        for (Endpoint d : deletes) {
            OwnershipRegistry.Ownership o = cur.ownershipOf(d);
            OwnershipRegistry.Txt source = o == null ? null : o.source();
            OwnershipRegistry.Form form = o == null ? null : o.form();
            if (source != null && form != OwnershipRegistry.Form.LEGACY && txtInside(source.endpoint().dnsName())
                    && !inUse.contains(OwnershipRegistry.key(source.endpoint().dnsName(), source.endpoint().setIdentifier()))
                    && !(form == OwnershipRegistry.Form.CNAME_FOR_ALIAS && cnameStillUses(d, deletes))
                    && !(form == OwnershipRegistry.Form.APEX && apexStillUses(d, source, deletes))) {
                release(changes, source, d);
            }
        }
    }

    /**
     * Why an ownership TXT may not be written, or null: its own name against the filter, but with
     * {@code --regex-domain-filter} the name it owns (external-dns writes the TXT beside every record it manages,
     * and an {@code a-} prefix rarely matches an anchored expression).
     */
    private String txtRejection(String txtName) {
        if (filter.regex().isSet()) {
            java.util.Optional<String> owned = registry.ownedName(txtName);
            if (owned.isPresent()) {
                return filter.rejection(owned.get());
            }
        }
        return filter.rejection(txtName);
    }

    private boolean txtInside(String txtName) {
        return txtRejection(txtName) == null;
    }

    /**
     * Our ownership value goes with its record: the TXT set is deleted, or, when it also holds values we did not
     * create, rewritten without ours by compare-and-swap (once per set: an apex A and AAAA share their marker).
     */
    private void release(ChangeSet changes, OwnershipRegistry.Txt source, Endpoint owned) {
        Endpoint txt = registry.asChange(source, owned);
        if (!released.add(OwnershipRegistry.key(txt.dnsName(), txt.setIdentifier()))) {
            return;
        }
        if (SharedTxt.holdsForeign(txt)) {
            changes.update(txt, SharedTxt.withoutOurValue(txt));
        } else {
            changes.delete.add(txt);
        }
    }

    /** The apex marker also owns the other types at the apex: kept while one of ours stays there. */
    private boolean apexStillUses(Endpoint deleted, OwnershipRegistry.Txt marker, List<Endpoint> deletes) {
        for (String type : RecordTypes.WRITABLE) {
            Endpoint other = table.current(deleted.dnsName(), type, deleted.setIdentifier());
            if (other != null && other != deleted && deletes.stream().noneMatch(d -> d == other)) {
                OwnershipRegistry.Ownership o = cur.ownershipOf(other);
                if (o != null && o.source() == marker) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A cname- TXT read for an A-ALIAS also owns a CNAME at that name, if one is there and stays. */
    private boolean cnameStillUses(Endpoint alias, List<Endpoint> deletes) {
        Endpoint cname = table.current(alias.dnsName(), RecordTypes.CNAME, alias.setIdentifier());
        return cname != null && cur.formOf(cname) == OwnershipRegistry.Form.CURRENT
                && deletes.stream().noneMatch(d -> d == cname);
    }

    private void create(ChangeSet changes, Endpoint record) {
        if (cur.isApex(record.dnsName()) && !registry.currentTxtInZone(record)) {
            createAtApex(changes, record);
            return;
        }
        Endpoint txt = registry.txtFor(record);
        String outside = txtRejection(txt.dnsName());
        if (outside != null) {
            changes.skip(record, Skipped.Reason.TXT_OUTSIDE_DOMAIN, "ownership TXT " + txt.dnsName() + ": " + outside);
            return;
        }
        OwnershipRegistry.Txt existing = cur.txt(txt.dnsName(), txt.setIdentifier());
        if (existing == null) {
            changes.create.add(record);
            changes.create.add(txt);
        } else if (!existing.ownership()) {
            changes.skip(record, Skipped.Reason.TXT_NAME_TAKEN, "TXT " + txt.dnsName() + " exists and is not an"
                    + " ownership record: " + existing.endpoint().targets());
        } else if (!registry.ownsTxt(existing)) {
            changes.skip(record, Skipped.Reason.OWNED_BY_OTHER, "ownership TXT " + txt.dnsName()
                    + " names owner " + existing.owner());
        } else {
            changes.create.add(record); // our TXT outlived its record (or its record changes type): reuse it
            inUse.add(OwnershipRegistry.key(txt.dnsName(), txt.setIdentifier()));
            updateIfChanged(changes, existing, txt, record);
        }
    }

    /**
     * A record at a zone apex whose current-format TXT would fall outside the zone: owned by the apex marker. No TXT
     * set there: one holding only our value is created. A set of values we did not create (SPF, verification): our
     * value is added by compare-and-swap, theirs carried unchanged. A set naming another owner: skipped.
     */
    private void createAtApex(ChangeSet changes, Endpoint record) {
        Endpoint marker = registry.markerFor(record);
        String outside = txtRejection(marker.dnsName());
        if (outside != null) {
            changes.skip(record, Skipped.Reason.TXT_OUTSIDE_DOMAIN, "apex marker TXT " + marker.dnsName() + ": " + outside);
            return;
        }
        String key = OwnershipRegistry.key(marker.dnsName(), marker.setIdentifier());
        OwnershipRegistry.Txt existing = cur.txt(marker.dnsName(), marker.setIdentifier());
        if (existing != null && existing.ownership() && !registry.ownsTxt(existing)) {
            changes.skip(record, Skipped.Reason.OWNED_BY_OTHER, "apex TXT " + marker.dnsName() + " names owner "
                    + existing.owner());
            return;
        }
        changes.create.add(record);
        if (!inUse.add(key)) {
            return; // another record at the apex writes or reuses the marker in this plan
        }
        if (existing == null) {
            changes.create.add(marker);
        } else if (!existing.ownership()) {
            Endpoint from = registry.asChange(existing, record);
            changes.update(from, SharedTxt.withOurValue(from, marker.targets().get(0)));
        } else if (registry.isMigrating(existing.owner()) && migrated.add(key)) {
            Endpoint from = registry.asChange(existing, record);
            changes.update(from, SharedTxt.withOurValue(from, registry.migratedValue(existing)));
        }
    }

    /** After an update (or when only a legacy TXT exists): the current-format TXT as the record's labels say. */
    private void ensureTxt(ChangeSet changes, Endpoint record) {
        if (cur.isApex(record.dnsName()) && !registry.currentTxtInZone(record)) {
            // owned by the apex marker: kept as it is (a migration rewrites it, in migrateSource)
            OwnershipRegistry.Txt marker = cur.txt(registry.apexMarkerName(record.dnsName()), record.setIdentifier());
            if (registry.ownsTxt(marker)) {
                inUse.add(OwnershipRegistry.key(marker.endpoint().dnsName(), marker.endpoint().setIdentifier()));
            }
            return;
        }
        Endpoint txt = registry.txtFor(record);
        OwnershipRegistry.Txt existing = cur.txt(txt.dnsName(), txt.setIdentifier());
        if (existing == null) {
            if (txtInside(txt.dnsName())) {
                changes.create.add(txt);
            }
        } else if (registry.ownsTxt(existing)) {
            inUse.add(OwnershipRegistry.key(txt.dnsName(), txt.setIdentifier()));
            updateIfChanged(changes, existing, txt, record);
        }
    }

    /**
     * --migrate-from-txt-owner: every other TXT of the old owner the record is known by (a legacy TXT, shared by the
     * types at the name, a cname- one for an A-ALIAS, the apex marker) names us next; the current-format one is
     * {@link #ensureTxt}'s.
     */
    private void migrateSource(ChangeSet changes, Endpoint current, Endpoint record) {
        OwnershipRegistry.Ownership o = cur.ownershipOf(current);
        if (o == null || !o.migrated()) {
            return;
        }
        String name = current.dnsName();
        List<String> txtNames = new ArrayList<>(List.of(registry.legacyTxtName(name)));
        if (o.form() == OwnershipRegistry.Form.CNAME_FOR_ALIAS) {
            txtNames.add(o.source().endpoint().dnsName());
        }
        if (cur.isApex(name)) {
            txtNames.add(registry.apexMarkerName(name));
        }
        for (String txtName : txtNames) {
            OwnershipRegistry.Txt txt = cur.txt(txtName, current.setIdentifier());
            if (txt == null || !registry.isMigrating(txt.owner()) || txtName.equals(registry.txtName(current))
                    || !txtInside(txtName)
                    || !migrated.add(OwnershipRegistry.key(txtName, current.setIdentifier()))) {
                continue;
            }
            Endpoint from = registry.asChange(txt, record);
            changes.update(from, SharedTxt.withOurValue(from, registry.migratedValue(txt)));
        }
    }

    private void updateIfChanged(ChangeSet changes, OwnershipRegistry.Txt existing, Endpoint txt, Endpoint record) {
        Endpoint old = existing.endpoint();
        if (SharedTxt.holdsForeign(old)) {
            // values we did not create share the set: only our value changes, by compare-and-swap, TTL kept
            Endpoint from = registry.asChange(existing, record);
            Endpoint to = SharedTxt.withOurValue(from, txt.targets().get(0));
            if (txtInside(old.dnsName()) && RecordComparison.needsUpdate(to, old)) {
                changes.update(from, to);
            }
        } else if (txtInside(old.dnsName()) && (old.ttl() != txt.ttl() || RecordComparison.needsUpdate(txt, old))) {
            changes.update(registry.asChange(existing, record), txt);
        }
    }
}
