package io.streamdns.sandbox.route53.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One {@code <Change>} of a ChangeResourceRecordSets request as received: every field the raw text (null
 * when the element was absent), so the validator can answer exactly as Route 53 does. {@code values} is
 * null when there was no {@code <ResourceRecords>} element.
 */
public record ChangeRequest(String action, String name, String type, String setIdentifier, String weight,
                            String region, GeoRequest geoLocation, String failover, String multiValueAnswer,
                            String ttl, List<String> values, AliasRequest alias, String healthCheckId,
                            String trafficPolicyInstanceId, GeoProximityRequest geoProximity) {

    public ChangeRequest {
        values = values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** A change without {@code <GeoProximityLocation>}. */
    public ChangeRequest(String action, String name, String type, String setIdentifier, String weight,
                         String region, GeoRequest geoLocation, String failover, String multiValueAnswer,
                         String ttl, List<String> values, AliasRequest alias, String healthCheckId,
                         String trafficPolicyInstanceId) {
        this(action, name, type, setIdentifier, weight, region, geoLocation, failover, multiValueAnswer, ttl, values,
                alias, healthCheckId, trafficPolicyInstanceId, null);
    }

    /**
     * {@code <GeoProximityLocation>} as received; {@code coordinates} false when there was no {@code <Coordinates>}
     * element (then latitude and longitude are null).
     */
    public record GeoProximityRequest(String awsRegion, String localZoneGroup, boolean coordinates, String latitude,
                                      String longitude, String bias) {
    }

    /** This change with a geoproximity routing policy. */
    public ChangeRequest geoProximity(String setIdentifier, GeoProximityRequest location) {
        return new ChangeRequest(action, name, type, setIdentifier, weight, region, geoLocation,
                failover, multiValueAnswer, ttl, values, alias, healthCheckId, trafficPolicyInstanceId, location);
    }

    /** {@code <AliasTarget>} as received. */
    public record AliasRequest(String hostedZoneId, String dnsName, String evaluateTargetHealth) {
    }

    /** {@code <GeoLocation>} as received. */
    public record GeoRequest(String continentCode, String countryCode, String subdivisionCode) {
    }

    /** A plain change, e.g. {@code of("CREATE", "a.example.com", "A", 300, List.of("10.0.0.1"))}. */
    public static ChangeRequest of(String action, String name, String type, long ttl, List<String> values) {
        return new ChangeRequest(action, name, type, null, null, null, null, null, null, Long.toString(ttl),
                values, null, null, null);
    }

    /** An alias change. */
    public static ChangeRequest alias(String action, String name, String type, String targetZoneId,
                                      String targetName, boolean evaluateTargetHealth) {
        return new ChangeRequest(action, name, type, null, null, null, null, null, null, null, null,
                new AliasRequest(targetZoneId, targetName, Boolean.toString(evaluateTargetHealth)), null, null);
    }

    /** This change with a weighted routing policy. */
    public ChangeRequest weighted(String setIdentifier, long weight) {
        return new ChangeRequest(action, name, type, setIdentifier, Long.toString(weight), region, geoLocation,
                failover, multiValueAnswer, ttl, values, alias, healthCheckId, trafficPolicyInstanceId);
    }

    /** This change with a set identifier and no routing field (invalid on its own; for tests). */
    public ChangeRequest withSetIdentifier(String setIdentifier) {
        return new ChangeRequest(action, name, type, setIdentifier, weight, region, geoLocation,
                failover, multiValueAnswer, ttl, values, alias, healthCheckId, trafficPolicyInstanceId);
    }

    /** This change with a latency routing policy. */
    public ChangeRequest latency(String setIdentifier, String region) {
        return new ChangeRequest(action, name, type, setIdentifier, weight, region, geoLocation,
                failover, multiValueAnswer, ttl, values, alias, healthCheckId, trafficPolicyInstanceId);
    }

    /** This change with a failover routing policy (PRIMARY or SECONDARY). */
    public ChangeRequest failover(String setIdentifier, String failover) {
        return new ChangeRequest(action, name, type, setIdentifier, weight, region, geoLocation,
                failover, multiValueAnswer, ttl, values, alias, healthCheckId, trafficPolicyInstanceId);
    }

    /** Route 53's description of a change in InvalidInput messages. */
    public String describe() {
        return "[Action=" + action + ", Name=" + name + ", Type=" + type + ", SetIdentifier=" + setIdentifier + "]";
    }
}
