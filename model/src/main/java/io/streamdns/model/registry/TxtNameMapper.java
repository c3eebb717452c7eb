package io.streamdns.model.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Names of TXT ownership records, as external-dns maps them: the current form puts the lower-case record type and
 * a hyphen before the first label ({@code a-www.example.com}), after {@code --txt-prefix} or before
 * {@code --txt-suffix} (which go with the first label); either may hold {@code %{record_type}} instead. The legacy
 * form (prefix + name, no type) is still read. A wildcard first label is replaced by {@code --txt-wildcard-replacement}
 * when one is set.
 */
public final class TxtNameMapper {
    private static final String TYPE_TEMPLATE = "%{record_type}";

    private final String prefix;
    private final String suffix;
    private final String wildcardReplacement;

    public TxtNameMapper(String prefix, String suffix, String wildcardReplacement) {
        this.prefix = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        this.suffix = suffix == null ? "" : suffix.toLowerCase(Locale.ROOT);
        if (!this.prefix.isEmpty() && !this.suffix.isEmpty()) {
            throw new IllegalArgumentException("--txt-prefix and --txt-suffix are mutually exclusive");
        }
        this.wildcardReplacement = wildcardReplacement == null ? "" : wildcardReplacement;
    }

    public static TxtNameMapper defaults() {
        return new TxtNameMapper("", "", "");
    }

    /** The current-format TXT name owning the record {@code name}/{@code recordType}. */
    public String txtName(String name, String recordType) {
        String type = recordType.toLowerCase(Locale.ROOT);
        String[] parts = split(name);
        String first = parts[0];
        String rest = parts[1];
        if (prefix.contains(TYPE_TEMPLATE)) {
            return prefix.replace(TYPE_TEMPLATE, type) + join(first, rest);
        }
        if (suffix.contains(TYPE_TEMPLATE)) {
            return join(first + suffix.replace(TYPE_TEMPLATE, type), rest);
        }
        if (!suffix.isEmpty()) {
            return join(type + "-" + first + suffix, rest);
        }
        return prefix + join(type + "-" + first, rest);
    }

    /** The legacy TXT name (no record type), read for adoption, never written. */
    public String legacyTxtName(String name) {
        String[] parts = split(name);
        if (!suffix.isEmpty()) {
            return join(parts[0] + suffix.replace(TYPE_TEMPLATE, ""), parts[1]);
        }
        return prefix.replace(TYPE_TEMPLATE, "") + join(parts[0], parts[1]);
    }

    /** The record name and type a current-format TXT name owns, if it is one of ours in shape. */
    public Optional<Owned> ownedBy(String txtName) {
        for (String type : new String[] {"a", "aaaa", "cname", "srv", "txt", "ns", "mx"}) {
            String candidate = strip(txtName, type);
            if (candidate != null && txtName(candidate, type).equals(txtName)) {
                return Optional.of(new Owned(candidate, type.toUpperCase(Locale.ROOT)));
            }
        }
        return Optional.empty();
    }

    private String strip(String txtName, String type) {
        String n = txtName;
        if (prefix.contains(TYPE_TEMPLATE)) {
            String p = prefix.replace(TYPE_TEMPLATE, type);
            return n.startsWith(p) ? unreplace(n.substring(p.length())) : null;
        }
        String[] parts = split(n);
        String first = parts[0];
        if (suffix.contains(TYPE_TEMPLATE)) {
            // the suffix may hold dots: find where it was inserted after the first label
            String s = suffix.replace(TYPE_TEMPLATE, type);
            int dot = n.indexOf('.');
            for (int i = n.indexOf(s); i >= 0; i = n.indexOf(s, i + 1)) {
                if (dot < 0 || i <= dot) {
                    return unreplace(n.substring(0, i) + n.substring(i + s.length()));
                }
            }
            return null;
        }
        if (!prefix.isEmpty()) {
            if (!n.startsWith(prefix)) {
                return null;
            }
            n = n.substring(prefix.length());
            parts = split(n);
            first = parts[0];
        }
        if (!suffix.isEmpty()) {
            if (!first.endsWith(suffix)) {
                return null;
            }
            first = first.substring(0, first.length() - suffix.length());
        }
        String marker = type + "-";
        return first.startsWith(marker) ? unreplace(join(first.substring(marker.length()), parts[1])) : null;
    }

    private String unreplace(String name) {
        if (!wildcardReplacement.isEmpty() && name.startsWith(wildcardReplacement + ".")) {
            return "*" + name.substring(wildcardReplacement.length());
        }
        return name;
    }

    private String[] split(String name) {
        int dot = name.indexOf('.');
        String first = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot + 1);
        if (first.equals("*") && !wildcardReplacement.isEmpty()) {
            first = wildcardReplacement;
        }
        return new String[] {first, rest};
    }

    private static String join(String first, String rest) {
        return rest.isEmpty() ? first : first + "." + rest;
    }

    /** A record name and type a TXT ownership record stands for. */
    public record Owned(String name, String recordType) {
    }
}
