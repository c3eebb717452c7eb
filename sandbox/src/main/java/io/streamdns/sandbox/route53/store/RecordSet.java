package io.streamdns.sandbox.route53.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A resource record set as stored: canonical name (lower case, trailing dot, Route 53 escapes), type,
 * optional set identifier with its routing field, and either TTL + values or an alias target.
 */
public record RecordSet(String name, String type, String setIdentifier, Long weight, String region,
                        GeoLocation geoLocation, String failover, Boolean multiValueAnswer, Long ttl,
                        List<String> values, Alias alias, String healthCheckId, GeoProximity geoProximity) {

    public RecordSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = values == null ? null : List.copyOf(values);
    }

    /** A record set without geoproximity routing. */
    public RecordSet(String name, String type, String setIdentifier, Long weight, String region,
                     GeoLocation geoLocation, String failover, Boolean multiValueAnswer, Long ttl,
                     List<String> values, Alias alias, String healthCheckId) {
        this(name, type, setIdentifier, weight, region, geoLocation, failover, multiValueAnswer, ttl, values, alias,
                healthCheckId, null);
    }

    /** A simple (non-alias, no routing policy) record set. */
    public static RecordSet simple(String name, String type, long ttl, List<String> values) {
        return new RecordSet(name, type, null, null, null, null, null, null, ttl, values, null, null);
    }

    /** An alias target: the zone of the target, its DNS name (canonical) and whether health is evaluated. */
    public record Alias(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
    }

    /** A geolocation: a continent, or a country with an optional subdivision. */
    public record GeoLocation(String continentCode, String countryCode, String subdivisionCode) {
    }

    /**
     * A geoproximity location: exactly one of an AWS Region, a Local Zone group or coordinates (latitude and
     * longitude as given, Route 53 keeps the text), and a bias (null when not given).
     */
    public record GeoProximity(String awsRegion, String localZoneGroup, String latitude, String longitude,
                               Integer bias) {
    }

    public RecordKey key() {
        return RecordKey.of(name, type, setIdentifier);
    }

    public RoutingPolicy routing() {
        if (weight != null) {
            return RoutingPolicy.WEIGHTED;
        }
        if (region != null) {
            return RoutingPolicy.LATENCY;
        }
        if (failover != null) {
            return RoutingPolicy.FAILOVER;
        }
        if (geoLocation != null) {
            return RoutingPolicy.GEOLOCATION;
        }
        if (geoProximity != null) {
            return RoutingPolicy.GEOPROXIMITY;
        }
        if (multiValueAnswer != null) {
            return RoutingPolicy.MULTIVALUE;
        }
        return RoutingPolicy.SIMPLE;
    }

    public boolean isAlias() {
        return alias != null;
    }

    /** Same content as Route 53 compares on DELETE: everything, values in any order. */
    public boolean sameContent(RecordSet other) {
        return name.equals(other.name) && type.equals(other.type)
                && Objects.equals(setIdentifier, other.setIdentifier)
                && Objects.equals(weight, other.weight) && Objects.equals(region, other.region)
                && Objects.equals(geoLocation, other.geoLocation) && Objects.equals(failover, other.failover)
                && Objects.equals(multiValueAnswer, other.multiValueAnswer) && Objects.equals(ttl, other.ttl)
                && Objects.equals(sorted(values), sorted(other.values)) && Objects.equals(alias, other.alias)
                && Objects.equals(healthCheckId, other.healthCheckId)
                && Objects.equals(geoProximity, other.geoProximity);
    }

    /** Number of ResourceRecord elements (what the 1000-per-batch limit counts). */
    public int recordCount() {
        return values == null ? 0 : values.size();
    }

    /** Characters of all values (what the 32,000-per-batch limit counts). */
    public int valueChars() {
        int n = 0;
        if (values != null) {
            for (String v : values) {
                n += v.length();
            }
        }
        return n;
    }

    /** {@code [name='x.', type='A']} or with {@code , set-identifier='id'}, as Route 53 names a set. */
    public String describe() {
        return "[name='" + name + "', type='" + type + "'"
                + (setIdentifier == null ? "" : ", set-identifier='" + setIdentifier + "'") + "]";
    }

    private static List<String> sorted(List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
