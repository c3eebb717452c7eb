package io.streamdns.watcher.core;

import java.util.List;

/**
 * The flags that shape the records of every object, beside the per-source ones of {@link MappingOptions}; the
 * target and TTL ones are applied to every object's endpoints as external-dns's source wrappers apply them
 * ({@link PostProcessing}).
 *
 * @param combineFqdnAnnotation    {@code --combine-fqdn-annotation}: the template's names besides the object's own
 *                                 (hostname annotation, spec hosts), not only when it has none
 * @param ignoreHostnameAnnotation {@code --ignore-hostname-annotation}: the hostname (and internal-hostname)
 *                                 annotation is not read; names come from the spec and the template only
 * @param defaultTargets           {@code --default-targets}: the targets of endpoints that have none (a
 *                                 DNSEndpoint's entry without targets), typed by target (A, AAAA, CNAME)
 * @param forceDefaultTargets      {@code --force-default-targets}: every endpoint of every source gets the default
 *                                 targets instead of its own
 * @param targetNets               {@code --target-net-filter}, {@code --exclude-target-net}
 * @param minTtlSeconds            {@code --min-ttl} in whole seconds: the TTL of endpoints whose TTL is unset
 *                                 (or 0); 0 = off
 */
public record Shaping(boolean combineFqdnAnnotation, boolean ignoreHostnameAnnotation, List<String> defaultTargets,
                      boolean forceDefaultTargets, TargetNets targetNets, long minTtlSeconds) {
    public static final Shaping NONE = new Shaping(false, false);

    public Shaping {
        defaultTargets = defaultTargets == null ? List.of() : List.copyOf(defaultTargets);
        targetNets = targetNets == null ? TargetNets.ALL : targetNets;
        if (minTtlSeconds < 0) {
            throw new IllegalArgumentException("minTtlSeconds must not be negative");
        }
    }

    public Shaping(boolean combineFqdnAnnotation, boolean ignoreHostnameAnnotation) {
        this(combineFqdnAnnotation, ignoreHostnameAnnotation, List.of(), false, TargetNets.ALL, 0);
    }

    public Shaping withDefaultTargets(List<String> targets, boolean force) {
        return new Shaping(combineFqdnAnnotation, ignoreHostnameAnnotation, targets, force, targetNets, minTtlSeconds);
    }

    public Shaping withTargetNets(TargetNets nets) {
        return new Shaping(combineFqdnAnnotation, ignoreHostnameAnnotation, defaultTargets, forceDefaultTargets, nets,
                minTtlSeconds);
    }

    public Shaping withMinTtl(long seconds) {
        return new Shaping(combineFqdnAnnotation, ignoreHostnameAnnotation, defaultTargets, forceDefaultTargets,
                targetNets, seconds);
    }
}
