package io.streamdns.applier.state;

import io.streamdns.applier.batch.Change;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the applier knows each loaded zone holds: filled by listings, kept current by its own accepted changes.
 * Ownership checks and "already done" read it, so a plan costs no extra list calls. A version per zone lets a slow
 * listing notice that a write landed meanwhile (its result is then stale and dropped). Used on one Vert.x context.
 */
public final class ZoneCache implements ZoneLookup {
    private final Map<String, TreeMap<String, RecordSet>> zones = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Counts counts;

    /** Told of every set the view gains or loses (external-dns's registry gauges); ownership TXTs are not records. */
    public interface Counts {
        void add(String type, int delta);
    }

    public ZoneCache() {
        this((type, delta) -> { });
    }

    public ZoneCache(Counts counts) {
        this.counts = counts;
    }

    /** The types external-dns's AWS provider returns as records (SOA, CAA, ... it skips). */
    private static final java.util.Set<String> REGISTRY_TYPES = java.util.Set.of("A", "AAAA", "CNAME", "DNAME", "SRV",
            "TXT", "NS", "MX", "NAPTR");

    /** external-dns's TXT registry hands out its ownership TXTs as labels of the records, not as records. */
    private void count(RecordSet s, int delta) {
        if (s != null && REGISTRY_TYPES.contains(s.type())
                && !(s.type().equals("TXT") && s.values().stream().anyMatch(v -> v.contains("heritage=external-dns")))) {
            counts.add(s.type(), delta);
        }
    }

    /** Sets that appeared or changed, and keys that vanished, when a listing replaced the view. */
    public record Diff(List<RecordSet> upserted, List<RecordSet> removed) {
        public boolean isEmpty() {
            return upserted.isEmpty() && removed.isEmpty();
        }

        public int size() {
            return upserted.size() + removed.size();
        }
    }

    public boolean isLoaded(String zoneId) {
        return zones.containsKey(zoneId);
    }

    public long version(String zoneId) {
        return versions.getOrDefault(zoneId, 0L);
    }

    public List<String> loadedZoneIds() {
        return new ArrayList<>(zones.keySet());
    }

    public Diff replace(Zone zone, List<RecordSet> listing) {
        TreeMap<String, RecordSet> fresh = new TreeMap<>();
        listing.forEach(s -> fresh.put(s.key(), s));
        TreeMap<String, RecordSet> old = zones.getOrDefault(zone.id(), new TreeMap<>());
        List<RecordSet> upserted = new ArrayList<>();
        List<RecordSet> removed = new ArrayList<>();
        fresh.forEach((k, s) -> {
            if (!s.equals(old.get(k))) {
                upserted.add(s);
            }
        });
        old.forEach((k, s) -> {
            if (!fresh.containsKey(k)) {
                removed.add(s);
            }
        });
        old.values().forEach(o -> count(o, -1));
        fresh.values().forEach(f -> count(f, 1));
        zones.put(zone.id(), fresh);
        bump(zone.id());
        return new Diff(upserted, removed);
    }

    /** Re-read sets at one name replace what the view had there. */
    public Diff replaceAt(Zone zone, String name, List<RecordSet> listing) {
        TreeMap<String, RecordSet> view = zones.computeIfAbsent(zone.id(), z -> new TreeMap<>());
        List<RecordSet> removed = new ArrayList<>();
        List<RecordSet> upserted = new ArrayList<>();
        new ArrayList<>(view.values()).stream().filter(s -> s.name().equals(name)).forEach(s -> {
            if (listing.stream().noneMatch(l -> l.key().equals(s.key()))) {
                view.remove(s.key());
                count(s, -1);
                removed.add(s);
            }
        });
        for (RecordSet s : listing) {
            RecordSet before = view.put(s.key(), s);
            count(before, -1);
            count(s, 1);
            if (!s.equals(before)) {
                upserted.add(s);
            }
        }
        bump(zone.id());
        return new Diff(upserted, removed);
    }

    /** An accepted change. */
    public void apply(Zone zone, Change change) {
        TreeMap<String, RecordSet> view = zones.computeIfAbsent(zone.id(), z -> new TreeMap<>());
        if (change.action() == Change.Action.DELETE) {
            count(view.remove(change.recordSet().key()), -1);
        } else {
            count(view.put(change.recordSet().key(), change.recordSet()), -1);
            count(change.recordSet(), 1);
        }
        bump(zone.id());
    }

    public List<RecordSet> all(String zoneId) {
        return List.copyOf(zones.getOrDefault(zoneId, new TreeMap<>()).values());
    }

    public void drop(String zoneId) {
        TreeMap<String, RecordSet> view = zones.remove(zoneId);
        if (view != null) {
            view.values().forEach(s -> count(s, -1));
        }
        bump(zoneId);
    }

    @Override
    public Optional<RecordSet> get(Zone zone, String key) {
        TreeMap<String, RecordSet> view = zones.get(zone.id());
        return view == null ? Optional.empty() : Optional.ofNullable(view.get(key));
    }

    @Override
    public List<RecordSet> at(Zone zone, String name) {
        TreeMap<String, RecordSet> view = zones.get(zone.id());
        if (view == null) {
            return List.of();
        }
        // keys are name/type/setId, so all sets of a name are one contiguous range
        return List.copyOf(view.subMap(name + "/", name + "0").values());
    }

    private void bump(String zoneId) {
        versions.merge(zoneId, 1L, Long::sum);
    }
}
