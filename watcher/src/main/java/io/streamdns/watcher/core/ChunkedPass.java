package io.streamdns.watcher.core;

import java.util.List;
import java.util.function.Consumer;

/**
 * A pass over a fixed list of items, a bounded number per call, so a caller on an event loop can yield between
 * chunks (the watcher's full pass at sync: 20,000 objects in one turn blocked the loop for seconds). Holds only a
 * cursor; what an item means (e.g. a key to look up the object's newest state) is the caller's business.
 * Not thread-safe: one owner.
 */
public final class ChunkedPass<T> {
    private final List<T> items;
    private final int chunkSize;
    private int next;
    private int chunks;

    public ChunkedPass(List<T> items, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1: " + chunkSize);
        }
        this.items = List.copyOf(items);
        this.chunkSize = chunkSize;
    }

    /** Runs {@code action} on the next chunk (at most chunk-size items, in list order); true when items remain. */
    public boolean runChunk(Consumer<? super T> action) {
        int end = Math.min(items.size(), next + chunkSize);
        if (next < end) {
            chunks++;
        }
        while (next < end) {
            action.accept(items.get(next++));
        }
        return next < items.size();
    }

    public boolean isDone() {
        return next >= items.size();
    }

    /** Items handed out so far. */
    public int processed() {
        return next;
    }

    public int size() {
        return items.size();
    }

    /** Non-empty chunks run so far. */
    public int chunks() {
        return chunks;
    }
}
