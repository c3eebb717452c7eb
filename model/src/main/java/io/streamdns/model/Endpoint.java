package io.streamdns.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One DNS record set as streamdns wants it, the same shape as external-dns's {@code Endpoint}.
 *
 * @param dnsName          normalised name, lower case, no trailing dot
 * @param recordType       A, AAAA, CNAME, TXT, SRV, ...
 * @param targets          values; order-insensitive (kept sorted)
 * @param ttl              seconds; 0 means "not set" (the provider's default applies)
 * @param setIdentifier    routing-policy set identifier, or null
 * @param providerSpecific provider properties such as {@code alias} or {@code aws/weight}
 * @param labels           ownership labels ({@link Labels})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(String dnsName, String recordType, List<String> targets, long ttl, String setIdentifier,
                       Map<String, String> providerSpecific, Map<String, String> labels) {

    public Endpoint {
        Require.text(dnsName, "dnsName");
        Require.text(recordType, "recordType");
        targets = sortedTargets(targets);
        if (ttl < 0) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
        if (setIdentifier != null && setIdentifier.isEmpty()) {
            setIdentifier = null;
        }
        providerSpecific = Require.map(providerSpecific);
        labels = Require.map(labels);
    }

    public static Endpoint of(String dnsName, String recordType, String... targets) {
        return new Endpoint(dnsName, recordType, List.of(targets), 0, null, Map.of(), Map.of());
    }

    private static List<String> sortedTargets(List<String> targets) {
        List<String> immutable = Require.list(targets); // no copy when it already is an immutable list
        for (int i = 1; i < immutable.size(); i++) {
            if (immutable.get(i - 1).compareTo(immutable.get(i)) > 0) {
                List<String> copy = new ArrayList<>(immutable);
                copy.sort(null);
                return List.copyOf(copy);
            }
        }
        return immutable;
    }

    /** Row key of the plan table: name plus set identifier. */
    @JsonIgnore
    public String rowKey() {
        return setIdentifier == null ? dnsName : dnsName + "/" + setIdentifier;
    }

    /** Identity of the record set in a zone: name, type and set identifier. */
    @JsonIgnore
    public String recordKey() {
        return dnsName + "/" + recordType + (setIdentifier == null ? "" : "/" + setIdentifier);
    }

    public String label(String key) {
        return labels.get(key);
    }

    public String property(String key) {
        return providerSpecific.get(key);
    }

    public Endpoint withTargets(List<String> newTargets) {
        return new Endpoint(dnsName, recordType, newTargets, ttl, setIdentifier, providerSpecific, labels);
    }

    public Endpoint withTtl(long newTtl) {
        return new Endpoint(dnsName, recordType, targets, newTtl, setIdentifier, providerSpecific, labels);
    }

    public Endpoint withRecordType(String type) {
        return new Endpoint(dnsName, type, targets, ttl, setIdentifier, providerSpecific, labels);
    }

    public Endpoint withSetIdentifier(String id) {
        return new Endpoint(dnsName, recordType, targets, ttl, id, providerSpecific, labels);
    }

    public Endpoint withLabel(String key, String value) {
        Map<String, String> copy = new TreeMap<>(labels);
        copy.put(key, value);
        return new Endpoint(dnsName, recordType, targets, ttl, setIdentifier, providerSpecific, copy);
    }

    public Endpoint withLabels(Map<String, String> newLabels) {
        return new Endpoint(dnsName, recordType, targets, ttl, setIdentifier, providerSpecific, newLabels);
    }

    public Endpoint withProperty(String key, String value) {
        Map<String, String> copy = new TreeMap<>(providerSpecific);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new Endpoint(dnsName, recordType, targets, ttl, setIdentifier, copy, labels);
    }

    @Override
    public String toString() {
        return recordKey() + " " + targets + (ttl > 0 ? " ttl=" + ttl : "")
                + (providerSpecific.isEmpty() ? "" : " " + providerSpecific);
    }
}
