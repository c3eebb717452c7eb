package io.streamdns.sandbox.route53.store;

/** The routing policy a record set's routing field implies; all sets of one name and type share one. */
public enum RoutingPolicy {
    SIMPLE("simple"),
    WEIGHTED("weighted"),
    LATENCY("latency"),
    FAILOVER("failover"),
    GEOLOCATION("geolocation"),
    GEOPROXIMITY("geoproximity"),
    MULTIVALUE("multivalue answer");

    private final String label;

    RoutingPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
