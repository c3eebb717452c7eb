package io.streamdns.sandbox.route53.store;

import java.util.ArrayList;
import java.util.List;

/**
 * DNS names as Route 53 keeps them: lower case, absolute (trailing dot), and written in Route 53's
 * escaped form, where every character other than a-z, 0-9, hyphen and underscore is a three-digit octal
 * escape ({@code *} is {@code \052}). Input may use the escapes or the plain printable characters.
 */
public final class DnsName {
    static final int MAX_LABEL = 63;
    static final int MAX_WIRE = 255;

    private DnsName() {
    }

    /** A parsed name: the canonical escaped form, its Route 53 sort key, or the problem found. */
    public record Parsed(String name, String sortKey, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public static Parsed parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return problem("DomainLabelEmpty (Domain label is empty)");
        }
        if (raw.equals(".")) {
            return new Parsed(".", ".", null);
        }
        List<String> labels = new ArrayList<>();
        StringBuilder label = new StringBuilder();
        int i = 0;
        boolean endedWithDot = false;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            endedWithDot = false;
            if (c == '.') {
                if (label.isEmpty()) {
                    return problem("DomainLabelEmpty (Domain label is empty)");
                }
                labels.add(label.toString());
                label.setLength(0);
                endedWithDot = true;
                i++;
                continue;
            }
            if (c == '\\') {
                int value = octal(raw, i + 1);
                if (value < 0) {
                    return problem("InvalidEscape (Escape sequence is not a three-digit octal code)");
                }
                c = (char) value;
                i += 4;
            } else {
                i++;
            }
            if (c < 0x21 || c > 0x7e) {
                return problem("InvalidCharacter (Value contains a character that is not permitted)");
            }
            label.append(Character.toLowerCase(c));
        }
        if (!endedWithDot) {
            labels.add(label.toString());
        }
        int wire = 1;
        for (String l : labels) {
            if (l.length() > MAX_LABEL) {
                return problem("DomainLabelTooLong (Domain label is too long)");
            }
            wire += l.length() + 1;
        }
        if (wire > MAX_WIRE) {
            return problem("DomainNameTooLong (Domain name is too long)");
        }
        StringBuilder name = new StringBuilder();
        for (String l : labels) {
            escape(l, name);
            name.append('.');
        }
        StringBuilder sort = new StringBuilder();
        for (int j = labels.size() - 1; j >= 0; j--) {
            sort.append(labels.get(j)).append('.');
        }
        return new Parsed(name.toString(), sort.toString(), null);
    }

    /** The sort key of a canonical name (labels reversed, each followed by a dot, escapes decoded). */
    public static String sortKey(String canonical) {
        Parsed parsed = parse(canonical);
        if (!parsed.ok()) {
            throw new IllegalArgumentException("not a canonical name: " + canonical);
        }
        return parsed.sortKey();
    }

    /** Whether {@code name} is {@code zone} or below it (both canonical). */
    public static boolean within(String name, String zone) {
        return zone.equals(".") || name.equals(zone) || name.endsWith("." + zone);
    }

    /** The name without its trailing dot, as the planner and external-dns write it. */
    public static String relativeForm(String canonical) {
        return canonical.endsWith(".") && canonical.length() > 1
                ? canonical.substring(0, canonical.length() - 1) : canonical;
    }

    private static int octal(String raw, int from) {
        if (from + 3 > raw.length()) {
            return -1;
        }
        int value = 0;
        for (int k = from; k < from + 3; k++) {
            char d = raw.charAt(k);
            if (d < '0' || d > '7') {
                return -1;
            }
            value = value * 8 + (d - '0');
        }
        return value <= 0377 ? value : -1;
    }

    private static void escape(String label, StringBuilder out) {
        for (int k = 0; k < label.length(); k++) {
            char c = label.charAt(k);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append(c);
            } else {
                out.append('\\').append(String.format("%03o", (int) c));
            }
        }
    }

    private static Parsed problem(String problem) {
        return new Parsed(null, null, problem);
    }
}
