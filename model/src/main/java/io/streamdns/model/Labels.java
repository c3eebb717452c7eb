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
    /**
     * On the new side of a TXT update: the set also holds values we did not create (SPF, site verification at the
     * apex), so it is rewritten as one compare-and-swap batch (DELETE of the exact old set + CREATE), never UPSERT.
     */
    public static final String TXT_SWAP = "txtSwap";

    private Labels() {
    }
}
