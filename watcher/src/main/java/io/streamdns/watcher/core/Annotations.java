package io.streamdns.watcher.core;

import io.streamdns.model.ProviderProperties;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * external-dns annotations of one object, read under {@code external-dns.kubernetes.io/} only, as external-dns
 * v0.22 does ({@code --annotation-prefix} names another; the older {@code external-dns.alpha.kubernetes.io/} is read
 * only when asked for, {@code --alpha-annotations}: stale ones would otherwise start publishing records).
 */
public final class Annotations {
    public static final String PREFIX = "external-dns.kubernetes.io/";
    public static final String ALPHA_PREFIX = "external-dns.alpha.kubernetes.io/";

    public static final String HOSTNAME = "hostname";
    public static final String INTERNAL_HOSTNAME = "internal-hostname";
    public static final String TARGET = "target";
    public static final String TTL = "ttl";
    public static final String CONTROLLER = "controller";
    public static final String ACCESS = "access";
    public static final String ALIAS = "alias";
    public static final String SET_IDENTIFIER = "set-identifier";
    public static final String INGRESS_HOSTNAME_SOURCE = "ingress-hostname-source";
    /** {@code aws-<name>} becomes the endpoint property {@code aws/<name>}. */
    public static final String AWS_PREFIX = "aws-";
    /** The only value of {@code controller} that external-dns (and streamdns) acts on. */
    public static final String OUR_CONTROLLER = "dns-controller";

    private static final Annotations EMPTY = new Annotations(Map.of(), Map.of());

    private final Map<String, String> merged;
    private final Map<String, String> raw;

    private Annotations(Map<String, String> merged, Map<String, String> raw) {
        this.merged = merged;
        this.raw = raw;
    }

    /** Under {@link #PREFIX} only. */
    public static Annotations of(Map<String, String> raw) {
        return of(raw, List.of(PREFIX));
    }

    /** Under each of {@code prefixes}; a later prefix wins a key an earlier one carries too. */
    public static Annotations of(Map<String, String> raw, List<String> prefixes) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> merged = new TreeMap<>();
        for (String prefix : prefixes) {
            raw.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    merged.put(k.substring(prefix.length()), v == null ? "" : v);
                }
            });
        }
        return new Annotations(merged, Map.copyOf(raw));
    }

    /** The value of an external-dns annotation (key without prefix), blank values treated as absent. */
    public Optional<String> get(String key) {
        String v = merged.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** A comma-separated annotation as a list: spaces removed, empty entries and trailing dots dropped. */
    public List<String> list(String key) {
        return get(key).map(Annotations::splitList).orElse(List.of());
    }

    /** Any annotation by its full key (e.g. {@code kubernetes.io/ingress.class}). */
    public Optional<String> rawValue(String fullKey) {
        return Optional.ofNullable(raw.get(fullKey));
    }

    /** All annotations by full key, for {@code --annotation-filter}. */
    public Map<String, String> raw() {
        return raw;
    }

    /** {@code aws-<name>} annotations as {@code aws/<name>} properties. */
    public Map<String, String> awsProperties() {
        Map<String, String> props = new TreeMap<>();
        merged.forEach((k, v) -> {
            if (k.startsWith(AWS_PREFIX) && k.length() > AWS_PREFIX.length()) {
                String key = "aws/" + k.substring(AWS_PREFIX.length());
                // multi-value-answer counts by presence (external-dns), an empty value included
                if (!v.isBlank() || key.equals(ProviderProperties.AWS_MULTI_VALUE_ANSWER)) {
                    props.put(key, v.strip());
                }
            }
        });
        return props;
    }

    /** Linear in the value's length: an annotation may hold 20,000 names. */
    static List<String> splitList(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : value.replace(" ", "").split(",")) {
            out.add(withoutTrailingDots(part.strip()));
        }
        out.remove("");
        return List.copyOf(out);
    }

    /** The value without trailing dots (a loop of substrings would be quadratic on a long run of dots). */
    static String withoutTrailingDots(String v) {
        int end = v.length();
        while (end > 0 && v.charAt(end - 1) == '.') {
            end--;
        }
        return v.substring(0, end);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
