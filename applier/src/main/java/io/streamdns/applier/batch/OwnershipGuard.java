package io.streamdns.applier.batch;

import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Defence in depth before a write: an update or delete of a record is allowed only when the zone holds an
 * external-dns ownership TXT (heritage=external-dns) naming our {@code --txt-owner-id} for it, under the current TXT
 * name ({@code a-www…}) or the legacy one (and {@code cname-} for an A alias, as external-dns still honours). An
 * update or delete of a TXT is allowed only when that TXT is ours. Creates need no check: Route 53 refuses a CREATE
 * of a set that exists, so nothing someone else made is overwritten.
 */
public final class OwnershipGuard {
    private final String ownerId;
    private final TxtNameMapper names;

    public OwnershipGuard(String ownerId, TxtNameMapper names) {
        this.ownerId = ownerId == null ? "" : ownerId;
        this.names = Objects.requireNonNull(names);
    }

    public String ownerId() {
        return ownerId;
    }

    /** Why this change must not be sent, or null when it may. */
    public String rejection(Change change, Zone zone, ZoneLookup lookup) {
        if (ownerId.isEmpty() || change.action() == Change.Action.CREATE) {
            return null;
        }
        RecordSet set = change.recordSet();
        if (set.isTxt()) {
            Optional<RecordSet> current = lookup.get(zone, set.key());
            if (current.isEmpty() || ownedBy(current.get())) {
                return null;
            }
            return "TXT " + set.name() + " is not owned by '" + ownerId + "'";
        }
        for (String txtName : ownershipNames(set)) {
            List<RecordSet> txts = lookup.at(zone, txtName).stream().filter(RecordSet::isTxt).toList();
            List<RecordSet> sameSet = txts.stream()
                    .filter(t -> Objects.equals(t.setIdentifier(), set.setIdentifier())).toList();
            for (RecordSet t : sameSet.isEmpty() ? txts : sameSet) {
                if (ownedBy(t)) {
                    return null;
                }
            }
        }
        return set.type() + " " + set.name() + " has no ownership TXT naming owner '" + ownerId + "'";
    }

    /** TXT names that may own the record, current form first. */
    public List<String> ownershipNames(RecordSet set) {
        Set<String> out = new LinkedHashSet<>();
        out.add(names.txtName(set.name(), set.type()));
        if (set.isAlias()) {
            out.add(names.txtName(set.name(), RecordTypes.CNAME));
        }
        out.add(names.legacyTxtName(set.name()));
        return new ArrayList<>(out);
    }

    private boolean ownedBy(RecordSet txt) {
        for (String v : txt.values()) {
            Optional<Map<String, String>> labels = TxtRecordFormat.parse(v);
            if (labels.isPresent() && ownerId.equals(labels.get().get(Labels.OWNER))) {
                return true;
            }
        }
        return false;
    }
}
