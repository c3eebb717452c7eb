package io.streamdns.planner.plan;

import io.streamdns.model.SourceState;
import java.util.function.Consumer;

/**
 * The desired index's sources by key identity, without holding the identity string: a state's own fields
 * ({@code cluster/kind/namespace/name}) spell its identity, compared in place, so only the identity's hash is kept
 * (open addressing, linear probing). A key that its state does not spell (a watcher scope, {@code ...@scope}) keeps
 * its identity in a {@link Keyed} entry. At 100,000 sources the identity strings were ~70 bytes each.
 */
final class SourceTable {
    private static final int MIN_CAPACITY = 16;

    /** A state whose key identity is not its own identity (a scoped key). */
    record Keyed(String identity, SourceState state) {
    }

    private int[] hashes = new int[MIN_CAPACITY];
    /** SourceState or Keyed; null: a free slot. */
    private Object[] entries = new Object[MIN_CAPACITY];
    private int size;

    /** What the table holds for a state under a key identity. */
    static Object entry(String identity, SourceState state) {
        return spells(state, identity) ? state : new Keyed(identity, state);
    }

    static SourceState state(Object entry) {
        return entry instanceof Keyed k ? k.state() : (SourceState) entry;
    }

    /** Whether an entry is the one of this key identity. */
    static boolean isOf(Object entry, String identity) {
        return entry instanceof Keyed k ? k.identity().equals(identity) : spells((SourceState) entry, identity);
    }

    /** {@code identity} equals {@code cluster/kind/namespace/name} of the state, compared without building it. */
    static boolean spells(SourceState s, String identity) {
        int p = part(identity, 0, s.cluster(), '/');
        p = part(identity, p, s.kind(), '/');
        p = part(identity, p, s.namespace(), '/');
        return p >= 0 && identity.length() - p == s.name().length() && identity.startsWith(s.name(), p);
    }

    /** The index after {@code part} and {@code sep} at {@code from}, or -1. */
    private static int part(String id, int from, String part, char sep) {
        if (from < 0 || !id.startsWith(part, from)) {
            return -1;
        }
        int at = from + part.length();
        return at < id.length() && id.charAt(at) == sep ? at + 1 : -1;
    }

    int size() {
        return size;
    }

    boolean containsKey(String identity) {
        return find(identity) >= 0;
    }

    SourceState get(String identity) {
        int i = find(identity);
        return i < 0 ? null : state(entries[i]);
    }

    /** Holds {@code entry} ({@link #entry}) under its key identity. @return the entry it replaced, or null */
    Object put(String identity, Object entry) {
        int i = find(identity);
        if (i >= 0) {
            Object old = entries[i];
            entries[i] = entry;
            return old;
        }
        if ((size + 1) * 4L > entries.length * 3L) {
            grow();
        }
        insert(identity.hashCode(), entry);
        size++;
        return null;
    }

    /** @return the entry removed, or null */
    Object remove(String identity) {
        int i = find(identity);
        if (i < 0) {
            return null;
        }
        Object old = entries[i];
        shiftBack(i);
        size--;
        return old;
    }

    void forEach(Consumer<SourceState> action) {
        for (Object e : entries) {
            if (e != null) {
                action.accept(state(e));
            }
        }
    }

    private int home(int hash) {
        int h = hash * 0x9E3779B9;
        return h >>> (32 - Integer.numberOfTrailingZeros(entries.length));
    }

    private int find(String identity) {
        if (identity == null) {
            return -1;
        }
        int hash = identity.hashCode();
        int mask = entries.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
            Object e = entries[i];
            if (e == null) {
                return -1;
            }
            if (hashes[i] == hash && isOf(e, identity)) {
                return i;
            }
        }
    }

    private void insert(int hash, Object entry) {
        int mask = entries.length - 1;
        int i = home(hash);
        while (entries[i] != null) {
            i = (i + 1) & mask;
        }
        hashes[i] = hash;
        entries[i] = entry;
    }

    private void grow() {
        int[] oldHashes = hashes;
        Object[] old = entries;
        hashes = new int[old.length * 2];
        entries = new Object[old.length * 2];
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                insert(oldHashes[i], old[i]);
            }
        }
    }

    /** Frees slot {@code i}, moving back the entries after it whose probe passed through it (no tombstones). */
    private void shiftBack(int i) {
        int mask = entries.length - 1;
        int free = i;
        for (int j = (i + 1) & mask; entries[j] != null; j = (j + 1) & mask) {
            int h = home(hashes[j]);
            boolean stays = free <= j ? free < h && h <= j : free < h || h <= j;
            if (!stays) {
                hashes[free] = hashes[j];
                entries[free] = entries[j];
                free = j;
            }
        }
        entries[free] = null;
        hashes[free] = 0;
    }
}
