package io.streamdns.sandbox.route53.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Input validation of a change batch, before the zone is looked at. Malformed requests (what Route 53's
 * XML schema and request checks reject) throw {@code InvalidInput} with the first problem; the batch
 * limits (1000 ResourceRecord elements, 32,000 value characters, UPSERT counted twice) throw
 * {@code InvalidChangeBatch}; bad names and values become per-change problems that the zone batch
 * reports together with its own, in order.
 */
public final class ChangeValidator {
    public static final int MAX_RECORDS = 1000;
    public static final int MAX_CHARS = 32_000;
    static final String NS = "{\"https://route53.amazonaws.com/doc/2013-04-01/\":";
    static final List<String> TYPES = List.of("SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV",
            "SPF", "AAAA", "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS");
    private static final Set<String> TYPE_SET = Set.copyOf(TYPES);
    private static final long MAX_TTL = 2_147_483_647L;

    private ChangeValidator() {
    }

    public static List<Change> validate(List<ChangeRequest> requests) {
        if (requests == null || requests.isEmpty()) {
            throw Route53Error.invalidInput("Invalid XML ; cvc-complex-type.2.4.b: The content of element"
                    + " 'Changes' is not complete. One of '" + NS + "Change}' is expected.");
        }
        List<Change> changes = new ArrayList<>(requests.size());
        long records = 0;
        long chars = 0;
        for (ChangeRequest request : requests) {
            Change change = validate(request);
            int factor = change.action() == Change.Action.UPSERT ? 2 : 1;
            records += (long) change.set().recordCount() * factor;
            chars += (long) change.set().valueChars() * factor;
            changes.add(change);
        }
        List<String> limits = new ArrayList<>();
        if (records > MAX_RECORDS) {
            limits.add("Number of records limit of " + MAX_RECORDS + " exceeded.");
        }
        if (chars > MAX_CHARS) {
            limits.add("RDATA character limit of " + MAX_CHARS + " exceeded.");
        }
        if (!limits.isEmpty()) {
            throw Route53Error.invalidChangeBatch(limits);
        }
        return changes;
    }

    static Change validate(ChangeRequest r) {
        Change.Action action = action(r.action());
        if (r.name() == null) {
            throw incomplete("ResourceRecordSet", "Name");
        }
        if (r.type() == null) {
            throw incomplete("ResourceRecordSet", "Type");
        }
        if (!TYPE_SET.contains(r.type())) {
            throw enumeration(r.type(), TYPES);
        }
        Long ttl = r.ttl() == null ? null : number(r.ttl(), 0, MAX_TTL, "TTL");
        Long weight = r.weight() == null ? null : number(r.weight(), 0, 255, "ResourceRecordSetWeight");
        if (r.failover() != null && !r.failover().equals("PRIMARY") && !r.failover().equals("SECONDARY")) {
            throw enumeration(r.failover(), List.of("PRIMARY", "SECONDARY"));
        }
        Boolean multiValue = r.multiValueAnswer() == null ? null : bool(r.multiValueAnswer());
        if (r.setIdentifier() != null && (r.setIdentifier().isEmpty() || r.setIdentifier().length() > 128)) {
            throw Route53Error.invalidInput("Invalid XML ; cvc-length-valid: Value '" + r.setIdentifier()
                    + "' with length = '" + r.setIdentifier().length()
                    + "' is not facet-valid with respect to length 1..128 for type 'ResourceRecordSetIdentifier'.");
        }
        if (r.values() != null) {
            if (r.values().isEmpty()) {
                throw incomplete("ResourceRecords", "ResourceRecord");
            }
            for (String v : r.values()) {
                if (v == null) {
                    throw incomplete("ResourceRecord", "Value");
                }
            }
        }
        RecordSet.Alias alias = null;
        List<String> problems = new ArrayList<>();
        if (r.alias() != null) {
            ChangeRequest.AliasRequest a = r.alias();
            if (a.hostedZoneId() == null) {
                throw incomplete("AliasTarget", "HostedZoneId");
            }
            if (a.dnsName() == null) {
                throw incomplete("AliasTarget", "DNSName");
            }
            if (a.evaluateTargetHealth() == null) {
                throw incomplete("AliasTarget", "EvaluateTargetHealth");
            }
            DnsName.Parsed target = DnsName.parse(a.dnsName());
            if (!target.ok()) {
                problems.add("FATAL problem: " + target.problem() + " encountered with '" + a.dnsName() + "'");
            }
            alias = new RecordSet.Alias(a.hostedZoneId(), target.ok() ? target.name() : a.dnsName(),
                    bool(a.evaluateTargetHealth()));
        }
        exactlyOneOfAliasOrRecords(r);
        routing(r);
        RecordSet.GeoLocation geo = geo(r.geoLocation());
        RecordSet.GeoProximity proximity = GeoProximityRules.validate(r.geoProximity(), r);
        DnsName.Parsed name = DnsName.parse(r.name());
        if (!name.ok()) {
            problems.add(0, "FATAL problem: " + name.problem() + " encountered with '" + r.name() + "'");
        }
        if (r.values() != null) {
            problems.addAll(RecordValues.problems(r.type(), r.values()));
        }
        RecordSet set = new RecordSet(name.ok() ? name.name() : r.name(), r.type(), r.setIdentifier(), weight,
                r.region(), geo, r.failover(), multiValue, ttl, r.values(), alias, r.healthCheckId(), proximity);
        return new Change(action, set, problems);
    }

    private static Change.Action action(String action) {
        if (action == null) {
            throw incomplete("Change", "Action");
        }
        return switch (action) {
            case "CREATE" -> Change.Action.CREATE;
            case "DELETE" -> Change.Action.DELETE;
            case "UPSERT" -> Change.Action.UPSERT;
            default -> throw enumeration(action, List.of("CREATE", "DELETE", "UPSERT"));
        };
    }

    private static void exactlyOneOfAliasOrRecords(ChangeRequest r) {
        boolean alias = r.alias() != null;
        boolean complete = r.ttl() != null && r.values() != null;
        boolean partial = r.ttl() != null || r.values() != null;
        boolean policy = r.trafficPolicyInstanceId() != null;
        int found = (alias ? 1 : 0) + (alias ? (partial ? 1 : 0) : (complete ? 1 : 0)) + (policy ? 1 : 0);
        if (found != 1) {
            throw Route53Error.invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and"
                    + " ResourceRecords], or TrafficPolicyInstanceId], but found " + (found == 0 ? "none" : "more than one")
                    + " in Change with " + r.describe());
        }
    }

    private static void routing(ChangeRequest r) {
        int fields = (r.weight() != null ? 1 : 0) + (r.region() != null ? 1 : 0) + (r.failover() != null ? 1 : 0)
                + (r.geoLocation() != null ? 1 : 0) + (r.multiValueAnswer() != null ? 1 : 0)
                + (r.geoProximity() != null ? 1 : 0);
        if (r.setIdentifier() == null && fields > 0) {
            throw Route53Error.invalidInput("Invalid request: Missing field 'SetIdentifier' in Change with "
                    + r.describe());
        }
        if (r.setIdentifier() != null && fields != 1) {
            throw Route53Error.invalidInput("Invalid request: Expected exactly one of [Weight, Region, Failover,"
                    + " GeoLocation, or MultiValueAnswer], but found " + (fields == 0 ? "none" : "more than one")
                    + " in Change with " + r.describe());
        }
    }

    private static RecordSet.GeoLocation geo(ChangeRequest.GeoRequest g) {
        if (g == null) {
            return null;
        }
        boolean continent = g.continentCode() != null;
        boolean country = g.countryCode() != null;
        if (continent == country || (continent && g.subdivisionCode() != null)) {
            throw Route53Error.invalidInput("Invalid request: GeoLocation must have exactly one of ContinentCode"
                    + " or CountryCode; SubdivisionCode only with CountryCode");
        }
        return new RecordSet.GeoLocation(g.continentCode(), g.countryCode(), g.subdivisionCode());
    }

    private static long number(String text, long min, long max, String xsdType) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw Route53Error.invalidInput("Invalid XML ; cvc-datatype-valid.1.2.1: '" + text
                    + "' is not a valid value for 'integer'.");
        }
        if (value < min) {
            throw Route53Error.invalidInput("Invalid XML ; cvc-minInclusive-valid: Value '" + text
                    + "' is not facet-valid with respect to minInclusive '" + min + "' for type '" + xsdType + "'.");
        }
        if (value > max) {
            throw Route53Error.invalidInput("Invalid XML ; cvc-maxInclusive-valid: Value '" + text
                    + "' is not facet-valid with respect to maxInclusive '" + max + "' for type '" + xsdType + "'.");
        }
        return value;
    }

    private static boolean bool(String text) {
        return switch (text.trim()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw Route53Error.invalidInput("Invalid XML ; cvc-datatype-valid.1.2.1: '" + text
                    + "' is not a valid value for 'boolean'.");
        };
    }

    static Route53Error incomplete(String element, String expected) {
        return Route53Error.invalidInput("Invalid XML ; cvc-complex-type.2.4.b: The content of element '" + element
                + "' is not complete. One of '" + NS + expected + "}' is expected.");
    }

    static Route53Error enumeration(String value, List<String> allowed) {
        return Route53Error.invalidInput("Invalid XML ; cvc-enumeration-valid: Value '" + value
                + "' is not facet-valid with respect to enumeration '" + allowed
                + "'. It must be a value from the enumeration.");
    }
}
