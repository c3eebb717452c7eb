package io.streamdns.model;

/** Route 53 alias target: canonical hosted zone id, target name (no trailing dot), health evaluation. */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
    public AliasTarget {
        Require.text(hostedZoneId, "hostedZoneId");
        Require.text(dnsName, "dnsName");
    }
}
