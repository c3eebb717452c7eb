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

    @Override
    public String toString() {
        return reason + " " + name + ": " + detail;
    }
}
