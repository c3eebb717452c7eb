package io.streamdns.model.registry;

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

    /** The quoted TXT value for these labels (keys such as owner, resource, cluster). */
    public static String value(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder("\"").append(HERITAGE);
        new TreeMap<>(labels).forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                sb.append(',').append(LABEL_PREFIX).append(k).append('=').append(v);
            }
        });
        return sb.append('"').toString();
    }

    /**
     * The labels of an ownership value, or empty when the value is not one (no {@code heritage=external-dns}):
     * such a TXT record is someone else's and is never touched.
     */
    public static Optional<Map<String, String>> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
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
