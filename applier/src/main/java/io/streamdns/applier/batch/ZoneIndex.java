package io.streamdns.applier.batch;

import io.streamdns.model.dns.DnsNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The managed zones, answering "which zones get this name" as external-dns's AWS provider does. */
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
     * external-dns's {@code suitableZones}: every private zone that holds {@code name}, plus the one public zone of
     * the longest name that holds it (of two public zones with that name, the smaller id, so the choice is stable).
     * In zone order (name, then id).
     */
    public List<Zone> zonesFor(String name) {
        Zone bestPublic = null;
        for (Zone z : zones) {
            if (!z.privateZone() && DnsNames.isUnder(name, z.name())
                    && (bestPublic == null || z.name().length() > bestPublic.name().length())) {
                bestPublic = z;
            }
        }
        List<Zone> found = new ArrayList<>();
        for (Zone z : zones) {
            if (z == bestPublic || z.privateZone() && DnsNames.isUnder(name, z.name())) {
                found.add(z);
            }
        }
        return List.copyOf(found);
    }

    /**
     * The zones a record pinned to zone {@code id} ({@code aws/hosted-zone-id}) goes to: that zone when it is one of
     * {@link #zonesFor}, else none (external-dns skips the record then too).
     */
    public List<Zone> pinnedZonesFor(String name, String id) {
        String bare = ZoneSelection.bareId(id);
        return zonesFor(name).stream().filter(z -> z.id().equals(bare)).toList();
    }

    /** True when a name lies in the zone (it may still belong to a child zone). */
    public static boolean holds(Zone zone, String name) {
        return DnsNames.isUnder(name, zone.name());
    }
}
