package io.streamdns.planner.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * external-dns's verified records of one shard: per name, the record types both desired by a source and held by
 * zone state (what the zones really have, plans in flight not laid over), kept as each name is planned. Pure; one
 * owner at a time, like its shard.
 */
public final class VerifiedRecords {
    /** The types counted, one bit each; others are not external-dns records streamdns writes. */
    public static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "TXT", "SRV", "NS", "MX", "PTR", "CAA",
            "NAPTR");
    /** Per name: the bit set of verified types (names with none are absent). */
    private final Map<String, Integer> byName = new HashMap<>();
    private final int[] counts = new int[TYPES.size()];

    public static int bit(String type) {
        int i = TYPES.indexOf(type);
        return i < 0 ? 0 : 1 << i;
    }

    /** The name's verified types are now {@code mask}. */
    void set(String name, int mask) {
        Integer before = mask == 0 ? byName.remove(name) : byName.put(name, mask);
        int changed = (before == null ? 0 : before) ^ mask;
        for (int i = 0; changed != 0; i++, changed >>>= 1) {
            if ((changed & 1) != 0) {
                counts[i] += (mask & (1 << i)) != 0 ? 1 : -1;
            }
        }
    }

    /** Names verified before but not among {@code keep}: none of their types is verified now. */
    void retainOnly(java.util.Set<String> keep) {
        for (String n : List.copyOf(byName.keySet())) {
            if (!keep.contains(n)) {
                set(n, 0);
            }
        }
    }

    /** Verified records by type, in {@link #TYPES} order (a copy). */
    public int[] counts() {
        return counts.clone();
    }
}
