package io.streamdns.applier.batch;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A provider-neutral resource record set: what one change writes or deletes. Names in normal form (lower case, no
 * trailing dot, wildcard {@code *}); values sorted, a TXT set's ownership values first (external-dns reads only the
 * first value of a TXT set, so ours leads in a set shared with SPF or verification values); an alias has no values
 * and TTL 0.
 */
public record RecordSet(String name, String type, long ttl, List<String> values, String setIdentifier,
                        AliasTarget alias, Routing routing) {
    private static final Comparator<String> OWNERSHIP_FIRST = Comparator
            .comparing((String v) -> TxtRecordFormat.parse(v).isEmpty()).thenComparing(Comparator.naturalOrder());

    public RecordSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        List<String> sorted = new ArrayList<>(values == null ? List.of() : values);
        sorted.sort(RecordTypes.TXT.equals(type) ? OWNERSHIP_FIRST : Comparator.naturalOrder());
        values = List.copyOf(sorted);
        if (setIdentifier != null && setIdentifier.isEmpty()) {
            setIdentifier = null;
        }
        routing = routing == null ? Routing.SIMPLE : routing;
    }

    public static RecordSet fromZoneRecord(ZoneRecord r) {
        return new RecordSet(r.name(), r.type(), r.alias() == null ? r.ttl() : 0, r.values(), r.setIdentifier(),
                r.alias(), Routing.fromProperties(r.providerSpecific()));
    }

    public ZoneRecord toZoneRecord(Zone zone) {
        return new ZoneRecord(zone.id(), zone.name(), name, type, ttl, values, setIdentifier, alias,
                routing.toProperties());
    }

    /** {@code name/type/setIdentifier}: unique within a zone. */
    public String key() {
        return name + "/" + type + "/" + (setIdentifier == null ? "" : setIdentifier);
    }

    public boolean isAlias() {
        return alias != null;
    }

    public boolean isTxt() {
        return type.equals(RecordTypes.TXT);
    }

    /** ResourceRecord elements Route 53 counts (an alias counts as one). */
    public int valueCount() {
        return alias != null ? 1 : values.size();
    }

    /** Characters of values Route 53 counts against its 32,000 limit. */
    public int valueChars() {
        if (alias != null) {
            return alias.dnsName().length();
        }
        int n = 0;
        for (String v : values) {
            n += v.length();
        }
        return n;
    }

    @Override
    public String toString() {
        return key() + " " + (alias != null ? "ALIAS " + alias.dnsName() + "@" + alias.hostedZoneId() : values)
                + (ttl > 0 ? " ttl=" + ttl : "") + (routing.equals(Routing.SIMPLE) ? "" : " " + routing.toProperties());
    }
}
