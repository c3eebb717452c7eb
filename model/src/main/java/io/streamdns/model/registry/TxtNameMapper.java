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
        // names are compared in normal form (lower case), so the replacement must be too
        this.wildcardReplacement = wildcardReplacement == null ? "" : wildcardReplacement.toLowerCase(Locale.ROOT);
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

    /**
     * The record name a legacy-format TXT name (no record type) stands for, if it has the shape of one: the inverse
     * of {@link #legacyTxtName}. Without prefix and suffix that is the TXT name itself.
     */
    public Optional<String> legacyOwnedName(String txtName) {
        String p = prefix.replace(TYPE_TEMPLATE, "");
        String s = suffix.replace(TYPE_TEMPLATE, "");
        if (!s.isEmpty()) {
            String[] parts = splitAfterSuffix(txtName, s);
            if (parts == null || !parts[0].endsWith(s) || parts[0].length() == s.length()) {
                return Optional.empty();
            }
            return Optional.of(unreplace(join(parts[0].substring(0, parts[0].length() - s.length()), parts[1])));
        }
        if (!txtName.startsWith(p) || txtName.length() == p.length()) {
            return Optional.empty();
        }
        return Optional.of(unreplace(txtName.substring(p.length())));
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
        if (suffix.contains(TYPE_TEMPLATE)) {
            String s = suffix.replace(TYPE_TEMPLATE, type);
            // the suffix follows the first label and may itself hold dots: keep them with the first label
            String[] parts = splitAfterSuffix(n, s);
            if (parts == null || !parts[0].endsWith(s)) {
                return null;
            }
            return unreplace(join(parts[0].substring(0, parts[0].length() - s.length()), parts[1]));
        }
        String first;
        String rest;
        if (!suffix.isEmpty()) {
            String[] parts = splitAfterSuffix(n, suffix);
            if (parts == null || !parts[0].endsWith(suffix)) {
                return null;
            }
            first = parts[0].substring(0, parts[0].length() - suffix.length());
            rest = parts[1];
        } else {
            if (!n.startsWith(prefix)) {
                return null;
            }
            String[] parts = splitRaw(n.substring(prefix.length()));
            first = parts[0];
            rest = parts[1];
        }
        String marker = type + "-";
        return first.startsWith(marker) && first.length() > marker.length()
                ? unreplace(join(first.substring(marker.length()), rest)) : null;
    }

    /** Splits {@code name} after its first label plus as many more labels as {@code suffix} has dots. */
    private static String[] splitAfterSuffix(String name, String suffix) {
        int dots = (int) suffix.chars().filter(c -> c == '.').count();
        int at = -1;
        for (int i = 0; i <= dots; i++) {
            at = name.indexOf('.', at + 1);
            if (at < 0) {
                return i == dots ? new String[] {name, ""} : null;
            }
        }
        return new String[] {name.substring(0, at), name.substring(at + 1)};
    }

    private static String[] splitRaw(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? new String[] {name, ""} : new String[] {name.substring(0, dot), name.substring(dot + 1)};
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
