package io.streamdns.watcher.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Rejection;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.dns.DnsNames;
import io.streamdns.model.dns.NameCheck;
import io.streamdns.model.shard.ShardResolver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An object's endpoints (and refused names) split by shard, each part with a content hash, and the difference to
 * what was published before: which shards get a new state and which a tombstone. Hashes cover content only, so a
 * resync or an unrelated field change (resourceVersion, labels) publishes nothing.
 */
public final class ShardedState {
    /** Marks a shard whose last send failed or could not be read back: never equal to a real hash. */
    public static final String UNKNOWN = "?";
    /** Refused names one state lists. */
    public static final int MAX_REJECTED = 100;

    private static final Comparator<Rejection> REJECTION_ORDER =
            Comparator.comparing(Rejection::dnsName)
                    .thenComparing(Rejection::reason);

    /**
     * One shard's endpoints, refused names and their hash; with the JSON of both lists the hash was taken over,
     * which {@link StateCodec} splices into the published state instead of writing the lists a second time.
     * (The arrays are never modified: a record only to carry them.)
     */
    public record Part(List<Endpoint> endpoints, List<Rejection> rejected, String hash,
                       byte[] endpointsJson, byte[] rejectedJson) {
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
        return split(endpoints, List.of(), shards);
    }

    /** Name-level rejections go to the shard of their name (leniently derived for invalid names), others nowhere. */
    public static Map<String, Part> split(List<Endpoint> endpoints, List<MappingRejection> rejections, ShardResolver shards) {
        Map<String, List<Endpoint>> eps = new TreeMap<>();
        Map<String, List<Rejection>> rejected = new TreeMap<>();
        for (Endpoint e : endpoints) {
            eps.computeIfAbsent(shards.shardOf(e.dnsName()), s -> new ArrayList<>()).add(e);
        }
        for (MappingRejection r : rejections) {
            String shard = r.isAboutName() ? shardOfRaw(r.dnsName(), shards) : null;
            if (shard != null) {
                rejected.computeIfAbsent(shard, s -> new ArrayList<>()).add(r.toModel());
            }
        }
        rejected.replaceAll(ShardedState::capped);
        Set<String> all = new TreeSet<>(eps.keySet());
        all.addAll(rejected.keySet());
        Map<String, Part> parts = new TreeMap<>();
        for (String shard : all) {
            parts.put(shard, part(eps.getOrDefault(shard, List.of()), rejected.getOrDefault(shard, List.of())));
        }
        return parts;
    }

    /**
     * At most {@value #MAX_REJECTED} refused names in one state (the first in canonical order), then one entry that
     * counts the rest: 20,000 bad names must not make a state too large to send, nor crowd out the valid ones.
     */
    private static List<Rejection> capped(String shard, List<Rejection> all) {
        List<Rejection> distinct = new ArrayList<>(new LinkedHashSet<>(all));
        if (distinct.size() <= MAX_REJECTED) {
            return distinct;
        }
        distinct.sort(REJECTION_ORDER);
        List<Rejection> kept = new ArrayList<>(distinct.subList(0, MAX_REJECTED));
        kept.add(new Rejection(shard, null, "and " + (distinct.size() - MAX_REJECTED)
                + " more refused names of this object in this shard, not listed (the watcher logs and counts them)"));
        return kept;
    }

    /** The JSON of no rejections (most objects): shared, never written to. */
    private static final byte[] NO_REJECTIONS = "[]".getBytes(StandardCharsets.UTF_8);

    /** A part in canonical order with its hash; also used to hash states read back from the topic. */
    public static Part part(List<Endpoint> endpoints, List<Rejection> rejected) {
        List<Endpoint> e = new ArrayList<>(endpoints);
        e.sort(EndpointCollector.ORDER);
        List<Rejection> r = new ArrayList<>(new LinkedHashSet<>(rejected));
        r.sort(REJECTION_ORDER);
        Hasher h = Hashing.murmur3_128().newHasher();
        byte[] endpointsJson;
        byte[] rejectedJson;
        try {
            endpointsJson = JsonCodec.mapper().writeValueAsBytes(e);
            rejectedJson = r.isEmpty() ? NO_REJECTIONS : JsonCodec.mapper().writeValueAsBytes(r);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise endpoints", ex);
        }
        h.putBytes(endpointsJson);
        h.putBytes(rejectedJson);
        return new Part(List.copyOf(e), List.copyOf(r), h.hash().toString(), endpointsJson, rejectedJson);
    }

    /** @param published shard → hash of what was last published for this object (empty when nothing) */
    public static Diff diff(Map<String, String> published, Map<String, Part> desired) {
        Map<String, Part> upserts = new TreeMap<>();
        desired.forEach((shard, part) -> {
            if (!part.hash().equals(published.get(shard))) {
                upserts.put(shard, part);
            }
        });
        Set<String> tombstones = new TreeSet<>(published.keySet());
        tombstones.removeAll(desired.keySet());
        return new Diff(upserts, tombstones);
    }

    /** The shard of a name as written in an object, even an invalid one; null when it has no domain part. */
    static String shardOfRaw(String raw, ShardResolver shards) {
        NameCheck check = DnsNames.check(raw);
        if (check.isValid()) {
            return shards.shardOf(check.name());
        }
        String[] labels = Arrays.stream(raw.toLowerCase(Locale.ROOT).split("\\."))
                .filter(l -> !l.isEmpty()).toArray(String[]::new);
        if (labels.length < 2) {
            return null;
        }
        String lenient = labels[labels.length - 2] + "." + labels[labels.length - 1];
        if (!lenient.matches("[a-z0-9_-]+\\.[a-z0-9-]+")) {
            return null;
        }
        try {
            return shards.shardOf(lenient);
        } catch (RuntimeException e) {
            return lenient;
        }
    }
}
