package io.streamdns.model;

import java.util.Set;

/** Record type names. */
public final class RecordTypes {
    public static final String A = "A";
    public static final String AAAA = "AAAA";
    public static final String CNAME = "CNAME";
    public static final String TXT = "TXT";
    public static final String SRV = "SRV";
    public static final String NS = "NS";
    public static final String SOA = "SOA";
    public static final String MX = "MX";

    /** Types streamdns writes; everything else is read and left alone. */
    public static final Set<String> WRITABLE = Set.of(A, AAAA, CNAME, TXT, SRV);
    /** external-dns's default {@code --managed-record-types}. */
    public static final Set<String> MANAGED_DEFAULT = Set.of(A, AAAA, CNAME);

    private RecordTypes() {
    }
}
