package io.streamdns.model;

/** Endpoint label keys, as external-dns names them, plus streamdns's cluster label. */
public final class Labels {
    public static final String OWNER = "owner";
    /** {@code <kind>/<namespace>/<name>} of the object that wants the record. */
    public static final String RESOURCE = "resource";
    /** On a TXT ownership record: the name of the record it owns. */
    public static final String OWNED_RECORD = "ownedRecord";
    /** On a TXT ownership record: the record type it owns. */
    public static final String OWNED_TYPE = "ownedType";
    /** The cluster whose object wants the record (ignored by external-dns). */
    public static final String CLUSTER = "cluster";

    private Labels() {
    }
}
