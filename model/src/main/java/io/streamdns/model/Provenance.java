package io.streamdns.model;

/** Which object version asked for a change of {@code dnsName}: the audit trail's link to Kubernetes. */
public record Provenance(String dnsName, String cluster, String kind, String namespace, String name,
                         String resourceVersion, long observedAt) {
    public Provenance {
        Require.text(dnsName, "dnsName");
    }
}
