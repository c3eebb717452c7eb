package io.streamdns.model;

import java.util.Locale;

/** A Kubernetes object in one cluster: the unit a watcher publishes state for. */
public record SourceRef(String cluster, String kind, String namespace, String name) {
    public SourceRef {
        Require.text(cluster, "cluster");
        Require.text(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Require.text(name, "name");
    }

    /** {@code cluster/kind/namespace/name}: the identity part of a sources key. */
    public String identity() {
        return cluster + "/" + kind + "/" + namespace + "/" + name;
    }

    /** The kind of external-dns's DNSEndpoint, whose {@code resource} label external-dns writes as {@code crd/...}. */
    public static final String DNS_ENDPOINT_KIND = "DNSEndpoint";

    /** {@code kind/namespace/name}, external-dns's {@code resource} label (lower-case kind; {@code crd} for DNSEndpoint). */
    public String resourceLabel() {
        String k = kind.equals(DNS_ENDPOINT_KIND) ? "crd" : kind.toLowerCase(Locale.ROOT);
        return namespace.isEmpty() ? k + "/" + name : k + "/" + namespace + "/" + name; // node/<name>
    }

    public static SourceRef parse(String identity) {
        String[] parts = identity.split("/", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not cluster/kind/namespace/name: " + identity);
        }
        return new SourceRef(parts[0], parts[1], parts[2], parts[3]);
    }
}
