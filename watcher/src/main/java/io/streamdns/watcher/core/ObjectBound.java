package io.streamdns.watcher.core;

import io.streamdns.model.Endpoint;
import java.util.List;
import java.util.Optional;

/**
 * What one object may claim (DESIGN rule W8): at most {@code maxEndpoints} endpoints, and no encoded state record
 * (key and value) above {@code maxRecordBytes}, a margin below the producer's {@code max.request.size}, which
 * refuses a larger record. An object over the bound publishes nothing new: its last accepted states stay, never
 * replaced by tombstones. Applied where every source's endpoints pass, the publisher.
 *
 * @param maxEndpoints   {@code --max-endpoints-per-object}
 * @param maxRecordBytes the largest key + value the watcher hands to its producer
 */
public record ObjectBound(int maxEndpoints, int maxRecordBytes) {
    /** The default of {@code --max-endpoints-per-object}; see the watcher README for the sizes behind it. */
    public static final int DEFAULT_MAX_ENDPOINTS = 1000;
    /** Kafka's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    public static final ObjectBound DEFAULT = forProducer(DEFAULT_MAX_ENDPOINTS, DEFAULT_MAX_REQUEST_SIZE);

    public ObjectBound {
        if (maxEndpoints < 1) {
            throw new IllegalArgumentException("maxEndpoints must be at least 1, not " + maxEndpoints);
        }
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 1024, not " + maxRecordBytes);
        }
    }

    /**
     * A bound for a producer's {@code max.request.size}: a tenth of it is left for the record and batch framing the
     * producer adds to key and value (under 100 bytes) and for headers, so a record the bound lets through is never
     * refused by the producer.
     */
    public static ObjectBound forProducer(int maxEndpoints, int maxRequestSize) {
        return new ObjectBound(maxEndpoints, maxRequestSize - maxRequestSize / 10);
    }

    /** Why the object claims too much, or empty; {@code resource} names the object (kind/namespace/name). */
    public Optional<MappingRejection> endpoints(String resource, List<Endpoint> endpoints) {
        if (endpoints.size() <= maxEndpoints) {
            return Optional.empty();
        }
        return Optional.of(new MappingRejection(MappingRejection.TOO_MANY_ENDPOINTS, resource, "claims " + endpoints.size()
                + " endpoints, more than --max-endpoints-per-object " + maxEndpoints + "; nothing of it is published"
                + " (what was published before stays)"));
    }

    /** Why one encoded state record is too large to send, or empty. */
    public Optional<MappingRejection> record(String resource, String shard, int keyBytes, int valueBytes) {
        long size = (long) keyBytes + valueBytes;
        if (size <= maxRecordBytes) {
            return Optional.empty();
        }
        return Optional.of(new MappingRejection(MappingRejection.STATE_TOO_LARGE, resource, "its state in shard " + shard
                + " encodes to " + size + " bytes, more than the " + maxRecordBytes + " a record may have (the"
                + " producer's max.request.size less a tenth); nothing of it is published (what was published before"
                + " stays)"));
    }
}
