package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.RecordTypes;
import java.util.HashMap;
import java.util.List;
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

    /**
     * The endpoint's targets, interned unless it is a TXT: a name's address is held by its source and by zone state
     * (and the name itself by both indexes), each decoded from its own record; interned, the copies are one. The
     * JVM's string table drops what nothing references any more. TXT values are mostly unique: left alone.
     */
    static List<String> interned(Endpoint e) {
        List<String> targets = e.targets();
        if (e.recordType().equals(RecordTypes.TXT) || targets.isEmpty()) {
            return targets;
        }
        if (targets.size() == 1) {
            String t = targets.get(0);
            String i = t.intern();
            return i == t ? targets : List.of(i);
        }
        String[] out = new String[targets.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = targets.get(k).intern();
        }
        return List.of(out);
    }

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
