package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one shard's zones hold (zone state, by identity and by name) with the planner's in-flight plans laid over
 * it: the "current" side of planning. A record set present in several zones (split horizon) is seen once, from the
 * zone with the smallest id.
 */
public final class CurrentIndex {
    private record Held(String zoneId, Endpoint endpoint) {
        boolean is(String zone, String type, String set) {
            return zoneId.equals(zone) && endpoint.recordType().equals(type)
                    && Objects.equals(endpoint.setIdentifier(), set);
        }
    }

    /**
     * Per name, its record set (a {@link Held}: most names hold one, as a record's TXT has a name of its own) or
     * record sets (a {@code Held[]} of two or more), a single one of {@link #mainZone} as its Endpoint: no per-identity map and no map per name, since the identity
     * {@code zoneId/name/type/setId} is found from the record (or the key).
     */
    private final NameMap<Object> byName = new NameMap<>();
    /** The zone of the first record: a single record set in it is held as its bare {@link Endpoint} (no Held). */
    private String mainZone;
    private int size;
    private final Canon canon = new Canon();
    private final InFlight inFlight = new InFlight();
    private final OwnershipRegistry.ParsedTxt parsed;

    public CurrentIndex() {
        this(TxtNameMapper.defaults(), null);
    }

    /**
     * @param txtNames tells current-form ownership TXT names from legacy ones (for {@link #ownedRecords})
     * @param ownerId  the owner whose ownership TXTs are held compact (value rebuilt from labels); null: none
     */
    public CurrentIndex(TxtNameMapper txtNames, String ownerId) {
        this.parsed = new OwnershipRegistry.ParsedTxt(name -> txtNames.ownedBy(name).isPresent(), ownerId);
    }

    /** About how many records of zone state the owner holds (from its ownership TXTs). */
    public int ownedRecords(String owner) {
        return parsed.ownedRecords(owner);
    }

    /**
     * Records zone state for an identity ({@code null}: tombstone).
     *
     * @param identity {@link ZoneRecord#identity()} of the record ({@code zoneId/name/type/setIdentifier})
     * @return the record's name, or null when nothing was known and nothing arrived
     */
    public String put(String identity, ZoneRecord record) {
        String zoneId;
        String name;
        String type;
        String set;
        if (record != null) {
            zoneId = record.zoneId();
            name = record.name();
            type = record.type();
            set = record.setIdentifier();
        } else {
            int a = identity.indexOf('/');
            int b = a < 0 ? -1 : identity.indexOf('/', a + 1);
            int c = b < 0 ? -1 : identity.indexOf('/', b + 1);
            if (c < 0) {
                return null; // not an identity a record can have: nothing is known under it
            }
            zoneId = identity.substring(0, a);
            name = identity.substring(a + 1, b);
            type = identity.substring(b + 1, c);
            set = c + 1 == identity.length() ? null : identity.substring(c + 1);
        }
        Held[] held = heldAt(name);
        int i = indexOf(held, zoneId, type, set);
        Endpoint old = i >= 0 ? held[i].endpoint() : null;
        String recordKey;
        if (record == null) {
            if (old == null) {
                return null;
            }
            parsed.remove(old);
            if (held.length == 1) {
                byName.remove(name);
            } else {
                Held[] less = new Held[held.length - 1];
                System.arraycopy(held, 0, less, 0, i);
                System.arraycopy(held, i + 1, less, i, held.length - i - 1);
                byName.put(name, less.length == 1 ? one(less[0]) : less);
            }
            size--;
            recordKey = old.recordKey();
        } else {
            Endpoint e = shared(record.toEndpoint());
            if (e.recordType().equals(RecordTypes.TXT)) {
                e = parsed.add(e); // its value held as its labels when they rebuild it exactly
            }
            if (mainZone == null) {
                mainZone = canon.of(zoneId);
            }
            Held h = new Held(canon.of(zoneId), e);
            if (old != null) {
                parsed.remove(old);
                held[i] = h;
                byName.put(e.dnsName(), held.length == 1 ? one(h) : held);
            } else {
                Held[] more = held == null ? new Held[1] : Arrays.copyOf(held, held.length + 1);
                more[more.length - 1] = h;
                byName.put(e.dnsName(), more.length == 1 ? one(h) : more);
                size++;
            }
            recordKey = e.recordKey();
        }
        inFlight.observe(name, recordKey, zoneAt(name).get(recordKey));
        return name;
    }

    /** The record sets at a name as an array (a new one for a single record set), or null. */
    private Held[] heldAt(String name) {
        Object v = byName.get(name);
        return v == null ? null : v instanceof Held[] a ? a : new Held[] {single(v)};
    }

    /** What {@link #byName} holds for a single record set. */
    private Object one(Held h) {
        return h.zoneId().equals(mainZone) ? h.endpoint() : h;
    }

    private Held single(Object v) {
        return v instanceof Endpoint e ? new Held(mainZone, e) : (Held) v;
    }

    private static Endpoint endpointOf(Object single) {
        return single instanceof Endpoint e ? e : ((Held) single).endpoint();
    }

    private static int indexOf(Held[] held, String zoneId, String type, String set) {
        if (held != null) {
            for (int i = 0; i < held.length; i++) {
                if (held[i].is(zoneId, type, set)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The endpoint with the values that repeat across records (type, set id, properties) shared, and its name and
     * addresses interned: the desired index holds the same strings ({@link Canon#interned}).
     */
    private Endpoint shared(Endpoint e) {
        return new Endpoint(e.dnsName().intern(), canon.of(e.recordType()), Canon.interned(e), e.ttl(),
                canon.of(e.setIdentifier()), canon.of(e.providerSpecific()), e.labels());
    }

    /** The current records at a name: zone state, then in-flight plans over it. */
    public List<Endpoint> at(String name) {
        if (inFlight.at(name).isEmpty()) { // the common cases without a view: nothing, or one record set
            Object held = byName.get(name);
            if (held == null) {
                return List.of(); // most names looked up are TXT names that do not exist (yet)
            }
            if (!(held instanceof Held[])) {
                return List.of(endpointOf(held));
            }
        }
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
        List<Endpoint> out = new ArrayList<>(size);
        boolean anyInFlight = !inFlight.isEmpty();
        byName.forEach((name, held) -> {
            if (!anyInFlight || inFlight.at(name).isEmpty()) {
                if (!(held instanceof Held[])) {
                    out.add(endpointOf(held));
                } else {
                    out.addAll(zoneAt(name).values());
                }
            } else {
                out.addAll(at(name));
            }
        });
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

    /** The record types zone state holds at a name, as {@link VerifiedRecords#bit} bits (in-flight plans not laid over). */
    int zoneTypes(String name) {
        Object v = byName.get(name);
        if (v != null && !(v instanceof Held[])) {
            return VerifiedRecords.bit(endpointOf(v).recordType());
        }
        int mask = 0;
        if (v != null) {
            for (Held h : (Held[]) v) {
                mask |= VerifiedRecords.bit(h.endpoint().recordType());
            }
        }
        return mask;
    }

    public int size() {
        return size;
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
        Held[] m = heldAt(name);
        if (m == null) {
            return new TreeMap<>();
        }
        Map<String, Endpoint> view = new TreeMap<>();
        Map<String, String> zoneOf = new HashMap<>();
        for (Held h : m) {
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
