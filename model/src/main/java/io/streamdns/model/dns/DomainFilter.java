package io.streamdns.model.dns;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * external-dns's {@code --domain-filter} / {@code --exclude-domains}: a name is managed when it lies under an
 * included domain (or none is given) and under no excluded one. Suffix match on whole labels.
 */
public record DomainFilter(List<String> includes, List<String> excludes) {
    public static final DomainFilter ALL = new DomainFilter(List.of(), List.of());

    public DomainFilter {
        includes = normalizeAll(includes);
        excludes = normalizeAll(excludes);
    }

    public static DomainFilter of(List<String> includes, List<String> excludes) {
        return new DomainFilter(includes, excludes);
    }

    private static List<String> normalizeAll(List<String> domains) {
        if (domains == null) {
            return List.of();
        }
        return domains.stream().filter(d -> d != null && !d.isBlank())
                .map(d -> d.strip().replaceFirst("^\\.", ""))
                .map(DomainFilter::normalizeDomain)
                .distinct().sorted().toList();
    }

    private static String normalizeDomain(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.contains("..") || d.contains(" ")) {
            throw new IllegalArgumentException("invalid domain '" + domain + "'");
        }
        if (Idna.applies(d)) {
            // the same UTS #46 rules as every name, so a filter and the names it matches agree
            NameCheck idn = Idna.toAscii(d);
            if (!idn.isValid()) {
                throw new IllegalArgumentException("invalid domain: " + idn.reason());
            }
            return idn.name();
        }
        return d.toLowerCase(Locale.ROOT);
    }

    public boolean matches(String name) {
        return rejection(name) == null;
    }

    /** The longest included domain the name falls under. */
    public Optional<String> longestInclude(String name) {
        return includes.stream().filter(i -> DnsNames.isUnder(name, i))
                .max(Comparator.comparingInt(String::length));
    }

    /** Why a name is not managed, or null when it is. */
    public String rejection(String name) {
        for (String e : excludes) {
            if (DnsNames.isUnder(name, e)) {
                return "'" + name + "' is under excluded domain '" + e + "'";
            }
        }
        if (!includes.isEmpty() && includes.stream().noneMatch(i -> DnsNames.isUnder(name, i))) {
            return "'" + name + "' is outside the domain filter " + includes;
        }
        return null;
    }
}
