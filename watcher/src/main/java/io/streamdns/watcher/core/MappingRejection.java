package io.streamdns.watcher.core;

import io.streamdns.model.Rejection;

/**
 * What the mapping refused of an object, before it becomes the audit trail's {@link io.streamdns.model.Rejection}
 * ({@link #toModel()}): the same name, plus a code for metrics and Events.
 *
 * @param code    short code, the {@code reason} tag of {@code streamdns_watcher_invalid_endpoints_total}
 * @param dnsName the DNS name concerned (as written in the object), or the object for object-wide refusals
 * @param detail  what is wrong, for logs and Kubernetes Events
 */
public record MappingRejection(String code, String dnsName, String detail) {
    /** Longest name and detail kept: an object may write a name of 100,000 characters. */
    static final int MAX_NAME = 300;
    static final int MAX_DETAIL = 1000;

    public MappingRejection {
        dnsName = abbreviate(dnsName, MAX_NAME);
        detail = abbreviate(detail, MAX_DETAIL);
    }

    /** Head and tail of a long text: the tail of a name holds its domain, which places it in a shard. */
    static String abbreviate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int tail = max / 2;
        int head = max - tail - 1;
        return s.substring(0, head) + "…" + s.substring(s.length() - tail);
    }

    public static final String INVALID_NAME = "invalid-name";
    public static final String INVALID_TARGET = "invalid-target";
    public static final String INVALID_TTL = "invalid-ttl";
    public static final String INVALID_ANNOTATION = "invalid-annotation";
    public static final String DOMAIN_FILTER = "domain-filter";
    /** Targets dropped by {@code --target-net-filter} / {@code --exclude-target-net}. */
    public static final String TARGET_FILTER = "target-filter";
    /** {@code --fqdn-template} failed on the object (a missing field, a function's error): no names from it. */
    public static final String INVALID_TEMPLATE = "invalid-template";
    /** A record type streamdns does not write (a DNSEndpoint's NS, MX, ...). */
    public static final String UNSUPPORTED_TYPE = "unsupported-type";
    /** A provider-specific property the AWS provider does not know. */
    public static final String UNSUPPORTED_PROPERTY = "unsupported-property";
    /** The object claims more endpoints than it may (DESIGN rule W8): nothing of it is published. */
    public static final String TOO_MANY_ENDPOINTS = "too-many-endpoints";
    /** One of the object's states would be larger than a record may be: nothing of it is published. */
    public static final String STATE_TOO_LARGE = "state-too-large";

    /** Rejections of a DNS name (not of an object-wide setting): they travel in the shard's SourceState. */
    public boolean isAboutName() {
        return code.equals(INVALID_NAME) || code.equals(INVALID_TARGET) || code.equals(DOMAIN_FILTER)
                || code.equals(UNSUPPORTED_TYPE) || code.equals(TARGET_FILTER);
    }

    /** A refusal of the whole object: the publisher publishes nothing new for it and keeps what it had. */
    public boolean refusesObject() {
        return code.equals(TOO_MANY_ENDPOINTS) || code.equals(STATE_TOO_LARGE);
    }

    /** The audit-trail form carried in {@link io.streamdns.model.SourceState#rejected()}. */
    public Rejection toModel() {
        return new Rejection(dnsName, null, code + ": " + detail);
    }

    @Override
    public String toString() {
        return code + " " + dnsName + ": " + detail;
    }
}
