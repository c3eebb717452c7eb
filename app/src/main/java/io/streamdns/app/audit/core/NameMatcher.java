package io.streamdns.app.audit.core;

import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.Rejection;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.Locale;

/**
 * Decides how a record on the trail relates to the audited name: it is the name's record, the TXT record that
 * owns it (external-dns format, {@code a-<name>} or as {@code --txt-prefix/--txt-suffix} shape it), or unrelated.
 */
public final class NameMatcher {
    public enum Relation { RECORD, OWNERSHIP, NONE }

    private final String name;
    private final TxtNameMapper txt;
    private final String legacyTxtName;

    /** @param name the audited name in normal form */
    public NameMatcher(String name, TxtNameMapper txt) {
        this.name = name;
        this.txt = txt;
        this.legacyTxtName = txt.legacyTxtName(name);
    }

    public String name() {
        return name;
    }

    /** The TXT ownership name of the name's record of this type. */
    public String txtName(String recordType) {
        return txt.txtName(name, recordType);
    }

    /** An endpoint of a source or a plan; TXT ownership endpoints carry the owned name as a label. */
    public Relation endpoint(Endpoint e) {
        String owned = e.label(Labels.OWNED_RECORD);
        if (owned != null && same(owned, name)) {
            return Relation.OWNERSHIP;
        }
        if (owned != null) {
            return same(e.dnsName(), name) ? Relation.RECORD : Relation.NONE;
        }
        return named(e.dnsName(), e.recordType());
    }

    /** A record set by name and type, e.g. a Route 53 outcome or a planner's skipped entry. */
    public Relation named(String dnsName, String recordType) {
        if (same(dnsName, name)) {
            return Relation.RECORD;
        }
        if (RecordTypes.TXT.equalsIgnoreCase(recordType) && ownsName(dnsName)) {
            return Relation.OWNERSHIP;
        }
        return Relation.NONE;
    }

    public Relation outcome(ChangeOutcome o) {
        return named(o.dnsName(), o.recordType());
    }

    /** A zone-state record: a TXT record at the (legacy) ownership name counts only with an external-dns value. */
    public Relation zoneRecord(ZoneRecord r) {
        boolean txtRecord = RecordTypes.TXT.equalsIgnoreCase(r.type());
        if (txtRecord && isOwnershipValue(r) && (ownsName(r.name()) || same(r.name(), legacyTxtName))) {
            return Relation.OWNERSHIP;
        }
        return same(r.name(), name) ? Relation.RECORD : Relation.NONE;
    }

    /** A watcher's or planner's refusal naming the audited name (or its ownership record). */
    public boolean rejection(Rejection r) {
        return named(r.dnsName(), r.recordType() == null ? "" : r.recordType()) != Relation.NONE;
    }

    private boolean ownsName(String txtName) {
        String n = normal(txtName);
        return txt.ownedBy(n).map(o -> o.name().equals(name)).orElse(false)
                || (!legacyTxtName.equals(name) && n.equals(legacyTxtName));
    }

    private static boolean isOwnershipValue(ZoneRecord r) {
        return r.values().stream().anyMatch(v -> TxtRecordFormat.parse(v).isPresent());
    }

    static boolean same(String a, String b) {
        return a != null && b != null && normal(a).equals(normal(b));
    }

    static String normal(String s) {
        String n = s.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
