package io.streamdns.watcher.core;

/**
 * An endpoint (or part of one) the mapping refused.
 *
 * @param reason short code, the {@code reason} tag of {@code streamdns_watcher_invalid_endpoints_total}
 * @param name   the DNS name concerned (as written in the object)
 * @param detail what is wrong, for logs and Kubernetes Events
 */
public record Rejection(String reason, String name, String detail) {
    public static final String INVALID_NAME = "invalid-name";
    public static final String INVALID_TARGET = "invalid-target";
    public static final String INVALID_TTL = "invalid-ttl";
    public static final String INVALID_ANNOTATION = "invalid-annotation";
    public static final String DOMAIN_FILTER = "domain-filter";
    /** A record type streamdns does not write (a DNSEndpoint's NS, MX, ...). */
    public static final String UNSUPPORTED_TYPE = "unsupported-type";
    /** A provider-specific property the AWS provider does not know. */
    public static final String UNSUPPORTED_PROPERTY = "unsupported-property";

    /** Rejections of a DNS name (not of an object-wide setting): they travel in the shard's SourceState. */
    public boolean isAboutName() {
        return reason.equals(INVALID_NAME) || reason.equals(INVALID_TARGET) || reason.equals(DOMAIN_FILTER)
                || reason.equals(UNSUPPORTED_TYPE);
    }

    /** The audit-trail form carried in {@link io.streamdns.model.SourceState#rejected()}. */
    public io.streamdns.model.Rejection toModel() {
        return new io.streamdns.model.Rejection(name, null, reason + ": " + detail);
    }

    @Override
    public String toString() {
        return reason + " " + name + ": " + detail;
    }
}
