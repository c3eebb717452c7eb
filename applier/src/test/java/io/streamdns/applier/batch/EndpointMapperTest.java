package io.streamdns.applier.batch;

import static io.streamdns.applier.batch.Fixtures.EXAMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.Endpoint;
import io.streamdns.model.ProviderProperties;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointMapperTest {
    private static final EndpointMapper MAPPER = new EndpointMapper(true);

    static Endpoint alias(String target, String... props) {
        Map<String, String> p = new TreeMap<>();
        p.put(ProviderProperties.ALIAS, "true");
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        return new Endpoint("www.example.com", "A", List.of(target), 300, null, p, Map.of());
    }

    static Stream<Arguments> aliases() {
        return Stream.of(
                Arguments.of("ALB us-east-1", alias("k8s-web-123.us-east-1.elb.amazonaws.com"),
                        new AliasTarget("Z35SXDOTRQ7X7K", "k8s-web-123.us-east-1.elb.amazonaws.com", true)),
                Arguments.of("CLB eu-west-1, dualstack", alias("dualstack.a1b2-99.eu-west-1.elb.amazonaws.com"),
                        new AliasTarget("Z32O12XQLNTSW2", "dualstack.a1b2-99.eu-west-1.elb.amazonaws.com", true)),
                Arguments.of("ALB ap-southeast-2", alias("web-1.ap-southeast-2.elb.amazonaws.com"),
                        new AliasTarget("Z1GM3OXH4ZPM65", "web-1.ap-southeast-2.elb.amazonaws.com", true)),
                Arguments.of("NLB us-east-1", alias("net-1-abc.elb.us-east-1.amazonaws.com"),
                        new AliasTarget("Z26RNL4JYFTOTI", "net-1-abc.elb.us-east-1.amazonaws.com", true)),
                Arguments.of("NLB eu-west-1", alias("net-2.elb.eu-west-1.amazonaws.com"),
                        new AliasTarget("Z2IFOLAFXWLO4F", "net-2.elb.eu-west-1.amazonaws.com", true)),
                Arguments.of("CloudFront", alias("d111111abcdef8.cloudfront.net"),
                        new AliasTarget("Z2FDTNDATAQYW2", "d111111abcdef8.cloudfront.net", true)),
                Arguments.of("Global Accelerator", alias("a1234567890abcdef.awsglobalaccelerator.com"),
                        new AliasTarget("Z2BJ6XQ5FK7U4H", "a1234567890abcdef.awsglobalaccelerator.com", true)),
                Arguments.of("trailing dot and upper case", alias("Web-1.US-EAST-1.elb.amazonaws.com."),
                        new AliasTarget("Z35SXDOTRQ7X7K", "web-1.us-east-1.elb.amazonaws.com", true)),
                Arguments.of("evaluate-target-health=false from the annotation",
                        alias("d1.cloudfront.net", ProviderProperties.AWS_EVALUATE_TARGET_HEALTH, "false"),
                        new AliasTarget("Z2FDTNDATAQYW2", "d1.cloudfront.net", false)),
                Arguments.of("aws/target-hosted-zone wins",
                        alias("lb.example.net", ProviderProperties.AWS_TARGET_HOSTED_ZONE, "/hostedzone/ZTARGET"),
                        new AliasTarget("ZTARGET", "lb.example.net", true)),
                Arguments.of("unknown target: alias into the record's own zone", alias("other.example.com"),
                        new AliasTarget("Z1", "other.example.com", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aliases")
    void aliasTargets(String title, Endpoint endpoint, AliasTarget expected) {
        RecordSet set = MAPPER.toRecordSet(endpoint, EXAMPLE);
        assertThat(set.alias()).isEqualTo(expected);
        assertThat(set.ttl()).as("an alias has no TTL").isZero();
        assertThat(set.values()).isEmpty();
        assertThat(set.type()).isEqualTo("A");
    }

    @ParameterizedTest(name = "default evaluate-target-health {0}")
    @ValueSource(booleans = {true, false})
    void evaluateTargetHealthDefaultComesFromTheFlag(boolean flag) {
        RecordSet set = new EndpointMapper(flag).toRecordSet(alias("d1.cloudfront.net"), EXAMPLE);
        assertThat(set.alias().evaluateTargetHealth()).isEqualTo(flag);
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("A with unset TTL gets 300", Endpoint.of("www.example.com", "A", "10.0.0.2", "10.0.0.1"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1", "10.0.0.2"), null, null, null)),
                Arguments.of("TTL kept", Endpoint.of("www.example.com", "A", "10.0.0.1").withTtl(60),
                        new RecordSet("www.example.com", "A", 60, List.of("10.0.0.1"), null, null, null)),
                Arguments.of("CNAME without trailing dot", Endpoint.of("www.example.com", "CNAME", "lb.example.net."),
                        new RecordSet("www.example.com", "CNAME", 300, List.of("lb.example.net"), null, null, null)),
                Arguments.of("TXT quoted once", Endpoint.of("a-www.example.com", "TXT", "\"heritage=external-dns\""),
                        new RecordSet("a-www.example.com", "TXT", 300, List.of("\"heritage=external-dns\""), null, null, null)),
                Arguments.of("bare TXT gets quotes", Endpoint.of("t.example.com", "TXT", "hello"),
                        new RecordSet("t.example.com", "TXT", 300, List.of("\"hello\""), null, null, null)),
                Arguments.of("weighted", Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier("c1")
                                .withProperty(ProviderProperties.AWS_WEIGHT, "10"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "c1", null,
                                new Routing(10L, null, null, null, null, null, null, null))),
                Arguments.of("latency", Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier("eu")
                                .withProperty(ProviderProperties.AWS_REGION, "eu-west-1"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "eu", null,
                                new Routing(null, "eu-west-1", null, null, null, null, null, null))),
                Arguments.of("failover with health check", Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier("p")
                                .withProperty(ProviderProperties.AWS_FAILOVER, "primary")
                                .withProperty(ProviderProperties.AWS_HEALTH_CHECK_ID, "hc-1"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "p", null,
                                new Routing(null, null, "PRIMARY", null, null, null, null, "hc-1"))),
                Arguments.of("geolocation", Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier("de")
                                .withProperty(ProviderProperties.AWS_GEO_COUNTRY, "de"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "de", null,
                                new Routing(null, null, null, null, "DE", null, null, null))),
                Arguments.of("multi-value", Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier("m1")
                                .withProperty(ProviderProperties.AWS_MULTI_VALUE_ANSWER, "true"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "m1", null,
                                new Routing(null, null, null, null, null, null, true, null))),
                Arguments.of("multi-value by presence: 'false' too (external-dns)", Endpoint.of("www.example.com", "A",
                                "10.0.0.1").withSetIdentifier("m1").withProperty(ProviderProperties.AWS_MULTI_VALUE_ANSWER, "false"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "m1", null,
                                new Routing(null, null, null, null, null, null, true, null))),
                Arguments.of("geoproximity region, bias 0 when unset (external-dns)", geo("eu")
                                .withProperty(ProviderProperties.AWS_GEOPROXIMITY_REGION, "eu-west-1"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "eu", null,
                                geoRouting(new GeoProximity("eu-west-1", null, null, null, 0)))),
                Arguments.of("geoproximity local zone group with bias", geo("bue")
                                .withProperty(ProviderProperties.AWS_GEOPROXIMITY_LOCAL_ZONE_GROUP, "us-east-1-bue-1")
                                .withProperty(ProviderProperties.AWS_GEOPROXIMITY_BIAS, "-99"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "bue", null,
                                geoRouting(new GeoProximity(null, "us-east-1-bue-1", null, null, -99)))),
                Arguments.of("geoproximity coordinates 'lat, long'", geo("ldn")
                                .withProperty(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES, "51.50, -0.12")
                                .withProperty(ProviderProperties.AWS_GEOPROXIMITY_BIAS, "99"),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "ldn", null,
                                geoRouting(new GeoProximity(null, null, "51.50", "-0.12", 99)))),
                Arguments.of("multi-value by presence: an empty value", Endpoint.of("www.example.com", "A",
                                "10.0.0.1").withSetIdentifier("m1").withProperty(ProviderProperties.AWS_MULTI_VALUE_ANSWER, ""),
                        new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "m1", null,
                                new Routing(null, null, null, null, null, null, true, null))));
    }

    private static Endpoint geo(String setIdentifier) {
        return Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier(setIdentifier);
    }

    private static Routing geoRouting(GeoProximity p) {
        return new Routing(null, null, null, null, null, null, null, null, p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void plainRecordsAndRoutingPolicies(String title, Endpoint endpoint, RecordSet expected) {
        RecordSet set = MAPPER.toRecordSet(endpoint, EXAMPLE);
        assertThat(set).isEqualTo(expected);
        // zone-state carries the same properties the planner compares with
        assertThat(RecordSet.fromZoneRecord(set.toZoneRecord(EXAMPLE))).isEqualTo(set);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("weight without set identifier",
                        Endpoint.of("www.example.com", "A", "10.0.0.1").withProperty(ProviderProperties.AWS_WEIGHT, "1"),
                        "needs a set identifier"),
                Arguments.of("weight not a number", Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier("x")
                        .withProperty(ProviderProperties.AWS_WEIGHT, "heavy"), "aws/weight"),
                Arguments.of("weight above 255", Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier("x")
                        .withProperty(ProviderProperties.AWS_WEIGHT, "256"), "0..255"),
                Arguments.of("bad failover", Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier("x")
                        .withProperty(ProviderProperties.AWS_FAILOVER, "tertiary"), "PRIMARY"),
                Arguments.of("multi-value without set identifier", Endpoint.of("www.example.com", "A", "10.0.0.1")
                        .withProperty(ProviderProperties.AWS_MULTI_VALUE_ANSWER, "false"), "needs a set identifier"),
                Arguments.of("geoproximity without set identifier", Endpoint.of("www.example.com", "A", "10.0.0.1")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_REGION, "eu-west-1"),
                        "routing policy geoproximity needs a set identifier"),
                Arguments.of("geoproximity: bias only", geo("x").withProperty(ProviderProperties.AWS_GEOPROXIMITY_BIAS, "5"),
                        "geoproximity needs exactly one of aws/geoproximity-region, aws/geoproximity-local-zone-group"
                                + " or aws/geoproximity-coordinates, found none"),
                Arguments.of("geoproximity: region and coordinates", geo("x")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_REGION, "eu-west-1")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES, "51.50,-0.12"), "found 2"),
                Arguments.of("geoproximity: bias 100", geo("x")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_REGION, "eu-west-1")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_BIAS, "100"),
                        "aws/geoproximity-bias 100 is outside -99..99"),
                Arguments.of("geoproximity: bias not a whole number", geo("x")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_REGION, "eu-west-1")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_BIAS, "1.5"), "is not a whole number"),
                Arguments.of("geoproximity: coordinates not 'lat,long'", geo("x")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES, "51.50"),
                        "'51.50' is not 'latitude,longitude'"),
                Arguments.of("geoproximity: latitude 91", geo("x")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES, "91,0"),
                        "latitude 91 is outside -90..90"),
                Arguments.of("geoproximity: longitude -181", geo("x")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES, "0,-181"),
                        "longitude -181 is outside -180..180"),
                Arguments.of("geoproximity: three decimals", geo("x")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_COORDINATES, "51.505,-0.12"),
                        "latitude '51.505' is not a number with at most 2 decimals"),
                Arguments.of("geoproximity beside weight", geo("x")
                        .withProperty(ProviderProperties.AWS_GEOPROXIMITY_REGION, "eu-west-1")
                        .withProperty(ProviderProperties.AWS_WEIGHT, "1"), "more than one routing policy"),
                Arguments.of("two policies", Endpoint.of("www.example.com", "A", "10.0.0.1").withSetIdentifier("x")
                        .withProperty(ProviderProperties.AWS_FAILOVER, "PRIMARY")
                        .withProperty(ProviderProperties.AWS_WEIGHT, "1"), "more than one routing policy"),
                Arguments.of("no targets", new Endpoint("www.example.com", "A", List.of(), 0, null, Map.of(), Map.of()),
                        "no targets"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidEndpointsNameTheReason(String title, Endpoint endpoint, String reason) {
        assertThatThrownBy(() -> MAPPER.toRecordSet(endpoint, EXAMPLE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
