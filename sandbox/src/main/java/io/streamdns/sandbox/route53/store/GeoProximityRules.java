package io.streamdns.sandbox.route53.store;

import java.util.regex.Pattern;

/**
 * Route 53's checks of a {@code <GeoProximityLocation>} (API reference: GeoProximityLocation, Coordinates): exactly
 * one of AWSRegion, LocalZoneGroup or Coordinates; AWSRegion and LocalZoneGroup 1..64 characters; Bias an integer
 * in -99..99; Latitude {@code [-+]?[0-9]{1,2}(\.[0-9]{0,2})?} (at most 6 characters, -90..90) and Longitude
 * {@code [-+]?[0-9]{1,3}(\.[0-9]{0,2})?} (at most 7, -180..180), both required. The routing-field count (a set
 * identifier, one policy) is {@link ChangeValidator}'s.
 */
final class GeoProximityRules {
    private static final Pattern LATITUDE = Pattern.compile("[-+]?[0-9]{1,2}(\\.[0-9]{0,2})?");
    private static final Pattern LONGITUDE = Pattern.compile("[-+]?[0-9]{1,3}(\\.[0-9]{0,2})?");

    private GeoProximityRules() {
    }

    static RecordSet.GeoProximity validate(ChangeRequest.GeoProximityRequest g, ChangeRequest r) {
        if (g == null) {
            return null;
        }
        int locations = (g.awsRegion() != null ? 1 : 0) + (g.localZoneGroup() != null ? 1 : 0)
                + (g.coordinates() ? 1 : 0);
        if (locations != 1) {
            throw Route53Error.invalidInput("Invalid request: Expected exactly one of [AWSRegion, LocalZoneGroup, or"
                    + " Coordinates], but found " + (locations == 0 ? "none" : "more than one")
                    + " in GeoProximityLocation in Change with " + r.describe());
        }
        length(g.awsRegion(), 64, "AWSRegion");
        length(g.localZoneGroup(), 64, "LocalZoneGroup");
        if (g.coordinates()) {
            coordinate(g.latitude(), "Latitude", LATITUDE, 6, 90);
            coordinate(g.longitude(), "Longitude", LONGITUDE, 7, 180);
        }
        Integer bias = null;
        if (g.bias() != null) {
            long b;
            try {
                b = Long.parseLong(g.bias().trim());
            } catch (NumberFormatException e) {
                throw Route53Error.invalidInput("Invalid XML ; cvc-datatype-valid.1.2.1: '" + g.bias()
                        + "' is not a valid value for 'integer'.");
            }
            if (b < -99 || b > 99) {
                throw Route53Error.invalidInput("Invalid XML ; cvc-" + (b < -99 ? "minInclusive" : "maxInclusive")
                        + "-valid: Value '" + g.bias() + "' is not facet-valid with respect to "
                        + (b < -99 ? "minInclusive '-99'" : "maxInclusive '99'") + " for type 'GeoProximityBias'.");
            }
            bias = (int) b;
        }
        return new RecordSet.GeoProximity(g.awsRegion(), g.localZoneGroup(), g.latitude(), g.longitude(), bias);
    }

    private static void length(String value, int max, String type) {
        if (value != null && (value.isEmpty() || value.length() > max)) {
            throw Route53Error.invalidInput("Invalid XML ; cvc-length-valid: Value '" + value + "' with length = '"
                    + value.length() + "' is not facet-valid with respect to length 1.." + max + " for type '"
                    + type + "'.");
        }
    }

    private static void coordinate(String value, String element, Pattern pattern, int maxLength, double range) {
        if (value == null) {
            throw Route53Error.invalidInput("Invalid XML ; cvc-complex-type.2.4.b: The content of element"
                    + " 'Coordinates' is not complete. One of '" + ChangeValidator.NS + element + "}' is expected.");
        }
        if (value.isEmpty() || value.length() > maxLength || !pattern.matcher(value).matches()) {
            throw Route53Error.invalidInput("Invalid XML ; cvc-pattern-valid: Value '" + value
                    + "' is not facet-valid with respect to pattern '" + pattern.pattern() + "' for type '"
                    + element + "'.");
        }
        double v = Double.parseDouble(value);
        if (v < -range || v > range) {
            throw Route53Error.invalidInput("Invalid request: " + element + " '" + value + "' is outside -"
                    + (int) range + ".." + (int) range);
        }
    }
}
