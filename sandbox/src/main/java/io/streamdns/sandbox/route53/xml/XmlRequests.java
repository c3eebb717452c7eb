package io.streamdns.sandbox.route53.xml;

import io.streamdns.sandbox.route53.store.ChangeRequest;
import io.streamdns.sandbox.route53.store.Route53Error;
import io.streamdns.sandbox.route53.store.ZoneInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Route 53 request bodies (2013-04-01) read into the store's request types. */
public final class XmlRequests {
    private XmlRequests() {
    }

    /** {@code <CreateHostedZoneRequest>}. */
    public record CreateZone(String name, String callerReference, String comment, boolean privateZone,
                             List<ZoneInfo.Vpc> vpcs) {
    }

    /** {@code <ChangeResourceRecordSetsRequest>}. */
    public record ChangeBatch(String comment, List<ChangeRequest> changes) {
    }

    /** {@code <ChangeTagsForResourceRequest>}. */
    public record ChangeTags(Map<String, String> add, List<String> removeKeys) {
    }

    public static CreateZone createZone(byte[] body) {
        XmlNode root = root(body, "CreateHostedZoneRequest");
        List<ZoneInfo.Vpc> vpcs = new ArrayList<>();
        XmlNode vpc = root.child("VPC");
        if (vpc != null) {
            if (vpc.text("VPCId") == null || vpc.text("VPCRegion") == null) {
                throw Route53Error.sender(400, Route53Error.INVALID_VPC_ID, "Invalid or missing VPC Id.");
            }
            vpcs.add(new ZoneInfo.Vpc(vpc.text("VPCRegion"), vpc.text("VPCId")));
        }
        XmlNode config = root.child("HostedZoneConfig");
        String comment = config == null ? null : config.text("Comment");
        boolean privateFlag = config != null && "true".equals(config.text("PrivateZone"));
        return new CreateZone(root.text("Name"), root.text("CallerReference"), comment,
                privateFlag || !vpcs.isEmpty(), vpcs);
    }

    public static ChangeBatch changeBatch(byte[] body) {
        XmlNode root = root(body, "ChangeResourceRecordSetsRequest");
        XmlNode batch = root.child("ChangeBatch");
        if (batch == null) {
            throw incomplete("ChangeResourceRecordSetsRequest", "ChangeBatch");
        }
        XmlNode changesNode = batch.child("Changes");
        List<ChangeRequest> changes = new ArrayList<>();
        if (changesNode != null) {
            for (XmlNode change : changesNode.children("Change")) {
                changes.add(change(change));
            }
        }
        return new ChangeBatch(batch.text("Comment"), changes);
    }

    public static List<String> resourceIds(byte[] body) {
        XmlNode root = root(body, "ListTagsForResourcesRequest");
        XmlNode ids = root.child("ResourceIds");
        List<String> out = new ArrayList<>();
        if (ids != null) {
            ids.children("ResourceId").forEach(n -> out.add(n.text()));
        }
        return out;
    }

    public static ChangeTags changeTags(byte[] body) {
        XmlNode root = root(body, "ChangeTagsForResourceRequest");
        Map<String, String> add = new LinkedHashMap<>();
        XmlNode addTags = root.child("AddTags");
        if (addTags != null) {
            for (XmlNode tag : addTags.children("Tag")) {
                add.put(tag.text("Key"), tag.text("Value") == null ? "" : tag.text("Value"));
            }
        }
        List<String> remove = new ArrayList<>();
        XmlNode keys = root.child("RemoveTagKeys");
        if (keys != null) {
            keys.children("Key").forEach(k -> remove.add(k.text()));
        }
        return new ChangeTags(add, remove);
    }

    private static ChangeRequest change(XmlNode change) {
        XmlNode rrs = change.child("ResourceRecordSet");
        if (rrs == null) {
            throw incomplete("Change", "ResourceRecordSet");
        }
        List<String> values = null;
        XmlNode records = rrs.child("ResourceRecords");
        if (records != null) {
            values = new ArrayList<>();
            for (XmlNode record : records.children("ResourceRecord")) {
                values.add(record.text("Value"));
            }
        }
        ChangeRequest.AliasRequest alias = null;
        XmlNode target = rrs.child("AliasTarget");
        if (target != null) {
            alias = new ChangeRequest.AliasRequest(target.text("HostedZoneId"), target.text("DNSName"),
                    target.text("EvaluateTargetHealth"));
        }
        ChangeRequest.GeoRequest geo = null;
        XmlNode g = rrs.child("GeoLocation");
        if (g != null) {
            geo = new ChangeRequest.GeoRequest(g.text("ContinentCode"), g.text("CountryCode"), g.text("SubdivisionCode"));
        }
        ChangeRequest.GeoProximityRequest proximity = null;
        XmlNode p = rrs.child("GeoProximityLocation");
        if (p != null) {
            XmlNode c = p.child("Coordinates");
            proximity = new ChangeRequest.GeoProximityRequest(p.text("AWSRegion"), p.text("LocalZoneGroup"), c != null,
                    c == null ? null : c.text("Latitude"), c == null ? null : c.text("Longitude"), p.text("Bias"));
        }
        return new ChangeRequest(change.text("Action"), rrs.text("Name"), rrs.text("Type"), rrs.text("SetIdentifier"),
                rrs.text("Weight"), rrs.text("Region"), geo, rrs.text("Failover"), rrs.text("MultiValueAnswer"),
                rrs.text("TTL"), values, alias, rrs.text("HealthCheckId"), rrs.text("TrafficPolicyInstanceId"),
                proximity);
    }

    private static XmlNode root(byte[] body, String expected) {
        if (body == null || body.length == 0) {
            throw Route53Error.invalidInput("Invalid XML ; Premature end of file.");
        }
        XmlNode root = XmlNode.parse(body);
        if (!root.name().equals(expected)) {
            throw Route53Error.invalidInput("Invalid XML ; cvc-elt.1.a: Cannot find the declaration of element '"
                    + root.name() + "'.");
        }
        return root;
    }

    private static Route53Error incomplete(String element, String expected) {
        return Route53Error.invalidInput("Invalid XML ; cvc-complex-type.2.4.b: The content of element '" + element
                + "' is not complete. One of '{\"https://route53.amazonaws.com/doc/2013-04-01/\":" + expected
                + "}' is expected.");
    }
}
