package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.dns.DomainFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The TXT registry's {@code ApplyChanges} half: stamps our owner on creates and adds the ownership TXT changes
 * beside the record changes. Unlike external-dns, which upserts TXT records blindly, it uses the TXT records it
 * sees: an ownership TXT is created when missing, updated only when its value (or TTL, routing properties)
 * changes, deleted as it is in the zone; a create whose TXT name is held by another owner or by a TXT record that
 * is not an ownership record is skipped rather than sent to fail.
 */
final class OwnershipChanges {
    private final OwnershipRegistry registry;
    private final DomainFilter filter;
    private final OwnershipRegistry.Current cur;

    OwnershipChanges(OwnershipRegistry registry, DomainFilter filter, OwnershipRegistry.Current cur) {
        this.registry = registry;
        this.filter = filter;
        this.cur = cur;
    }

    void apply(ChangeSet changes, List<Endpoint[]> forceTxt) {
        List<Endpoint> updated = new ArrayList<>(changes.updateNew); // record updates only, before TXT ones join
        List<Endpoint> creates = new ArrayList<>(changes.create);
        changes.create.clear();
        for (Endpoint c : creates) {
            create(changes, c.withLabel(Labels.OWNER, registry.ownerId()));
        }
        for (Endpoint u : updated) {
            ensureTxt(changes, u);
        }
        List<Endpoint> deletes = new ArrayList<>(changes.delete);
        for (Endpoint d : deletes) {
            OwnershipRegistry.Txt source = cur.ownershipSource.get(d.recordKey());
            if (source != null && cur.form.get(d.recordKey()) != OwnershipRegistry.Form.LEGACY) {
                changes.delete.add(registry.asChange(source, d));
            }
        }
        for (Endpoint[] pair : forceTxt) {
            ensureTxt(changes, pair[1]);
        }
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
        } else if (!registry.ownerId().equals(existing.owner())) {
            changes.skip(record, Skipped.Reason.OWNED_BY_OTHER, "ownership TXT " + txt.dnsName()
                    + " names owner " + existing.owner());
        } else {
            changes.create.add(record); // our TXT outlived its record: reuse it
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
        } else if (existing.ownership() && registry.ownerId().equals(existing.owner())) {
            updateIfChanged(changes, existing, txt, record);
        }
    }

    private void updateIfChanged(ChangeSet changes, OwnershipRegistry.Txt existing, Endpoint txt, Endpoint record) {
        Endpoint old = existing.endpoint();
        if (old.ttl() != txt.ttl() || RecordComparison.needsUpdate(txt, old)) {
            changes.update(registry.asChange(existing, record), txt);
        }
    }
}
