package io.streamdns.watcher.core;

import io.streamdns.model.dns.Cidr;
import java.util.List;

/**
 * {@code --target-net-filter} / {@code --exclude-target-net}, as external-dns's TargetNetFilter: a target is kept
 * when it lies in one of the filter's networks (or there are none) and in none of the excluded ones. A target that
 * is not an IP address (a host name, an SRV value) lies in no network: a filter drops it, an exclusion keeps it.
 */
public record TargetNets(List<Cidr> include, List<Cidr> exclude) {
    public static final TargetNets ALL = new TargetNets(List.of(), List.of());

    public TargetNets {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** @throws IllegalArgumentException for a network that is not in CIDR notation (external-dns ignores it) */
    public static TargetNets of(List<String> include, List<String> exclude) {
        return new TargetNets(include.stream().map(Cidr::parse).toList(), exclude.stream().map(Cidr::parse).toList());
    }

    public boolean enabled() {
        return !include.isEmpty() || !exclude.isEmpty();
    }

    public boolean keeps(String target) {
        return (include.isEmpty() || include.stream().anyMatch(c -> c.contains(target)))
                && exclude.stream().noneMatch(c -> c.contains(target));
    }
}
