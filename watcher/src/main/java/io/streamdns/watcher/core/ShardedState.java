package io.streamdns.watcher.core;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.streamdns.model.Endpoint;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.ShardResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An object's endpoints split by shard, each part with a content hash, and the difference to what was published
 * before: which shards get a new state and which a tombstone. Hashes cover the endpoints only, so a resync or an
 * unrelated field change (resourceVersion, status of something else) publishes nothing.
 */
public final class ShardedState {
    /** Marks a shard whose last send failed: never equal to a real hash, so the next change re-sends it. */
    public static final String UNKNOWN = "?";

    /** One shard's endpoints and their hash. */
    public record Part(List<Endpoint> endpoints, String hash) {
    }

    /** What to publish for one object: states to write and shards to tombstone. */
    public record Diff(Map<String, Part> upserts, Set<String> tombstones) {
        public boolean isEmpty() {
            return upserts.isEmpty() && tombstones.isEmpty();
        }
    }

    private ShardedState() {
    }

    public static Map<String, Part> split(List<Endpoint> endpoints, ShardResolver shards) {
        Map<String, List<Endpoint>> byShard = new TreeMap<>();
        for (Endpoint e : endpoints) {
            byShard.computeIfAbsent(shards.shardOf(e.dnsName()), s -> new ArrayList<>()).add(e);
        }
        Map<String, Part> parts = new TreeMap<>();
        byShard.forEach((shard, eps) -> {
            List<Endpoint> sorted = new ArrayList<>(eps);
            sorted.sort(EndpointCollector.ORDER);
            parts.put(shard, new Part(List.copyOf(sorted), hash(sorted)));
        });
        return parts;
    }

    /** Content hash of a list of endpoints (order as given; {@link #split} sorts). */
    public static String hash(List<Endpoint> endpoints) {
        Hasher h = Hashing.murmur3_128().newHasher();
        try {
            h.putBytes(JsonCodec.mapper().writeValueAsBytes(endpoints));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise endpoints", e);
        }
        return h.hash().toString();
    }

    /** Hash of endpoints read back from the topic: sorted the same way as {@link #split}. */
    public static String hashSorted(List<Endpoint> endpoints) {
        List<Endpoint> sorted = new ArrayList<>(endpoints);
        sorted.sort(EndpointCollector.ORDER);
        return hash(sorted);
    }

    /** @param published shard → hash of what was last published for this object (empty when nothing) */
    public static Diff diff(Map<String, String> published, Map<String, Part> desired) {
        Map<String, Part> upserts = new TreeMap<>();
        desired.forEach((shard, part) -> {
            if (!part.hash().equals(published.get(shard))) {
                upserts.put(shard, part);
            }
        });
        Set<String> tombstones = new java.util.TreeSet<>(published.keySet());
        tombstones.removeAll(desired.keySet());
        return new Diff(upserts, tombstones);
    }
}
