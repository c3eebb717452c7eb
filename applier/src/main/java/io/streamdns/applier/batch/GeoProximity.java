package io.streamdns.applier.batch;

import io.streamdns.model.ProviderProperties;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Route 53 GeoProximityLocation from the {@code aws/geoproximity-*} properties, as external-dns maps them
 * ({@code provider/aws}: region, local zone group, coordinates "latitude,longitude", bias, the bias 0 when unset).
 * Checked as Route 53 checks it, so an invalid combination is refused here with its reason instead of being sent
 * half-formed (external-dns drops bad coordinates with a warning and sends the rest): exactly one location kind, the
 * bias a whole number in -99..99, latitude {@code [-+]?[0-9]{1,2}(\.[0-9]{0,2})?} in -90..90, longitude
 * {@code [-+]?[0-9]{1,3}(\.[0-9]{0,2})?} in -180..180, a region or group of 1..64 characters.
 *
 * @param latitude  as given (Route 53 keeps the text), or null
 * @param longitude as given, or null
 */
public record GeoProximity(String region, String localZoneGroup, String latitude, String longitude, int bias) {
    private static final Pattern LATITUDE = Pattern.compile("[-+]?[0-9]{1,2}(\\.[0-9]{0,2})?");
    private static final Pattern LONGITUDE = Pattern.compile("[-+]?[0-9]{1,3}(\\.[0-9]{0,2})?");

    /** The location the properties ask for, null when none of them is present. */
    static GeoProximity fromProperties(Map<String, String> props) {
        String region = text(props.get(ProviderProperties.AWS_GEOPROXIMITY_REGION));
        String group = text(props.get(ProviderProperties.AWS_GEOPROXIMITY_LOCAL_ZONE_GROUP));
        String coordinates = text(props.get(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES));
        String bias = text(props.get(ProviderProperties.AWS_GEOPROXIMITY_BIAS));
        if (region == null && group == null && coordinates == null && bias == null) {
            return null;
        }
        int kinds = (region != null ? 1 : 0) + (group != null ? 1 : 0) + (coordinates != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("geoproximity needs exactly one of "
                    + ProviderProperties.AWS_GEOPROXIMITY_REGION + ", " + ProviderProperties.AWS_GEOPROXIMITY_LOCAL_ZONE_GROUP
                    + " or " + ProviderProperties.AWS_GEOPROXIMITY_COORDINATES + ", found " + (kinds == 0 ? "none" : kinds));
        }
        length(region, ProviderProperties.AWS_GEOPROXIMITY_REGION);
        length(group, ProviderProperties.AWS_GEOPROXIMITY_LOCAL_ZONE_GROUP);
        String lat = null;
        String lon = null;
        if (coordinates != null) {
            String[] parts = coordinates.split(",", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES + " '" + coordinates
                        + "' is not 'latitude,longitude'");
            }
            lat = coordinate(parts[0].strip(), "latitude", LATITUDE, 6, 90);
            lon = coordinate(parts[1].strip(), "longitude", LONGITUDE, 7, 180);
        }
        int b = 0;
        if (bias != null) {
            try {
                b = Integer.parseInt(bias);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ProviderProperties.AWS_GEOPROXIMITY_BIAS + " '" + bias
                        + "' is not a whole number");
            }
            if (b < -99 || b > 99) {
                throw new IllegalArgumentException(ProviderProperties.AWS_GEOPROXIMITY_BIAS + " " + b
                        + " is outside -99..99");
            }
        }
        return new GeoProximity(region, group, lat, lon, b);
    }

    void putProperties(Map<String, String> p) {
        if (region != null) {
            p.put(ProviderProperties.AWS_GEOPROXIMITY_REGION, region);
        }
        if (localZoneGroup != null) {
            p.put(ProviderProperties.AWS_GEOPROXIMITY_LOCAL_ZONE_GROUP, localZoneGroup);
        }
        if (latitude != null) {
            p.put(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES, latitude + "," + longitude);
        }
        p.put(ProviderProperties.AWS_GEOPROXIMITY_BIAS, Integer.toString(bias));
    }

    private static void length(String value, String property) {
        if (value != null && value.length() > 64) {
            throw new IllegalArgumentException(property + " is longer than 64 characters");
        }
    }

    private static String coordinate(String value, String what, Pattern pattern, int maxLength, int range) {
        if (value.isEmpty() || value.length() > maxLength || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES + ": " + what + " '"
                    + value + "' is not a number with at most 2 decimals, as Route 53 takes it");
        }
        double v = Double.parseDouble(value);
        if (v < -range || v > range) {
            throw new IllegalArgumentException(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES + ": " + what + " "
                    + value + " is outside -" + range + ".." + range);
        }
        return value;
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
