package io.streamdns.model.shard;

import com.google.common.net.InternetDomainName;
import io.streamdns.model.dns.DnsNames;
import io.streamdns.model.dns.DomainFilter;
import java.util.List;

/**
 * The shard of a DNS name: the longest {@code --domain-filter} entry it falls under, else its registrable
 * domain by the public suffix list, else its last two labels. All names of a zone and of its child zones
 * therefore share one shard, hence one partition of every topic.
 */
public final class ShardResolver {
    private final DomainFilter filter;

    public ShardResolver(List<String> domainFilters) {
        this.filter = new DomainFilter(domainFilters, List.of());
    }

    public ShardResolver(DomainFilter filter) {
        this.filter = filter;
    }

    /** @param name a name in normal form ({@link DnsNames#check}) */
    public String shardOf(String name) {
        return filter.longestInclude(name).orElseGet(() -> registrableDomain(name));
    }

    static String registrableDomain(String name) {
        String bare = DnsNames.isWildcard(name) ? name.substring(2) : name;
        try {
            InternetDomainName domain = InternetDomainName.from(bare);
            if (domain.isUnderPublicSuffix()) {
                return domain.topPrivateDomain().toString();
            }
            if (domain.isPublicSuffix()) {
                return bare;
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // not a name Guava accepts (e.g. underscores in the last labels): fall through
        }
        String[] labels = bare.split("\\.");
        return labels.length <= 2 ? bare : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
