package io.streamdns.applier.batch;

import io.streamdns.model.dns.DnsNames;
import io.streamdns.model.dns.DomainFilter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which discovered zones the applier manages, as external-dns's AWS provider picks them: {@code --aws-zone-type},
 * {@code --zone-id-filter}, then the domain filter on the zone's name (a zone under an included domain, or equal to
 * one). A zone that only holds an included domain (zone {@code example.com} for {@code --domain-filter=app.example.com})
 * is managed only with {@code --aws-zone-match-parent}, as there; per-name checks before every write keep changes
 * inside the filter either way.
 */
public record ZoneSelection(String zoneType, Set<String> zoneIds, DomainFilter domainFilter, List<String> zoneTags,
                            boolean matchParent) {
    public ZoneSelection(String zoneType, Set<String> zoneIds, DomainFilter domainFilter) {
        this(zoneType, zoneIds, domainFilter, List.of(), false);
    }

    public ZoneSelection {
        zoneTags = zoneTags == null ? List.of() : List.copyOf(zoneTags);
        zoneType = zoneType == null ? "" : zoneType.toLowerCase(Locale.ROOT);
        if (!zoneType.isEmpty() && !zoneType.equals("public") && !zoneType.equals("private")) {
            throw new IllegalArgumentException("zone type must be public, private or empty: " + zoneType);
        }
        zoneIds = zoneIds == null ? Set.of() : Set.copyOf(zoneIds.stream().map(ZoneSelection::bareId).toList());
        domainFilter = domainFilter == null ? DomainFilter.ALL : domainFilter;
    }

    /** Strips {@code /hostedzone/} so ids compare however the user wrote them. */
    public static String bareId(String id) {
        String s = id.strip();
        int slash = s.lastIndexOf('/');
        return slash >= 0 ? s.substring(slash + 1) : s;
    }

    /** Why a zone is not managed, or null when it is. */
    public String rejection(Zone zone) {
        if (zoneType.equals("public") && zone.privateZone()) {
            return "private zone, --aws-zone-type=public";
        }
        if (zoneType.equals("private") && !zone.privateZone()) {
            return "public zone, --aws-zone-type=private";
        }
        if (!zoneIds.isEmpty() && !zoneIds.contains(zone.id())) {
            return "not in --zone-id-filter";
        }
        if (domainFilter.regex().isSet()) {
            // external-dns's provider matches the zone's own name against the regular expressions
            String r = domainFilter.rejection(zone.name());
            return r == null ? null : "zone " + r;
        }
        String outside = domainFilter.rejection(zone.name());
        if (outside == null) {
            return null;
        }
        if (!holdsAnInclude(zone)) {
            return outside;
        }
        return matchParent ? null : outside + "; it holds a filtered domain: --aws-zone-match-parent manages it";
    }

    /**
     * external-dns's {@code DomainFilter.MatchParent}: the zone is not excluded and an included domain lies strictly
     * under it.
     */
    private boolean holdsAnInclude(Zone zone) {
        if (domainFilter.excludes().stream().anyMatch(e -> DnsNames.isUnder(zone.name(), e))) {
            return false;
        }
        return domainFilter.includes().stream().anyMatch(i -> !i.equals(zone.name()) && DnsNames.isUnder(i, zone.name()));
    }

    /** Whether {@code --aws-zone-tags} asks for the zones' tags (one more call per 10 zones). */
    public boolean needsTags() {
        return !zoneTags.isEmpty();
    }

    /**
     * external-dns's {@code --aws-zone-tags}: every filter must match, {@code key=value} by value, {@code key} by
     * presence. Null when the tags match, else why not.
     */
    public String tagRejection(java.util.Map<String, String> tags) {
        for (String f : zoneTags) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            String value = eq < 0 ? null : f.substring(eq + 1);
            String has = tags == null ? null : tags.get(key);
            if (has == null || (value != null && !value.equals(has))) {
                return "tags " + (tags == null ? "{}" : new java.util.TreeMap<>(tags)) + " do not match --aws-zone-tags="
                        + f;
            }
        }
        return null;
    }

    public List<Zone> select(List<Zone> zones) {
        return zones.stream().filter(z -> rejection(z) == null)
                .sorted(Comparator.comparing(Zone::name).thenComparing(Zone::id)).toList();
    }
}
