package io.streamdns.sandbox.route53.store;

import io.streamdns.model.aws.CanonicalHostedZones;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One change batch applied to a zone on an overlay: changes run in order and see each other, the zone
 * itself is touched only by {@link #commit()} once every change passed, so a batch is all or nothing.
 * Cost is O(changes x log(zone size)) whatever the zone size.
 */
final class ZoneBatch {
    private final Zone zone;
    private final Predicate<String> isOwnZone;
    /** Pending state by key; a null value is a deletion. */
    private final TreeMap<RecordKey, RecordSet> overlay = new TreeMap<>();
    private final List<String> messages = new ArrayList<>();

    ZoneBatch(Zone zone, Predicate<String> isOwnZone) {
        this.zone = zone;
        this.isOwnZone = isOwnZone;
    }

    /** Applies every change to the overlay and returns all messages (empty: the batch may commit). */
    List<String> apply(List<Change> changes) {
        for (Change change : changes) {
            if (!change.problems().isEmpty()) {
                messages.addAll(change.problems());
                continue;
            }
            String message = apply(change);
            if (message != null) {
                messages.add(message);
            }
        }
        if (messages.isEmpty()) {
            checkApex();
        }
        return messages;
    }

    void commit() {
        for (Map.Entry<RecordKey, RecordSet> e : overlay.entrySet()) {
            if (e.getValue() == null) {
                zone.records().remove(e.getKey());
            } else {
                zone.records().put(e.getKey(), e.getValue());
            }
        }
    }

    private String apply(Change change) {
        RecordSet set = change.set();
        RecordKey key = set.key();
        if (!DnsName.within(set.name(), zone.name())) {
            return "RRSet with DNS name " + set.name() + " is not permitted in zone " + zone.name();
        }
        RecordSet current = get(key);
        switch (change.action()) {
            case CREATE -> {
                if (current != null) {
                    return "Tried to create resource record set " + set.describe() + " but it already exists";
                }
                String conflict = conflict(set);
                if (conflict != null) {
                    return conflict;
                }
                overlay.put(key, set);
            }
            case UPSERT -> {
                String conflict = conflict(set);
                if (conflict != null) {
                    return conflict;
                }
                overlay.put(key, set);
            }
            case DELETE -> {
                if (current == null) {
                    return "Tried to delete resource record set " + set.describe() + " but it was not found";
                }
                if (!current.sameContent(set)) {
                    return "Tried to delete resource record set " + set.describe()
                            + " but the values provided do not match the current values";
                }
                overlay.put(key, null);
            }
            default -> throw new IllegalStateException(change.action().name());
        }
        return null;
    }

    /** Conflicts of a set being written with the other sets at its name, as Route 53 words them. */
    private String conflict(RecordSet set) {
        String name = set.name();
        String type = set.type();
        if (type.equals("CNAME") && name.equals(zone.name())) {
            return "RRSet of type CNAME with DNS name " + name + " is not permitted at apex in zone " + zone.name();
        }
        if (type.equals("SOA") && !name.equals(zone.name())) {
            return "RRSet of type SOA with DNS name " + name + " is not permitted because SOA records are only"
                    + " permitted at the apex of zone " + zone.name();
        }
        List<RecordSet> others = setsAtName(set);
        for (RecordSet other : others) {
            if (type.equals("CNAME") && !other.type().equals("CNAME")) {
                return "RRSet of type CNAME with DNS name " + name
                        + " is not permitted as it conflicts with other records with the same DNS name in zone "
                        + zone.name();
            }
            if (!type.equals("CNAME") && other.type().equals("CNAME")) {
                return "RRSet of type " + type + " with DNS name " + name + " is not permitted because a conflicting"
                        + " RRSet of type  CNAME with the same DNS name already exists in zone " + zone.name();
            }
        }
        RoutingPolicy policy = set.routing();
        for (RecordSet other : others) {
            if (!other.type().equals(type)) {
                continue;
            }
            if (set.setIdentifier() == null) {
                return "RRSet with DNS name " + name + ", type " + type + " cannot be created as a "
                        + other.routing().label() + " set exists with the same name and type.";
            }
            String prefix = "RRSet with DNS name " + name + ", type " + type + ", SetIdentifier " + set.setIdentifier();
            if (other.routing() != policy) {
                return prefix + " cannot be created as a non-" + policy.label()
                        + " set exists with the same name and type.";
            }
            if (policy == RoutingPolicy.LATENCY && set.region().equals(other.region())) {
                return prefix + ", and Region Name=" + set.region() + " cannot be created because a latency RRSet"
                        + " with the same name, type and region already exists.";
            }
            if (policy == RoutingPolicy.FAILOVER && set.failover().equals(other.failover())) {
                return prefix + ", and Failover " + set.failover() + " cannot be created because a failover RRSet"
                        + " with the same name, type and failover type already exists.";
            }
            if (policy == RoutingPolicy.GEOLOCATION && set.geoLocation().equals(other.geoLocation())) {
                return prefix + " cannot be created because a geolocation RRSet with the same name, type and"
                        + " location already exists.";
            }
        }
        return aliasTarget(set);
    }

    /** An alias into one of our zones must name a set of the same type that lies in that zone. */
    private String aliasTarget(RecordSet set) {
        if (!set.isAlias()) {
            return null;
        }
        RecordSet.Alias alias = set.alias();
        String prefix = "Tried to create an alias that targets " + alias.dnsName() + ", type " + set.type()
                + " in zone " + alias.hostedZoneId();
        if (alias.hostedZoneId().equals(zone.id())) {
            if (!DnsName.within(alias.dnsName(), zone.name())) {
                return prefix + ", but the alias target name does not lie within the target zone";
            }
            boolean found = setsAt(alias.dnsName()).stream().anyMatch(s -> s.type().equals(set.type()));
            return found ? null : prefix + ", but that target was not found";
        }
        if (isOwnZone.test(alias.hostedZoneId())) {
            return null; // another emulated zone: Route 53 checks it too, but no test needs it yet
        }
        String canonical = CanonicalHostedZones.zoneIdFor(alias.dnsName()).orElse(null);
        if (canonical != null && !canonical.equals(alias.hostedZoneId())) {
            return prefix + ", but the alias target name does not lie within the target zone";
        }
        return null;
    }

    /** The zone must keep its SOA and NS at the apex. */
    private void checkApex() {
        List<RecordSet> apex = setsAt(zone.name());
        if (apex.stream().noneMatch(s -> s.type().equals("SOA"))) {
            messages.add("A HostedZone must contain exactly one SOA record.");
        }
        if (apex.stream().noneMatch(s -> s.type().equals("NS"))) {
            messages.add("A HostedZone must contain at least one NS record for the zone itself.");
        }
    }

    private RecordSet get(RecordKey key) {
        return overlay.containsKey(key) ? overlay.get(key) : zone.records().get(key);
    }

    /** All current sets at the set's name, except the set itself. */
    private List<RecordSet> setsAtName(RecordSet set) {
        RecordKey self = set.key();
        List<RecordSet> all = setsAt(set.name());
        all.removeIf(s -> s.key().equals(self));
        return all;
    }

    private List<RecordSet> setsAt(String name) {
        String sortKey = DnsName.sortKey(name);
        RecordKey from = RecordKey.firstOfName(sortKey, name);
        RecordKey to = RecordKey.afterName(sortKey, name);
        TreeMap<RecordKey, RecordSet> merged = new TreeMap<>(zone.records().subMap(from, true, to, false));
        NavigableMap<RecordKey, RecordSet> pending = overlay.subMap(from, true, to, false);
        for (Map.Entry<RecordKey, RecordSet> e : pending.entrySet()) {
            if (e.getValue() == null) {
                merged.remove(e.getKey());
            } else {
                merged.put(e.getKey(), e.getValue());
            }
        }
        return new ArrayList<>(merged.values());
    }
}
