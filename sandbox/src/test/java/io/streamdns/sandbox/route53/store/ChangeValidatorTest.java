package io.streamdns.sandbox.route53.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChangeValidatorTest {
    private static final List<String> IP = List.of("10.0.0.1");

    private static ChangeRequest a(String action, String name) {
        return ChangeRequest.of(action, name, "A", 300, IP);
    }

    private static ChangeRequest noTtl(ChangeRequest r) {
        return new ChangeRequest(r.action(), r.name(), r.type(), r.setIdentifier(), r.weight(), r.region(),
                r.geoLocation(), r.failover(), r.multiValueAnswer(), null, r.values(), r.alias(), r.healthCheckId(), null);
    }

    private static ChangeRequest withTtl(ChangeRequest r, String ttl) {
        return new ChangeRequest(r.action(), r.name(), r.type(), r.setIdentifier(), r.weight(), r.region(),
                r.geoLocation(), r.failover(), r.multiValueAnswer(), ttl, r.values(), r.alias(), r.healthCheckId(), null);
    }

    static Stream<Arguments> invalidInput() {
        ChangeRequest alias = ChangeRequest.alias("CREATE", "a.example.com", "A", "Z35SXDOTRQ7X7K",
                "lb-1.us-east-1.elb.amazonaws.com", false);
        return Stream.of(
                Arguments.of("empty batch", List.of(), "Invalid XML ; cvc-complex-type.2.4.b: The content of element"
                        + " 'Changes' is not complete. One of '{\"https://route53.amazonaws.com/doc/2013-04-01/\":Change}' is expected."),
                Arguments.of("missing TTL on a plain set", List.of(noTtl(a("CREATE", "a.example.com"))),
                        "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or"
                                + " TrafficPolicyInstanceId], but found none in Change with [Action=CREATE,"
                                + " Name=a.example.com, Type=A, SetIdentifier=null]"),
                Arguments.of("missing records on a plain set",
                        List.of(ChangeRequest.of("UPSERT", "a.example.com.", "A", 300, null)),
                        "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or"
                                + " TrafficPolicyInstanceId], but found none in Change with [Action=UPSERT,"
                                + " Name=a.example.com., Type=A, SetIdentifier=null]"),
                Arguments.of("alias with a TTL", List.of(withTtl(alias, "60")),
                        "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or"
                                + " TrafficPolicyInstanceId], but found more than one in Change with [Action=CREATE,"
                                + " Name=a.example.com, Type=A, SetIdentifier=null]"),
                Arguments.of("routing without set identifier",
                        List.of(a("CREATE", "w.example.com").weighted("x", 10).withSetIdentifier(null)),
                        "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE,"
                                + " Name=w.example.com, Type=A, SetIdentifier=null]"),
                Arguments.of("set identifier without routing",
                        List.of(a("CREATE", "w.example.com").withSetIdentifier("x")),
                        "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, or"
                                + " MultiValueAnswer], but found none in Change with [Action=CREATE,"
                                + " Name=w.example.com, Type=A, SetIdentifier=x]"),
                Arguments.of("two routing fields",
                        List.of(a("CREATE", "w.example.com").weighted("x", 10).latency("x", "us-east-1")),
                        "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, or"
                                + " MultiValueAnswer], but found more than one in Change with [Action=CREATE,"
                                + " Name=w.example.com, Type=A, SetIdentifier=x]"),
                Arguments.of("unknown action", List.of(a("REPLACE", "a.example.com")),
                        "Invalid XML ; cvc-enumeration-valid: Value 'REPLACE' is not facet-valid with respect to"
                                + " enumeration '[CREATE, DELETE, UPSERT]'. It must be a value from the enumeration."),
                Arguments.of("unknown type", List.of(ChangeRequest.of("CREATE", "a.example.com", "ALIAS", 300, IP)),
                        "Invalid XML ; cvc-enumeration-valid: Value 'ALIAS' is not facet-valid with respect to"
                                + " enumeration '" + ChangeValidator.TYPES + "'. It must be a value from the enumeration."),
                Arguments.of("negative TTL", List.of(withTtl(a("CREATE", "a.example.com"), "-1")),
                        "Invalid XML ; cvc-minInclusive-valid: Value '-1' is not facet-valid with respect to"
                                + " minInclusive '0' for type 'TTL'."),
                Arguments.of("weight above 255", List.of(a("CREATE", "w.example.com").weighted("x", 256)),
                        "Invalid XML ; cvc-maxInclusive-valid: Value '256' is not facet-valid with respect to"
                                + " maxInclusive '255' for type 'ResourceRecordSetWeight'."),
                Arguments.of("alias without EvaluateTargetHealth", List.of(new ChangeRequest("CREATE", "a.example.com",
                                "A", null, null, null, null, null, null, null, null,
                                new ChangeRequest.AliasRequest("Z1", "b.example.com", null), null, null)),
                        "Invalid XML ; cvc-complex-type.2.4.b: The content of element 'AliasTarget' is not complete."
                                + " One of '{\"https://route53.amazonaws.com/doc/2013-04-01/\":EvaluateTargetHealth}' is expected."),
                Arguments.of("geoproximity without set identifier", List.of(a("CREATE", "g.example.com")
                                .geoProximity(null, region("eu-west-1", null))),
                        "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE,"
                                + " Name=g.example.com, Type=A, SetIdentifier=null]"),
                Arguments.of("geoproximity beside another routing field", List.of(a("CREATE", "g.example.com")
                                .weighted("x", 10).geoProximity("x", region("eu-west-1", null))),
                        "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, or"
                                + " MultiValueAnswer], but found more than one in Change with [Action=CREATE,"
                                + " Name=g.example.com, Type=A, SetIdentifier=x]"),
                Arguments.of("geoproximity: no location (bias only)", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", new ChangeRequest.GeoProximityRequest(null, null, false, null, null, "5"))),
                        "Invalid request: Expected exactly one of [AWSRegion, LocalZoneGroup, or Coordinates], but"
                                + " found none in GeoProximityLocation in Change with [Action=CREATE,"
                                + " Name=g.example.com, Type=A, SetIdentifier=x]"),
                Arguments.of("geoproximity: region and coordinates", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", new ChangeRequest.GeoProximityRequest("eu-west-1", null, true, "51.50",
                                        "-0.12", null))),
                        "Invalid request: Expected exactly one of [AWSRegion, LocalZoneGroup, or Coordinates], but"
                                + " found more than one in GeoProximityLocation in Change with [Action=CREATE,"
                                + " Name=g.example.com, Type=A, SetIdentifier=x]"),
                Arguments.of("geoproximity: bias above 99", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", region("eu-west-1", "100"))),
                        "Invalid XML ; cvc-maxInclusive-valid: Value '100' is not facet-valid with respect to"
                                + " maxInclusive '99' for type 'GeoProximityBias'."),
                Arguments.of("geoproximity: bias below -99", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", region("eu-west-1", "-100"))),
                        "Invalid XML ; cvc-minInclusive-valid: Value '-100' is not facet-valid with respect to"
                                + " minInclusive '-99' for type 'GeoProximityBias'."),
                Arguments.of("geoproximity: bias not a number", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", region("eu-west-1", "big"))),
                        "Invalid XML ; cvc-datatype-valid.1.2.1: 'big' is not a valid value for 'integer'."),
                Arguments.of("geoproximity: latitude with three decimals", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", coordinates("51.505", "-0.12"))),
                        "Invalid XML ; cvc-pattern-valid: Value '51.505' is not facet-valid with respect to pattern"
                                + " '[-+]?[0-9]{1,2}(\\.[0-9]{0,2})?' for type 'Latitude'."),
                Arguments.of("geoproximity: latitude beyond 90", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", coordinates("91", "0"))),
                        "Invalid request: Latitude '91' is outside -90..90"),
                Arguments.of("geoproximity: longitude beyond 180", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", coordinates("0", "-180.5"))),
                        "Invalid request: Longitude '-180.5' is outside -180..180"),
                Arguments.of("geoproximity: longitude missing", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", coordinates("10", null))),
                        "Invalid XML ; cvc-complex-type.2.4.b: The content of element 'Coordinates' is not complete."
                                + " One of '{\"https://route53.amazonaws.com/doc/2013-04-01/\":Longitude}' is expected."),
                Arguments.of("geoproximity: empty local zone group", List.of(a("CREATE", "g.example.com")
                                .geoProximity("x", new ChangeRequest.GeoProximityRequest(null, "", false, null, null, null))),
                        "Invalid XML ; cvc-length-valid: Value '' with length = '0' is not facet-valid with respect"
                                + " to length 1..64 for type 'LocalZoneGroup'."),
                Arguments.of("empty ResourceRecords", List.of(ChangeRequest.of("CREATE", "a.example.com", "A", 300, List.of())),
                        "Invalid XML ; cvc-complex-type.2.4.b: The content of element 'ResourceRecords' is not complete."
                                + " One of '{\"https://route53.amazonaws.com/doc/2013-04-01/\":ResourceRecord}' is expected."));
    }

    private static ChangeRequest.GeoProximityRequest region(String region, String bias) {
        return new ChangeRequest.GeoProximityRequest(region, null, false, null, null, bias);
    }

    private static ChangeRequest.GeoProximityRequest coordinates(String latitude, String longitude) {
        return new ChangeRequest.GeoProximityRequest(null, null, true, latitude, longitude, null);
    }

    static Stream<Arguments> geoProximity() {
        return Stream.of(
                Arguments.of("region with bias", region("eu-west-1", "-20"),
                        new RecordSet.GeoProximity("eu-west-1", null, null, null, -20)),
                Arguments.of("local zone group, no bias", new ChangeRequest.GeoProximityRequest(null,
                        "us-east-1-bue-1", false, null, null, null),
                        new RecordSet.GeoProximity(null, "us-east-1-bue-1", null, null, null)),
                Arguments.of("coordinates at the limits, text kept", coordinates("-90", "+180.00"),
                        new RecordSet.GeoProximity(null, null, "-90", "+180.00", null)),
                Arguments.of("coordinates with two decimals, bias 99",
                        new ChangeRequest.GeoProximityRequest(null, null, true, "51.50", "-0.12", "99"),
                        new RecordSet.GeoProximity(null, null, "51.50", "-0.12", 99)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geoProximity")
    void storesValidGeoProximityLocations(String title, ChangeRequest.GeoProximityRequest location,
                                          RecordSet.GeoProximity stored) {
        Change change = ChangeValidator.validate(List.of(a("CREATE", "g.example.com").geoProximity("x", location))).get(0);
        assertThat(change.set().geoProximity()).isEqualTo(stored);
        assertThat(change.set().routing()).isEqualTo(RoutingPolicy.GEOPROXIMITY);
        assertThat(change.problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInput")
    void rejectsMalformedChangesAsInvalidInput(String title, List<ChangeRequest> batch, String message) {
        Route53Error e = catchThrowableOfType(Route53Error.class, () -> ChangeValidator.validate(batch));
        assertThat(e.code()).isEqualTo("InvalidInput");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    static Stream<Arguments> limits() {
        List<String> thousand = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            thousand.add("10.0." + (i / 250) + "." + (i % 250));
        }
        List<String> fiveHundredOne = thousand.subList(0, 501);
        String txt = "\"" + "x".repeat(250) + "\"";
        List<ChangeRequest> longTxt = new ArrayList<>();
        for (int i = 0; i < 127; i++) {
            longTxt.add(ChangeRequest.of("CREATE", "t" + i + ".example.com", "TXT", 300, List.of(txt)));
        }
        return Stream.of(
                Arguments.of("1000 records pass", List.of(ChangeRequest.of("CREATE", "a.example.com", "A", 300, thousand)), null),
                Arguments.of("1001 records fail", List.of(ChangeRequest.of("CREATE", "a.example.com", "A", 300, thousand),
                        a("CREATE", "b.example.com")), List.of("Number of records limit of 1000 exceeded.")),
                Arguments.of("UPSERT counts twice", List.of(ChangeRequest.of("UPSERT", "a.example.com", "A", 300,
                        fiveHundredOne)), List.of("Number of records limit of 1000 exceeded.")),
                Arguments.of("32,000 value characters fail", longTxt, List.of("RDATA character limit of 32000 exceeded.")),
                Arguments.of("just under 32,000 pass", longTxt.subList(0, 126), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void enforcesBatchLimits(String title, List<ChangeRequest> batch, List<String> messages) {
        if (messages == null) {
            assertThat(ChangeValidator.validate(batch)).hasSize(batch.size());
            return;
        }
        Route53Error e = catchThrowableOfType(Route53Error.class, () -> ChangeValidator.validate(batch));
        assertThat(e.code()).isEqualTo("InvalidChangeBatch");
        assertThat(e.messages()).containsExactlyElementsOf(messages);
        assertThat(e.getMessage()).isEqualTo(messages.toString());
    }

    static Stream<Arguments> valueProblems() {
        return Stream.of(
                Arguments.of("bad IPv4", ChangeRequest.of("CREATE", "a.example.com", "A", 300, List.of("1.2.3")),
                        List.of("Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a"
                                + " valid IPv4 address) encountered with '1.2.3''")),
                Arguments.of("IPv4 octet above 255", ChangeRequest.of("CREATE", "a.example.com", "A", 300, List.of("10.0.0.256")),
                        List.of("Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a"
                                + " valid IPv4 address) encountered with '10.0.0.256''")),
                Arguments.of("two IPv4 in one value", ChangeRequest.of("CREATE", "a.example.com", "A", 300,
                                List.of("1.1.1.1, 2.2.2.2")),
                        List.of("Invalid Resource Record: 'FATAL problem: ARRDATANotSingleField (Value contains spaces)"
                                + " encountered with '1.1.1.1, 2.2.2.2''")),
                Arguments.of("IPv4 in AAAA", ChangeRequest.of("CREATE", "a.example.com", "AAAA", 300, List.of("10.0.0.1")),
                        List.of("Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a"
                                + " valid IPv6 address) encountered with '10.0.0.1''")),
                Arguments.of("bad IPv6", ChangeRequest.of("CREATE", "a.example.com", "AAAA", 300, List.of("2001:db8::g")),
                        List.of("Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a"
                                + " valid IPv6 address) encountered with '2001:db8::g''")),
                Arguments.of("good IPv6", ChangeRequest.of("CREATE", "a.example.com", "AAAA", 300,
                        List.of("2001:db8::1", "::ffff:10.0.0.1")), List.of()),
                Arguments.of("duplicate value", ChangeRequest.of("CREATE", "a.example.com", "A", 300,
                        List.of("10.0.0.1", "10.0.0.1")), List.of("Duplicate Resource Record: '10.0.0.1'")),
                Arguments.of("TXT string over 255", ChangeRequest.of("CREATE", "t.example.com", "TXT", 300,
                        List.of("\"" + "x".repeat(256) + "\"")), List.of("Invalid Resource Record: 'FATAL problem:"
                        + " CharacterStringTooLong (Value is too long) encountered with '\"" + "x".repeat(256) + "\"''")),
                Arguments.of("TXT split in 255s passes", ChangeRequest.of("CREATE", "t.example.com", "TXT", 300,
                        List.of("\"" + "x".repeat(255) + "\" \"" + "y".repeat(255) + "\"")), List.of()),
                Arguments.of("bad record name", a("CREATE", "a..example.com"),
                        List.of("FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with 'a..example.com'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueProblems")
    void reportsValueProblemsPerChange(String title, ChangeRequest request, List<String> problems) {
        List<Change> changes = ChangeValidator.validate(Collections.singletonList(request));
        assertThat(changes.get(0).problems()).containsExactlyElementsOf(problems);
    }
}
