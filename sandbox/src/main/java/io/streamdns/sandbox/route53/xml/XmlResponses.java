package io.streamdns.sandbox.route53.xml;

import io.streamdns.sandbox.route53.store.ChangeInfo;
import io.streamdns.sandbox.route53.store.Pages;
import io.streamdns.sandbox.route53.store.RecordSet;
import io.streamdns.sandbox.route53.store.Route53Error;
import io.streamdns.sandbox.route53.store.ZoneInfo;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Route 53 response bodies (2013-04-01), as the AWS SDK parses them. */
public final class XmlResponses {
    private XmlResponses() {
    }

    public static String createZone(Pages.CreatedZone created) {
        XmlWriter w = new XmlWriter("CreateHostedZoneResponse");
        zone(w, created.zone());
        changeInfo(w, created.change());
        zoneExtras(w, created.zone(), false);
        return w.end("CreateHostedZoneResponse");
    }

    public static String getZone(ZoneInfo zone) {
        XmlWriter w = new XmlWriter("GetHostedZoneResponse");
        zone(w, zone);
        zoneExtras(w, zone, true);
        return w.end("GetHostedZoneResponse");
    }

    public static String changeResponse(String root, ChangeInfo change) {
        XmlWriter w = new XmlWriter(root);
        changeInfo(w, change);
        return w.end(root);
    }

    public static String listZones(Pages.ZonePage page) {
        XmlWriter w = new XmlWriter("ListHostedZonesResponse");
        zones(w, page.zones());
        w.element("Marker", page.marker()).element("IsTruncated", page.truncated())
                .element("NextMarker", page.nextMarker()).element("MaxItems", page.maxItems());
        return w.end("ListHostedZonesResponse");
    }

    public static String listZonesByName(Pages.ZoneByNamePage page) {
        XmlWriter w = new XmlWriter("ListHostedZonesByNameResponse");
        zones(w, page.zones());
        w.element("DNSName", page.dnsName()).element("HostedZoneId", page.hostedZoneId())
                .element("IsTruncated", page.truncated()).element("NextDNSName", page.nextDnsName())
                .element("NextHostedZoneId", page.nextHostedZoneId()).element("MaxItems", page.maxItems());
        return w.end("ListHostedZonesByNameResponse");
    }

    public static String zoneCount(int count) {
        return new XmlWriter("GetHostedZoneCountResponse").element("HostedZoneCount", count)
                .end("GetHostedZoneCountResponse");
    }

    public static String listRecords(Pages.RecordPage page) {
        XmlWriter w = new XmlWriter("ListResourceRecordSetsResponse");
        w.open("ResourceRecordSets");
        for (RecordSet set : page.sets()) {
            recordSet(w, set);
        }
        w.close("ResourceRecordSets");
        w.element("IsTruncated", page.truncated()).element("NextRecordName", page.nextName())
                .element("NextRecordType", page.nextType()).element("NextRecordIdentifier", page.nextIdentifier())
                .element("MaxItems", page.maxItems());
        return w.end("ListResourceRecordSetsResponse");
    }

    public static String listTags(Map<String, Map<String, String>> tagsByZone) {
        XmlWriter w = new XmlWriter("ListTagsForResourcesResponse");
        w.open("ResourceTagSets");
        tagsByZone.forEach((id, tags) -> tagSet(w, id, tags));
        w.close("ResourceTagSets");
        return w.end("ListTagsForResourcesResponse");
    }

    public static String listTags(String zoneId, Map<String, String> tags) {
        XmlWriter w = new XmlWriter("ListTagsForResourceResponse");
        tagSet(w, zoneId, tags);
        return w.end("ListTagsForResourceResponse");
    }

    public static String empty(String root) {
        return new XmlWriter(root).end(root);
    }

    /**
     * Route 53's error shape. An InvalidChangeBatch comes in the same shape (Route 53 dropped its own
     * {@code <InvalidChangeBatch><Messages>} root, which SDK v2 cannot read): code InvalidChangeBatch and
     * the bracketed list of messages as the message, so the SDK's {@code getMessage()} carries them.
     */
    public static String error(Route53Error error, String requestId) {
        return new XmlWriter("ErrorResponse").open("Error").element("Type", error.type()).element("Code", error.code())
                .element("Message", error.getMessage()).close("Error").element("RequestId", requestId)
                .end("ErrorResponse");
    }

    private static void zones(XmlWriter w, List<ZoneInfo> zones) {
        w.open("HostedZones");
        zones.forEach(z -> zone(w, z));
        w.close("HostedZones");
    }

    private static void zone(XmlWriter w, ZoneInfo zone) {
        w.open("HostedZone").element("Id", "/hostedzone/" + zone.id()).element("Name", zone.name())
                .element("CallerReference", zone.header().callerReference())
                .open("Config").element("Comment", zone.header().comment())
                .element("PrivateZone", zone.privateZone()).close("Config")
                .element("ResourceRecordSetCount", zone.recordSetCount()).close("HostedZone");
    }

    private static void zoneExtras(XmlWriter w, ZoneInfo zone, boolean vpcList) {
        if (!zone.privateZone()) {
            w.open("DelegationSet").open("NameServers");
            zone.header().nameServers().forEach(ns -> w.element("NameServer", ns));
            w.close("NameServers").close("DelegationSet");
        } else if (vpcList) {
            w.open("VPCs");
            zone.header().vpcs().forEach(v -> vpc(w, v));
            w.close("VPCs");
        } else {
            zone.header().vpcs().stream().findFirst().ifPresent(v -> vpc(w, v));
        }
    }

    private static void vpc(XmlWriter w, ZoneInfo.Vpc vpc) {
        w.open("VPC").element("VPCRegion", vpc.region()).element("VPCId", vpc.id()).close("VPC");
    }

    private static void changeInfo(XmlWriter w, ChangeInfo change) {
        w.open("ChangeInfo").element("Id", "/change/" + change.id()).element("Status", change.status())
                .element("SubmittedAt", DateTimeFormatter.ISO_INSTANT.format(
                        change.submittedAt().truncatedTo(ChronoUnit.MILLIS)))
                .element("Comment", change.comment()).close("ChangeInfo");
    }

    private static void recordSet(XmlWriter w, RecordSet set) {
        w.open("ResourceRecordSet").element("Name", set.name()).element("Type", set.type())
                .element("SetIdentifier", set.setIdentifier()).element("Weight", set.weight())
                .element("Region", set.region());
        if (set.geoLocation() != null) {
            w.open("GeoLocation").element("ContinentCode", set.geoLocation().continentCode())
                    .element("CountryCode", set.geoLocation().countryCode())
                    .element("SubdivisionCode", set.geoLocation().subdivisionCode()).close("GeoLocation");
        }
        w.element("Failover", set.failover()).element("MultiValueAnswer", set.multiValueAnswer())
                .element("TTL", set.ttl());
        if (set.values() != null) {
            w.open("ResourceRecords");
            set.values().forEach(v -> w.open("ResourceRecord").element("Value", v).close("ResourceRecord"));
            w.close("ResourceRecords");
        }
        if (set.alias() != null) {
            w.open("AliasTarget").element("HostedZoneId", set.alias().hostedZoneId())
                    .element("DNSName", set.alias().dnsName())
                    .element("EvaluateTargetHealth", set.alias().evaluateTargetHealth()).close("AliasTarget");
        }
        w.element("HealthCheckId", set.healthCheckId());
        RecordSet.GeoProximity p = set.geoProximity();
        if (p != null) {
            w.open("GeoProximityLocation").element("AWSRegion", p.awsRegion())
                    .element("LocalZoneGroup", p.localZoneGroup());
            if (p.latitude() != null) {
                w.open("Coordinates").element("Latitude", p.latitude()).element("Longitude", p.longitude())
                        .close("Coordinates");
            }
            w.element("Bias", p.bias()).close("GeoProximityLocation");
        }
        w.close("ResourceRecordSet");
    }

    private static void tagSet(XmlWriter w, String zoneId, Map<String, String> tags) {
        w.open("ResourceTagSet").element("ResourceType", "hostedzone").element("ResourceId", zoneId).open("Tags");
        tags.forEach((k, v) -> w.open("Tag").element("Key", k).element("Value", v).close("Tag"));
        w.close("Tags").close("ResourceTagSet");
    }
}
