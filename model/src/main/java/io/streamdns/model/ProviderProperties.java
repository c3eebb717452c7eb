package io.streamdns.model;

import java.util.Map;

/** Keys of {@link Endpoint#providerSpecific()}, as external-dns names them. */
public final class ProviderProperties {
    /** "true": an ALIAS record (Route 53) instead of a CNAME; the target is the alias DNS name. */
    public static final String ALIAS = "alias";
    /**
     * Restricts an ALIAS made from a CNAME to one address family: "A" or "AAAA" (the {@code alias} annotation's
     * A/AAAA values); absent: both. Read by the planner, never written to a provider.
     */
    public static final String ALIAS_TYPE = "alias-type";
    public static final String AWS_WEIGHT = "aws/weight";
    public static final String AWS_REGION = "aws/region";
    public static final String AWS_FAILOVER = "aws/failover";
    public static final String AWS_GEO_CONTINENT = "aws/geolocation-continent-code";
    public static final String AWS_GEO_COUNTRY = "aws/geolocation-country-code";
    public static final String AWS_GEO_SUBDIVISION = "aws/geolocation-subdivision-code";
    public static final String AWS_MULTI_VALUE_ANSWER = "aws/multi-value-answer";
    /** Geoproximity routing (Route 53 GeoProximityLocation): one of region, local zone group, coordinates. */
    public static final String AWS_GEOPROXIMITY_REGION = "aws/geoproximity-region";
    public static final String AWS_GEOPROXIMITY_LOCAL_ZONE_GROUP = "aws/geoproximity-local-zone-group";
    /** "latitude,longitude". */
    public static final String AWS_GEOPROXIMITY_COORDINATES = "aws/geoproximity-coordinates";
    /** -99..99; 0 when a location is given without it. */
    public static final String AWS_GEOPROXIMITY_BIAS = "aws/geoproximity-bias";
    public static final String AWS_HEALTH_CHECK_ID = "aws/health-check-id";
    public static final String AWS_EVALUATE_TARGET_HEALTH = "aws/evaluate-target-health";
    public static final String AWS_TARGET_HOSTED_ZONE = "aws/target-hosted-zone";
    public static final String AWS_HOSTED_ZONE_ID = "aws/hosted-zone-id";
    /** Set by the planner on an update whose ownership TXT must be rewritten. */
    public static final String TXT_FORCE_UPDATE = "txt/force-update";

    private ProviderProperties() {
    }

    /** The routing-policy kind an endpoint's properties select, or "simple". */
    public static String routingKind(Map<String, String> props) {
        if (props.containsKey(AWS_WEIGHT)) {
            return "weighted";
        }
        if (props.containsKey(AWS_REGION)) {
            return "latency";
        }
        if (props.containsKey(AWS_FAILOVER)) {
            return "failover";
        }
        if (props.containsKey(AWS_GEO_CONTINENT) || props.containsKey(AWS_GEO_COUNTRY)
                || props.containsKey(AWS_GEO_SUBDIVISION)) {
            return "geolocation";
        }
        if (props.containsKey(AWS_GEOPROXIMITY_REGION) || props.containsKey(AWS_GEOPROXIMITY_LOCAL_ZONE_GROUP)
                || props.containsKey(AWS_GEOPROXIMITY_COORDINATES) || props.containsKey(AWS_GEOPROXIMITY_BIAS)) {
            return "geoproximity";
        }
        if (props.containsKey(AWS_MULTI_VALUE_ANSWER)) {
            return "multivalue";
        }
        return "simple";
    }
}
