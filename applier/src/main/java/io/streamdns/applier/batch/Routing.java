package io.streamdns.applier.batch;

import io.streamdns.model.ProviderProperties;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Route 53 routing policy of a record set (at most one kind), plus an optional health check. Built from and turned
 * back into the {@code aws/*} endpoint properties, so zone-state reads like the planner's desired endpoints.
 */
public record Routing(Long weight, String region, String failover, String continent, String country,
                      String subdivision, Boolean multiValueAnswer, String healthCheckId, GeoProximity geoProximity) {
    public static final Routing SIMPLE = new Routing(null, null, null, null, null, null, null, null);

    /** Without geoproximity. */
    public Routing(Long weight, String region, String failover, String continent, String country,
                   String subdivision, Boolean multiValueAnswer, String healthCheckId) {
        this(weight, region, failover, continent, country, subdivision, multiValueAnswer, healthCheckId, null);
    }

    /** @throws IllegalArgumentException naming the property when a value is not one Route 53 takes */
    public static Routing fromProperties(Map<String, String> props) {
        Long weight = null;
        String w = blankToNull(props.get(ProviderProperties.AWS_WEIGHT));
        if (w != null) {
            try {
                weight = Long.parseLong(w.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ProviderProperties.AWS_WEIGHT + " '" + w + "' is not a number");
            }
            if (weight < 0 || weight > 255) {
                throw new IllegalArgumentException(ProviderProperties.AWS_WEIGHT + " " + weight + " is outside 0..255");
            }
        }
        String failover = blankToNull(props.get(ProviderProperties.AWS_FAILOVER));
        if (failover != null) {
            failover = failover.strip().toUpperCase(Locale.ROOT);
            if (!failover.equals("PRIMARY") && !failover.equals("SECONDARY")) {
                throw new IllegalArgumentException(ProviderProperties.AWS_FAILOVER + " '" + failover
                        + "' is neither PRIMARY nor SECONDARY");
            }
        }
        // by presence, as external-dns: the property means multi-value whatever its value ("false" included)
        Boolean multiValue = props.containsKey(ProviderProperties.AWS_MULTI_VALUE_ANSWER) ? Boolean.TRUE : null;
        Routing r = new Routing(weight, blankToNull(props.get(ProviderProperties.AWS_REGION)), failover,
                upper(props.get(ProviderProperties.AWS_GEO_CONTINENT)), upper(props.get(ProviderProperties.AWS_GEO_COUNTRY)),
                upper(props.get(ProviderProperties.AWS_GEO_SUBDIVISION)), multiValue,
                blankToNull(props.get(ProviderProperties.AWS_HEALTH_CHECK_ID)), GeoProximity.fromProperties(props));
        int kinds = (r.weight != null ? 1 : 0) + (r.region != null ? 1 : 0) + (r.failover != null ? 1 : 0)
                + (r.isGeo() ? 1 : 0) + (Boolean.TRUE.equals(r.multiValueAnswer) ? 1 : 0)
                + (r.geoProximity != null ? 1 : 0);
        if (kinds > 1) {
            throw new IllegalArgumentException("more than one routing policy in " + new TreeMap<>(props));
        }
        return r;
    }

    public boolean isGeo() {
        return continent != null || country != null || subdivision != null;
    }

    /** True when a set identifier is needed (any policy but simple). */
    public boolean isPolicy() {
        return !kind().equals("simple");
    }

    /** "simple", "weighted", "latency", "failover", "geolocation", "geoproximity" or "multivalue". */
    public String kind() {
        return ProviderProperties.routingKind(toProperties());
    }

    public Map<String, String> toProperties() {
        Map<String, String> p = new TreeMap<>();
        put(p, ProviderProperties.AWS_WEIGHT, weight == null ? null : weight.toString());
        put(p, ProviderProperties.AWS_REGION, region);
        put(p, ProviderProperties.AWS_FAILOVER, failover);
        put(p, ProviderProperties.AWS_GEO_CONTINENT, continent);
        put(p, ProviderProperties.AWS_GEO_COUNTRY, country);
        put(p, ProviderProperties.AWS_GEO_SUBDIVISION, subdivision);
        // Route 53's MultiValueAnswer=false is no multi-value record: read back as simple
        put(p, ProviderProperties.AWS_MULTI_VALUE_ANSWER, Boolean.TRUE.equals(multiValueAnswer) ? "true" : null);
        put(p, ProviderProperties.AWS_HEALTH_CHECK_ID, healthCheckId);
        if (geoProximity != null) {
            geoProximity.putProperties(p);
        }
        return p;
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    private static String upper(String s) {
        String v = blankToNull(s);
        return v == null ? null : v.strip().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
