package io.streamdns.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable string map in one array, keys in ascending order: the labels and provider properties of a record
 * (a handful of entries each). A frozen {@code TreeMap} of two labels took ~190 bytes, this takes ~56, and the
 * planner holds one per record at 100,000 names. Iterates in key order, so equal maps serialise equally (content
 * hashes, deterministic plans); equals and hashCode are those of every {@link Map}. Null values are kept, null keys
 * refused (as a {@code TreeMap} does).
 */
public final class CompactMap extends AbstractMap<String, String> {
    private static final CompactMap EMPTY = new CompactMap(new String[0]);

    /** k0, v0, k1, v1, ... with k0 < k1 < ... */
    final String[] kv; // never changed; shared with an OwnershipValue

    CompactMap(String[] kv) {
        this.kv = kv;
    }

    /** This map itself when it is one already, else a sorted copy. */
    public static CompactMap of(Map<String, String> m) {
        if (m instanceof CompactMap c) {
            return c;
        }
        if (m.isEmpty()) {
            return EMPTY;
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] entries = m.entrySet().toArray(new Map.Entry[0]);
        for (Map.Entry<String, String> e : entries) {
            Objects.requireNonNull(e.getKey(), "map key");
        }
        Arrays.sort(entries, Map.Entry.comparingByKey());
        String[] kv = new String[entries.length * 2];
        for (int i = 0; i < entries.length; i++) {
            if (i > 0 && entries[i].getKey().equals(entries[i - 1].getKey())) {
                throw new IllegalArgumentException("duplicate key " + entries[i].getKey());
            }
            kv[2 * i] = entries[i].getKey();
            kv[2 * i + 1] = entries[i].getValue();
        }
        return new CompactMap(kv);
    }

    private int indexOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        int lo = 0;
        int hi = kv.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = kv[2 * mid].compareTo(k);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : kv[2 * i + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return kv.length / 2;
    }

    @Override
    public boolean isEmpty() {
        return kv.length == 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < kv.length; i += 2) {
            action.accept(kv[i], kv[i + 1]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < kv.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= kv.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> e = new AbstractMap.SimpleImmutableEntry<>(kv[next], kv[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return kv.length / 2;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof CompactMap c) {
            return Arrays.equals(kv, c.kv);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < kv.length; i += 2) {
            h += kv[i].hashCode() ^ Objects.hashCode(kv[i + 1]);
        }
        return h;
    }
}
