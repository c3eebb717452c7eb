package io.streamdns.sandbox.route53.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A hosted zone's mutable state, owned and guarded by {@link ZoneStore}. */
final class Zone {
    private final ZoneInfo.Header header;
    private final TreeMap<RecordKey, RecordSet> records = new TreeMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String lastChangeId;

    Zone(ZoneInfo.Header header) {
        this.header = header;
    }

    String id() {
        return header.id();
    }

    String name() {
        return header.name();
    }

    ZoneInfo.Header header() {
        return header;
    }

    TreeMap<RecordKey, RecordSet> records() {
        return records;
    }

    Map<String, String> tags() {
        return tags;
    }

    String lastChangeId() {
        return lastChangeId;
    }

    void lastChangeId(String id) {
        lastChangeId = id;
    }

    ZoneInfo info() {
        return new ZoneInfo(header, records.size(), Map.copyOf(tags));
    }

    /** Only the SOA and NS at the apex: what DeleteHostedZone accepts. */
    boolean isEmpty() {
        for (RecordSet set : records.values()) {
            boolean apexDefault = set.name().equals(name()) && (set.type().equals("SOA") || set.type().equals("NS"));
            if (!apexDefault) {
                return false;
            }
        }
        return true;
    }

    List<RecordSet> snapshot() {
        return List.copyOf(records.values());
    }
}
