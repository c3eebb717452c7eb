package io.streamdns.sandbox.route53.store;

/**
 * Identity of a record set in Route 53's list order: name with its labels reversed (ASCII, so
 * {@code a-b.example.com.} sorts before {@code a.example.com.}), then type, then set identifier
 * (a set without one first). The canonical name breaks ties between names whose sort keys collide.
 */
public record RecordKey(String sortKey, String name, String type, String setIdentifier)
        implements Comparable<RecordKey> {

    public static RecordKey of(String canonicalName, String type, String setIdentifier) {
        return new RecordKey(DnsName.sortKey(canonicalName), canonicalName, type,
                setIdentifier == null ? "" : setIdentifier);
    }

    /** First possible key at or after (name, type, set identifier); type and identifier may be null. */
    static RecordKey lowerBound(DnsName.Parsed name, String type, String setIdentifier) {
        return new RecordKey(name.sortKey(), name.name(), type == null ? "" : type,
                setIdentifier == null ? "" : setIdentifier);
    }

    /** Bounds of all keys of one name: [first, last). */
    static RecordKey firstOfName(String sortKey, String name) {
        return new RecordKey(sortKey, name, "", "");
    }

    static RecordKey afterName(String sortKey, String name) {
        return new RecordKey(sortKey, name, "\uffff", "");
    }

    @Override
    public int compareTo(RecordKey o) {
        int c = sortKey.compareTo(o.sortKey);
        if (c == 0) {
            c = name.compareTo(o.name);
        }
        if (c == 0) {
            c = type.compareTo(o.type);
        }
        if (c == 0) {
            c = setIdentifier.compareTo(o.setIdentifier);
        }
        return c;
    }
}
