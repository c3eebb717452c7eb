package io.streamdns.applier.provider;

import io.streamdns.applier.batch.Change;
import io.streamdns.applier.batch.GeoProximity;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Routing;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneSelection;
import io.streamdns.model.RecordTypes;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.Coordinates;
import software.amazon.awssdk.services.route53.model.GeoLocation;
import software.amazon.awssdk.services.route53.model.GeoProximityLocation;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Our record sets ↔ the SDK's, at the edge. Names: Route 53 writes a trailing dot and {@code \052} for {@code *}. */
public final class Route53Mapping {
    private Route53Mapping() {
    }

    public static Zone zone(HostedZone z) {
        boolean priv = z.config() != null && Boolean.TRUE.equals(z.config().privateZone());
        return new Zone(ZoneSelection.bareId(z.id()), name(z.name()), priv);
    }

    public static software.amazon.awssdk.services.route53.model.Change change(Change c) {
        ChangeAction action = switch (c.action()) {
            case CREATE -> ChangeAction.CREATE;
            case DELETE -> ChangeAction.DELETE;
            case UPSERT -> ChangeAction.UPSERT;
        };
        return software.amazon.awssdk.services.route53.model.Change.builder().action(action)
                .resourceRecordSet(toSdk(c.recordSet())).build();
    }

    public static ResourceRecordSet toSdk(RecordSet s) {
        ResourceRecordSet.Builder b = ResourceRecordSet.builder().name(s.name() + ".").type(s.type())
                .setIdentifier(s.setIdentifier());
        if (s.alias() != null) {
            b.aliasTarget(AliasTarget.builder().hostedZoneId(s.alias().hostedZoneId()).dnsName(s.alias().dnsName() + ".")
                    .evaluateTargetHealth(s.alias().evaluateTargetHealth()).build());
        } else {
            b.ttl(s.ttl()).resourceRecords(s.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
        }
        Routing r = s.routing();
        b.weight(r.weight()).region(r.region()).failover(r.failover()).multiValueAnswer(r.multiValueAnswer())
                .healthCheckId(r.healthCheckId());
        if (r.isGeo()) {
            b.geoLocation(GeoLocation.builder().continentCode(r.continent()).countryCode(r.country())
                    .subdivisionCode(r.subdivision()).build());
        }
        GeoProximity p = r.geoProximity();
        if (p != null) {
            b.geoProximityLocation(GeoProximityLocation.builder().awsRegion(p.region()).localZoneGroup(p.localZoneGroup())
                    .coordinates(p.latitude() == null ? null
                            : Coordinates.builder().latitude(p.latitude()).longitude(p.longitude()).build())
                    .bias(p.bias()).build());
        }
        return b.build();
    }

    public static RecordSet fromSdk(ResourceRecordSet s) {
        String type = s.typeAsString();
        GeoLocation geo = s.geoLocation();
        Routing routing = new Routing(s.weight(), s.regionAsString(), s.failoverAsString(),
                geo == null ? null : geo.continentCode(), geo == null ? null : geo.countryCode(),
                geo == null ? null : geo.subdivisionCode(), s.multiValueAnswer(), s.healthCheckId(),
                geoProximity(s.geoProximityLocation()));
        if (s.aliasTarget() != null) {
            AliasTarget a = s.aliasTarget();
            return new RecordSet(name(s.name()), type, 0, List.of(), s.setIdentifier(),
                    new io.streamdns.model.AliasTarget(a.hostedZoneId(), name(a.dnsName()),
                            Boolean.TRUE.equals(a.evaluateTargetHealth())), routing);
        }
        List<String> values = s.resourceRecords() == null ? List.of()
                : s.resourceRecords().stream().map(ResourceRecord::value)
                .map(v -> type.equals(RecordTypes.CNAME) ? stripDot(v) : v).toList();
        return new RecordSet(name(s.name()), type, s.ttl() == null ? 0 : s.ttl(), values, s.setIdentifier(), null, routing);
    }

    /** Route 53's location as read back; a bias it does not report is 0 (what external-dns compares with). */
    private static GeoProximity geoProximity(GeoProximityLocation g) {
        if (g == null) {
            return null;
        }
        Coordinates c = g.coordinates();
        return new GeoProximity(g.awsRegion(), g.localZoneGroup(), c == null ? null : c.latitude(),
                c == null ? null : c.longitude(), g.bias() == null ? 0 : g.bias());
    }

    /** Route 53's spelling → normal form: lower case, no trailing dot, octal escapes ({@code \052}) decoded. */
    public static String name(String raw) {
        String n = stripDot(raw);
        if (n.indexOf('\\') >= 0) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n.length(); i++) {
                char c = n.charAt(i);
                if (c == '\\' && isOctal(n, i + 1)) {
                    sb.append((char) Integer.parseInt(n.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    sb.append(c);
                }
            }
            n = sb.toString();
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
