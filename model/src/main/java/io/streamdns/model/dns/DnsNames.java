package io.streamdns.model.dns;

import java.util.Locale;

/**
 * Normal form and validity of DNS names: lower case, no trailing dot, IDN as punycode (UTS #46 / IDNA2008,
 * {@link Idna}: a name whose normal form is not what was written, up to case, is refused), labels of 1..63
 * characters of letters, digits, hyphen (not at a label's edge) and underscore, at most 253 characters,
 * at least two labels, a wildcard only as the whole leftmost label.
 */
public final class DnsNames {
    public static final int MAX_NAME = 253;
    public static final int MAX_LABEL = 63;

    private DnsNames() {
    }

    public static NameCheck check(String raw) {
        if (raw == null || raw.isBlank()) {
            return NameCheck.invalid("empty name");
        }
        String name = raw.strip();
        if (!name.equals(raw)) {
            // surrounding whitespace is forgiven (annotation lists), inner whitespace is not
            raw = name;
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            return NameCheck.invalid("empty name");
        }
        if (name.startsWith(".")) {
            return NameCheck.invalid("empty label in '" + Idna.shown(raw) + "'");
        }
        if (name.length() > 4 * MAX_NAME) {
            // no name this long can shrink to 253: refuse before any per-character work
            return NameCheck.invalid("name is " + name.length() + " characters, longer than " + MAX_NAME);
        }
        if (Idna.applies(name)) {
            NameCheck idn = Idna.toAscii(name);
            if (!idn.isValid()) {
                return idn;
            }
            name = idn.name();
        }
        name = name.toLowerCase(Locale.ROOT);
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return NameCheck.invalid("'" + Idna.shown(raw) + "' needs at least two labels");
        }
        for (int i = 0; i < labels.length; i++) {
            String reason = checkLabel(labels[i], i == 0);
            if (reason != null) {
                return NameCheck.invalid(reason + " in '" + Idna.shown(raw) + "'");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return NameCheck.invalid("top-level label is numeric in '" + Idna.shown(raw)
                    + "' (an IP address is not a name)");
        }
        if (name.length() > MAX_NAME) {
            return NameCheck.invalid("name is " + name.length() + " characters, longer than " + MAX_NAME);
        }
        return NameCheck.valid(name);
    }

    /** The normal form, or an {@link IllegalArgumentException} with the reason. */
    public static String normalize(String raw) {
        NameCheck check = check(raw);
        if (!check.isValid()) {
            throw new IllegalArgumentException(check.reason());
        }
        return check.name();
    }

    public static boolean isWildcard(String name) {
        return name.startsWith("*.");
    }

    /** True when {@code name} is {@code suffix} or lies under it. Both in normal form. */
    public static boolean isUnder(String name, String suffix) {
        return name.equals(suffix) || (name.endsWith(suffix) && name.length() > suffix.length()
                && name.charAt(name.length() - suffix.length() - 1) == '.');
    }

    private static String checkLabel(String label, boolean leftmost) {
        if (label.isEmpty()) {
            return "empty label";
        }
        if (label.length() > MAX_LABEL) {
            return "label '" + Idna.shown(label.substring(0, 20)) + "…' is " + label.length()
                    + " characters, longer than " + MAX_LABEL;
        }
        if (label.equals("*")) {
            return leftmost ? null : "wildcard '*' is only allowed as the leftmost label";
        }
        if (label.indexOf('*') >= 0) {
            return "wildcard '*' must be a whole label, not part of '" + Idna.shown(label) + "'";
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            return "label '" + Idna.shown(label) + "' starts or ends with a hyphen";
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return "character " + Idna.describe(c) + " not allowed in label '" + Idna.shown(label) + "'";
            }
        }
        return null;
    }
}
