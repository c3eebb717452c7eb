package io.streamdns.watcher.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What this watcher has on the sources topic: object identity ({@code cluster/kind/ns/name}) → shard → content
 * hash. Seeded from the compacted topic at start, then kept in step with every send. Not thread-safe: owned by
 * the verticle's context.
 */
public final class PublishedIndex {
    private final Map<String, Map<String, String>> byIdentity = new HashMap<>();

    public Map<String, String> shardsOf(String identity) {
        Map<String, String> shards = byIdentity.get(identity);
        return shards == null ? Map.of() : Map.copyOf(shards);
    }

    /** True when a shard of this object holds {@link ShardedState#UNKNOWN} (its last send failed). */
    public boolean hasUnknown(String identity) {
        Map<String, String> shards = byIdentity.get(identity);
        return shards != null && shards.containsValue(ShardedState.UNKNOWN);
    }

    public void put(String identity, String shard, String hash) {
        byIdentity.computeIfAbsent(identity, k -> new TreeMap<>()).put(shard, hash);
    }

    public void remove(String identity, String shard) {
        Map<String, String> shards = byIdentity.get(identity);
        if (shards != null) {
            shards.remove(shard);
            if (shards.isEmpty()) {
                byIdentity.remove(identity);
            }
        }
    }

    public Set<String> identities() {
        return Set.copyOf(byIdentity.keySet());
    }

    public int size() {
        return byIdentity.size();
    }
}
