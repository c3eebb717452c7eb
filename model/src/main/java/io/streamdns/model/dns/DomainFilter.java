package io.streamdns.model.dns;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * external-dns's {@code --domain-filter} / {@code --exclude-domains}: a name is managed when it lies under an
 * included domain (or none is given) and under no excluded one. Suffix match on whole labels. With
 * {@code --regex-domain-filter} or {@code --regex-domain-exclusion} ({@link #regex()}) the regular expressions
 * decide instead and the domain lists are ignored, as external-dns's "overrides domain-filter".
 */
public record DomainFilter(List<String> includes, List<String> excludes, Regex regex) {
    public static final DomainFilter ALL = new DomainFilter(List.of(), List.of());

    public DomainFilter {
        includes = normalizeAll(includes);
        excludes = normalizeAll(excludes);
        regex = regex == null ? Regex.NONE : regex;
    }

    public DomainFilter(List<String> includes, List<String> excludes) {
        this(includes, excludes, Regex.NONE);
    }

    public static DomainFilter of(List<String> includes, List<String> excludes) {
        return new DomainFilter(includes, excludes);
    }

    /** The lists, overridden by the regular expressions when either is set. */
    public static DomainFilter of(List<String> includes, List<String> excludes, Regex regex) {
        return new DomainFilter(includes, excludes, regex);
    }

    /**
     * {@code --regex-domain-filter} and {@code --regex-domain-exclusion}: matched (anywhere in the name, as Go's
     * MatchString) against the name in lower case without its trailing dot, in its Unicode form as external-dns
     * compares; the exclusion wins. Empty: not set.
     */
    public record Regex(String include, String exclude, Pattern includePattern, Pattern excludePattern) {
        public static final Regex NONE = new Regex("", "", null, null);

        /** @throws IllegalArgumentException naming the expression and what is wrong with it */
        public static Regex of(String include, String exclude) {
            return new Regex(include == null ? "" : include, exclude == null ? "" : exclude,
                    compile(include, "--regex-domain-filter"), compile(exclude, "--regex-domain-exclusion"));
        }

        private static Pattern compile(String re, String what) {
            if (re == null || re.isEmpty()) {
                return null;
            }
            try {
                return Pattern.compile(re);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + re + "' is not a regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }

        public boolean isSet() {
            return includePattern != null || excludePattern != null;
        }

        /** Why {@code name} is outside, or null. */
        String rejection(String name) {
            String n = Idna.toUnicode(name.endsWith(".") ? name.substring(0, name.length() - 1) : name)
                    .toLowerCase(Locale.ROOT);
            if (excludePattern != null && excludePattern.matcher(n).find()) {
                return "'" + name + "' matches --regex-domain-exclusion '" + exclude + "'";
            }
            if (includePattern != null && !includePattern.matcher(n).find()) {
                return "'" + name + "' does not match --regex-domain-filter '" + include + "'";
            }
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Regex r && r.include.equals(include) && r.exclude.equals(exclude);
        }

        @Override
        public int hashCode() {
            return include.hashCode() * 31 + exclude.hashCode();
        }

        @Override
        public String toString() {
            return "Regex[" + include + ", " + exclude + "]";
        }
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

    /** The longest included domain the name falls under (none with a regular expression filter). */
    public Optional<String> longestInclude(String name) {
        if (regex.isSet()) {
            return Optional.empty();
        }
        return includes.stream().filter(i -> DnsNames.isUnder(name, i))
                .max(Comparator.comparingInt(String::length));
    }

    /** Why a name is not managed, or null when it is. */
    public String rejection(String name) {
        if (regex.isSet()) {
            return regex.rejection(name);
        }
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
