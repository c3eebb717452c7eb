package io.streamdns.model.registry;

import io.streamdns.model.CompactMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The value of external-dns's TXT ownership records:
 * {@code "heritage=external-dns,external-dns/owner=<id>,external-dns/resource=<kind>/<ns>/<name>"}, labels sorted by
 * key, quoted as Route 53 stores TXT values. streamdns adds {@code external-dns/cluster=<name>}, a label external-dns
 * reads and ignores.
 */
public final class TxtRecordFormat {
    public static final String HERITAGE = "heritage=external-dns";
    public static final String LABEL_PREFIX = "external-dns/";

    private TxtRecordFormat() {
    }

    /** Longest character-string of a TXT record (RFC 1035); longer values are split into several strings. */
    public static final int MAX_STRING = 255;

    /**
     * The quoted TXT value for these labels (keys such as owner, resource, cluster). A value longer than 255
     * characters is written as several quoted strings ({@code "..." "..."}), as Route 53 requires.
     */
    public static String value(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder(HERITAGE);
        // a CompactMap iterates in key order already (an ownership TXT's value is rebuilt from one on every read)
        (labels instanceof CompactMap ? labels : new TreeMap<>(labels)).forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                sb.append(',').append(LABEL_PREFIX).append(k).append('=').append(v);
            }
        });
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sb.length(); i += MAX_STRING) {
            if (i > 0) {
                out.append(' ');
            }
            out.append('"').append(sb, i, Math.min(sb.length(), i + MAX_STRING)).append('"');
        }
        return out.toString();
    }

    /** The text of a TXT value: the quoted strings joined (Route 53 splits long values), or the value as is. */
    static String unquote(String value) {
        String v = value.strip();
        if (!v.startsWith("\"")) {
            return v;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < v.length()) {
            if (v.charAt(i) != '"') {
                i++; // whitespace between strings
                continue;
            }
            int end = i + 1;
            while (end < v.length() && v.charAt(end) != '"') {
                if (v.charAt(end) == '\\' && end + 1 < v.length()) {
                    sb.append(v.charAt(end + 1));
                    end += 2;
                    continue;
                }
                sb.append(v.charAt(end));
                end++;
            }
            i = end + 1;
        }
        return sb.toString();
    }

    /**
     * The labels of an ownership value, or empty when the value is not one (no {@code heritage=external-dns}):
     * such a TXT record is someone else's and is never touched.
     */
    public static Optional<Map<String, String>> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = unquote(value);
        Map<String, String> labels = new LinkedHashMap<>();
        boolean heritage = false;
        for (String token : v.split(",")) {
            String t = token.strip();
            if (t.equals(HERITAGE)) {
                heritage = true;
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0 || !t.startsWith(LABEL_PREFIX)) {
                continue; // external-dns skips what it does not understand
            }
            labels.put(t.substring(LABEL_PREFIX.length(), eq), t.substring(eq + 1));
        }
        return heritage ? Optional.of(Map.copyOf(labels)) : Optional.empty();
    }
}
