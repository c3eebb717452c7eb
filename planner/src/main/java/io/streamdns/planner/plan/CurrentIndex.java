package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.ZoneRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one shard's zones hold (zone state, by identity and by name) with the planner's in-flight plans laid over
 * it: the "current" side of planning. A record set present in several zones (split horizon) is seen once, from the
 * zone with the smallest id.
 */
public final class CurrentIndex {
    private record Held(String zoneId, Endpoint endpoint) {
    }

    private final Map<String, Held> byIdentity = new HashMap<>();
    private final Map<String, Map<String, Held>> byName = new HashMap<>();
    private final InFlight inFlight = new InFlight();
    private final OwnershipRegistry.ParsedTxt parsed = new OwnershipRegistry.ParsedTxt();

    /**
     * Records zone state for an identity ({@code null}: tombstone).
     *
     * @return the record's name, or null when nothing was known and nothing arrived
     */
    public String put(String identity, ZoneRecord record) {
        Held old = record == null ? byIdentity.remove(identity) : null;
        String name;
        if (record == null) {
            if (old == null) {
                return null;
            }
            name = old.endpoint().dnsName();
            parsed.remove(old.endpoint());
            Map<String, Held> m = byName.get(name);
            m.remove(identity);
            if (m.isEmpty()) {
                byName.remove(name);
            }
        } else {
            Held h = new Held(record.zoneId(), record.toEndpoint());
            Held previous = byIdentity.put(identity, h);
            name = h.endpoint().dnsName();
            if (previous != null) {
                parsed.remove(previous.endpoint());
            }
            if (record.type().equals(io.streamdns.model.RecordTypes.TXT)) {
                parsed.add(h.endpoint());
            }
            if (previous != null && !previous.endpoint().dnsName().equals(name)) {
                byName.get(previous.endpoint().dnsName()).remove(identity);
            }
            byName.computeIfAbsent(name, k -> new HashMap<>(2)).put(identity, h);
        }
        String recordKey = record == null ? old.endpoint().recordKey() : record.toEndpoint().recordKey();
        inFlight.observe(name, recordKey, zoneAt(name).get(recordKey));
        return name;
    }

    /** The current records at a name: zone state, then in-flight plans over it. */
    public List<Endpoint> at(String name) {
        Map<String, Endpoint> view = zoneAt(name);
        for (Map.Entry<String, InFlight.Entry> e : inFlight.at(name).entrySet()) {
            if (e.getValue().expected() == null) {
                view.remove(e.getKey());
            } else {
                view.put(e.getKey(), e.getValue().expected());
            }
        }
        return new ArrayList<>(view.values());
    }

    /** Every current record of the shard, in-flight plans laid over. */
    public List<Endpoint> all() {
        List<Endpoint> out = new ArrayList<>(byIdentity.size());
        boolean anyInFlight = !inFlight.isEmpty();
        for (Map.Entry<String, Map<String, Held>> e : byName.entrySet()) {
            String name = e.getKey();
            if (!anyInFlight || inFlight.at(name).isEmpty()) {
                if (e.getValue().size() == 1) {
                    out.add(e.getValue().values().iterator().next().endpoint());
                } else {
                    out.addAll(zoneAt(name).values());
                }
            } else {
                out.addAll(at(name));
            }
        }
        for (String name : anyInFlight ? inFlight.names() : Set.<String>of()) {
            if (!byName.containsKey(name)) {
                out.addAll(at(name));
            }
        }
        return out;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public int size() {
        return byIdentity.size();
    }

    /**
     * Lays a plan over zone state; entries zone state already shows (a plan read back after a move, whose
     * changes landed) go at once.
     */
    void recordInFlight(String planId, Changes changes, long now) {
        inFlight.record(planId, changes, now);
        for (List<Endpoint> l : List.of(changes.create(), changes.updateNew(), changes.delete())) {
            for (Endpoint e : l) {
                inFlight.observe(e.dnsName(), e.recordKey(), zoneAt(e.dnsName()).get(e.recordKey()));
            }
        }
    }

    OwnershipRegistry.ParsedTxt parsed() {
        return parsed;
    }

    InFlight inFlight() {
        return inFlight;
    }

    /** Zone state at a name by record key, one zone per record set (the smallest zone id). */
    private Map<String, Endpoint> zoneAt(String name) {
        Map<String, Held> m = byName.get(name);
        if (m == null) {
            return new TreeMap<>();
        }
        Map<String, Endpoint> view = new TreeMap<>();
        Map<String, String> zoneOf = new HashMap<>();
        for (Held h : m.values()) {
            String key = h.endpoint().recordKey();
            String z = zoneOf.get(key);
            if (z == null || h.zoneId().compareTo(z) < 0) {
                zoneOf.put(key, h.zoneId());
                view.put(key, h.endpoint());
            }
        }
        return view;
    }
}
