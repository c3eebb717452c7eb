package io.streamdns.planner.plan;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A map from names (strings) to values in one array, open addressing with linear probing: the planner's indexes hold
 * one entry per name and per source at 100,000 names, where a {@code HashMap} node (32 bytes) and its table slot cost
 * ~42 bytes an entry and this ~11-21. Null keys and values are refused. Iteration order is the array's (no order is
 * promised, as with {@code HashMap}). Not thread-safe; do not change it while iterating.
 */
final class NameMap<V> {
    private static final int MIN_CAPACITY = 16;
    /** key, value, key, value, ...; a null key is a free slot. */
    private Object[] table = new Object[2 * MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean containsKey(String key) {
        return find(key) >= 0;
    }

    @SuppressWarnings("unchecked")
    V get(String key) {
        int i = find(key);
        return i < 0 ? null : (V) table[i + 1];
    }

    /** @return the value the key had, or null */
    @SuppressWarnings("unchecked")
    V put(String key, V value) {
        if (key == null || value == null) {
            throw new NullPointerException("null key or value");
        }
        int i = find(key);
        if (i >= 0) {
            V old = (V) table[i + 1];
            table[i + 1] = value;
            return old;
        }
        if ((size + 1) * 4L > capacity() * 3L) {
            grow();
        }
        insert(key, value);
        size++;
        return null;
    }

    /** @return the value the key had, or null */
    @SuppressWarnings("unchecked")
    V remove(String key) {
        int i = find(key);
        if (i < 0) {
            return null;
        }
        V old = (V) table[i + 1];
        shiftBack(i);
        size--;
        return old;
    }

    void forEach(BiConsumer<String, V> action) {
        Object[] t = table;
        for (int i = 0; i < t.length; i += 2) {
            if (t[i] != null) {
                @SuppressWarnings("unchecked")
                V v = (V) t[i + 1];
                action.accept((String) t[i], v);
            }
        }
    }

    /** The keys, a live view that cannot change the map. */
    Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < table.length && table[i] == null) {
                            i += 2;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < table.length;
                    }

                    @Override
                    public String next() {
                        if (next >= table.length) {
                            throw new NoSuchElementException();
                        }
                        String k = (String) table[next];
                        next = advance(next + 2);
                        return k;
                    }
                };
            }

            @Override
            public boolean contains(Object o) {
                return o instanceof String s && containsKey(s);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int capacity() {
        return table.length >> 1;
    }

    /** The slot (an even index) of the home position of a key. */
    private int home(String key) {
        int h = key.hashCode() * 0x9E3779B9; // spreads the string hash over the high bits
        return (h >>> (32 - Integer.numberOfTrailingZeros(capacity()))) << 1;
    }

    private int find(String key) {
        if (key == null) {
            return -1;
        }
        Object[] t = table;
        int mask = t.length - 1;
        for (int i = home(key); ; i = (i + 2) & mask) {
            Object k = t[i];
            if (k == null) {
                return -1;
            }
            if (k == key || k.equals(key)) {
                return i;
            }
        }
    }

    private void insert(String key, Object value) {
        Object[] t = table;
        int mask = t.length - 1;
        int i = home(key);
        while (t[i] != null) {
            i = (i + 2) & mask;
        }
        t[i] = key;
        t[i + 1] = value;
    }

    private void grow() {
        Object[] old = table;
        table = new Object[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != null) {
                insert((String) old[i], old[i + 1]);
            }
        }
    }

    /** Frees slot {@code i}, moving back the entries after it whose probe passed through it (no tombstones). */
    private void shiftBack(int i) {
        Object[] t = table;
        int mask = t.length - 1;
        int free = i;
        for (int j = (i + 2) & mask; t[j] != null; j = (j + 2) & mask) {
            int h = home((String) t[j]);
            // the entry at j may move to free when its home is not cyclically within (free, j]
            boolean stays = free <= j ? free < h && h <= j : free < h || h <= j;
            if (!stays) {
                t[free] = t[j];
                t[free + 1] = t[j + 1];
                free = j;
            }
        }
        t[free] = null;
        t[free + 1] = null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return sb.append('}').toString();
    }
}
