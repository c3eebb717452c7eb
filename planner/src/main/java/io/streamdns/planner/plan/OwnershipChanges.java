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

    private final MultiClusterMerger.CurrentLookup table;

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
        for (Endpoint d : deletes) {
            OwnershipRegistry.Ownership o = cur.ownershipOf(d);
            OwnershipRegistry.Txt source = o == null ? null : o.source();
            OwnershipRegistry.Form form = o == null ? null : o.form();
            if (source != null && form != OwnershipRegistry.Form.LEGACY && filter.matches(source.endpoint().dnsName())
                    && !inUse.contains(OwnershipRegistry.key(source.endpoint().dnsName(), source.endpoint().setIdentifier()))
                    && !(form == OwnershipRegistry.Form.CNAME_FOR_ALIAS && cnameStillUses(d, deletes))) {
                changes.delete.add(registry.asChange(source, d));
            }
        }
    }

    /** A cname- TXT read for an A-ALIAS also owns a CNAME at that name, if one is there and stays. */
    private boolean cnameStillUses(Endpoint alias, List<Endpoint> deletes) {
        Endpoint cname = table.current(alias.dnsName(), RecordTypes.CNAME, alias.setIdentifier());
        return cname != null && cur.formOf(cname) == OwnershipRegistry.Form.CURRENT
                && deletes.stream().noneMatch(d -> d == cname);
    }

    private void create(ChangeSet changes, Endpoint record) {
        Endpoint txt = registry.txtFor(record);
        String outside = filter.rejection(txt.dnsName());
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

    /** After an update (or when only a legacy TXT exists): the current-format TXT as the record's labels say. */
    private void ensureTxt(ChangeSet changes, Endpoint record) {
        Endpoint txt = registry.txtFor(record);
        OwnershipRegistry.Txt existing = cur.txt(txt.dnsName(), txt.setIdentifier());
        if (existing == null) {
            if (filter.matches(txt.dnsName())) {
                changes.create.add(txt);
            }
        } else if (registry.ownsTxt(existing)) {
            inUse.add(OwnershipRegistry.key(txt.dnsName(), txt.setIdentifier()));
            updateIfChanged(changes, existing, txt, record);
        }
    }

    /**
     * --migrate-from-txt-owner: the old owner's TXT a record is owned through, when it is not the current-format one
     * {@link #ensureTxt} rewrites (a legacy TXT, shared by the types at the name, or a cname- one), names us next.
     */
    private void migrateSource(ChangeSet changes, Endpoint current, Endpoint record) {
        OwnershipRegistry.Ownership o = cur.ownershipOf(current);
        if (o == null || !o.migrated() || o.form() == OwnershipRegistry.Form.CURRENT) {
            return;
        }
        Endpoint old = o.source().endpoint();
        String key = OwnershipRegistry.key(old.dnsName(), old.setIdentifier());
        if (!filter.matches(old.dnsName()) || inUse.contains(key) || !migrated.add(key)) {
            return;
        }
        Endpoint from = registry.asChange(o.source(), record);
        changes.update(from, SharedTxt.withOurValue(from, registry.migratedValue(o.source())));
    }

    private void updateIfChanged(ChangeSet changes, OwnershipRegistry.Txt existing, Endpoint txt, Endpoint record) {
        Endpoint old = existing.endpoint();
        if (filter.matches(old.dnsName()) && (old.ttl() != txt.ttl() || RecordComparison.needsUpdate(txt, old))) {
            changes.update(registry.asChange(existing, record), txt);
        }
    }
}
