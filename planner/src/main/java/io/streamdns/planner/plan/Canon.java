package io.streamdns.planner.plan;

import java.util.HashMap;
import java.util.Map;

/**
 * One shared copy of values that repeat across a shard's records (zone ids, record types, clusters, owners, label
 * keys, provider-property maps): decoded from JSON, each record would otherwise hold its own copy, a few dozen bytes
 * each at 100,000 names. Only for values of low cardinality: once {@link #LIMIT} distinct values are held, new ones
 * are passed through (so a stream of unique values cannot grow it without bound).
 */
final class Canon {
    static final int LIMIT = 4096;

    private final Map<String, String> strings = new HashMap<>();
    private final Map<Map<String, String>, Map<String, String>> maps = new HashMap<>();

    String of(String s) {
        if (s == null) {
            return null;
        }
        String c = strings.get(s);
        if (c != null) {
            return c;
        }
        if (strings.size() < LIMIT) {
            strings.put(s, s);
        }
        return s;
    }

    /** An equal map already held, else this one (maps must be immutable). */
    Map<String, String> of(Map<String, String> m) {
        if (m.isEmpty()) {
            return m;
        }
        Map<String, String> c = maps.get(m);
        if (c != null) {
            return c;
        }
        if (maps.size() < LIMIT) {
            maps.put(m, m);
        }
        return m;
    }
}
