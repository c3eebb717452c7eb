package io.streamdns.applier.batch;

import io.streamdns.model.dns.DnsNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The managed zones, answering "which zone holds this name": the longest matching zone name. */
public final class ZoneIndex {
    public static final ZoneIndex EMPTY = new ZoneIndex(List.of());

    private final List<Zone> zones;
    private final Map<String, Zone> byId = new LinkedHashMap<>();

    public ZoneIndex(List<Zone> zones) {
        List<Zone> sorted = new ArrayList<>(zones);
        sorted.sort(Comparator.comparing(Zone::name).thenComparing(Zone::id));
        this.zones = List.copyOf(sorted);
        this.zones.forEach(z -> byId.put(z.id(), z));
    }

    public List<Zone> zones() {
        return zones;
    }

    public Optional<Zone> byId(String id) {
        return Optional.ofNullable(byId.get(ZoneSelection.bareId(id)));
    }

    /**
     * The zones of the longest name that holds {@code name}: one, or a public and a private zone of the same name
     * (split horizon), each of which gets the change.
     */
    public List<Zone> zonesFor(String name) {
        int best = -1;
        List<Zone> found = new ArrayList<>();
        for (Zone z : zones) {
            if (DnsNames.isUnder(name, z.name())) {
                if (z.name().length() > best) {
                    best = z.name().length();
                    found.clear();
                }
                if (z.name().length() == best) {
                    found.add(z);
                }
            }
        }
        return List.copyOf(found);
    }

    /** True when a name lies in the zone (it may still belong to a child zone). */
    public static boolean holds(Zone zone, String name) {
        return DnsNames.isUnder(name, zone.name());
    }
}
