package io.streamdns.applier.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.applier.batch.GeoProximity;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Routing;
import io.streamdns.model.AliasTarget;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.ThrottlingException;

class Route53MappingTest {

    static Stream<Arguments> sets() {
        return Stream.of(
                Arguments.of("plain A", new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1", "10.0.0.2"), null, null, null)),
                Arguments.of("wildcard CNAME", new RecordSet("*.example.com", "CNAME", 60, List.of("lb.example.net"), null, null, null)),
                Arguments.of("TXT keeps quotes", new RecordSet("a-www.example.com", "TXT", 300,
                        List.of("\"heritage=external-dns,external-dns/owner=me\""), null, null, null)),
                Arguments.of("alias", new RecordSet("www.example.com", "A", 0, List.of(), null,
                        new AliasTarget("Z35SXDOTRQ7X7K", "lb-1.us-east-1.elb.amazonaws.com", true), null)),
                Arguments.of("weighted alias", new RecordSet("www.example.com", "AAAA", 0, List.of(), "c1",
                        new AliasTarget("Z2FDTNDATAQYW2", "d1.cloudfront.net", false),
                        new Routing(10L, null, null, null, null, null, null, null))),
                Arguments.of("latency", new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "eu", null,
                        new Routing(null, "eu-west-1", null, null, null, null, null, null))),
                Arguments.of("failover + health check", new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "p", null,
                        new Routing(null, null, "PRIMARY", null, null, null, null, "hc-1"))),
                Arguments.of("geolocation", new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "us-ca", null,
                        new Routing(null, null, null, null, "US", "CA", null, null))),
                Arguments.of("multi-value", new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "m", null,
                        new Routing(null, null, null, null, null, null, true, null))),
                Arguments.of("geoproximity region", new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), "eu",
                        null, geo(new GeoProximity("eu-west-1", null, null, null, -20)))),
                Arguments.of("geoproximity local zone group", new RecordSet("www.example.com", "A", 300,
                        List.of("10.0.0.1"), "bue", null, geo(new GeoProximity(null, "us-east-1-bue-1", null, null, 0)))),
                Arguments.of("geoproximity coordinates alias", new RecordSet("www.example.com", "A", 0, List.of(), "ldn",
                        new AliasTarget("Z35SXDOTRQ7X7K", "lb-1.us-east-1.elb.amazonaws.com", false),
                        geo(new GeoProximity(null, null, "51.50", "-0.12", 15)))));
    }

    private static Routing geo(GeoProximity p) {
        return new Routing(null, null, null, null, null, null, null, null, p);
    }

    @Test
    void geoProximityReachesTheSdkAsGeoProximityLocation() {
        ResourceRecordSet sdk = Route53Mapping.toSdk(new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"),
                "ldn", null, geo(new GeoProximity(null, null, "51.50", "-0.12", 15))));
        assertThat(sdk.geoProximityLocation().coordinates().latitude()).isEqualTo("51.50");
        assertThat(sdk.geoProximityLocation().coordinates().longitude()).isEqualTo("-0.12");
        assertThat(sdk.geoProximityLocation().bias()).isEqualTo(15);
        assertThat(sdk.geoProximityLocation().awsRegion()).isNull();
        assertThat(sdk.geoProximityLocation().localZoneGroup()).isNull();
        assertThat(sdk.setIdentifier()).isEqualTo("ldn");
    }

    @Test
    void multiValueFalseFromRoute53ReadsAsNoPolicy() {
        ResourceRecordSet sdk = ResourceRecordSet.builder().name("www.example.com.").type("A").ttl(300L)
                .resourceRecords(r -> r.value("10.0.0.1")).multiValueAnswer(false).build();
        assertThat(Route53Mapping.fromSdk(sdk).routing().kind()).isEqualTo("simple");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void roundTripsThroughTheSdk(String title, RecordSet set) {
        ResourceRecordSet sdk = Route53Mapping.toSdk(set);
        assertThat(sdk.name()).endsWith(".");
        if (set.isAlias()) {
            assertThat(sdk.ttl()).isNull();
            assertThat(sdk.resourceRecords()).isEmpty();
        }
        assertThat(Route53Mapping.fromSdk(sdk)).isEqualTo(set);
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("\\052.example.com.", "*.example.com"),
                Arguments.of("WWW.Example.COM.", "www.example.com"),
                Arguments.of("x\\100y.example.com", "x@y.example.com"),
                Arguments.of("a\\b.example.com", "a\\b.example.com"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("names")
    void readsRoute53Names(String raw, String normal) {
        assertThat(Route53Mapping.name(raw)).isEqualTo(normal);
    }

    static AwsServiceException service(int status, String code) {
        return Route53Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened").build()).build();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("Throttling", ThrottlingException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build()).build(),
                        ProviderException.Kind.THROTTLED),
                Arguments.of("Throttling as plain Route53Exception", service(400, "Throttling"), ProviderException.Kind.THROTTLED),
                Arguments.of("429", service(429, "TooManyRequests"), ProviderException.Kind.THROTTLED),
                Arguments.of("PriorRequestNotComplete", PriorRequestNotCompleteException.builder().statusCode(400).build(),
                        ProviderException.Kind.BUSY),
                Arguments.of("500", service(500, "InternalFailure"), ProviderException.Kind.TRANSIENT),
                Arguments.of("503", service(503, "ServiceUnavailable"), ProviderException.Kind.TRANSIENT),
                Arguments.of("attempt timeout", ApiCallAttemptTimeoutException.create(1000), ProviderException.Kind.TRANSIENT),
                Arguments.of("connection refused", SdkClientException.create("Unable to execute HTTP request"),
                        ProviderException.Kind.TRANSIENT),
                Arguments.of("wrapped in CompletionException", new CompletionException(service(502, "BadGateway")),
                        ProviderException.Kind.TRANSIENT),
                Arguments.of("InvalidChangeBatch", InvalidChangeBatchException.builder().statusCode(400)
                        .messages("Tried to create resource record set [name='a.example.com.', type='A'] but it already exists").build(),
                        ProviderException.Kind.REJECTED),
                Arguments.of("InvalidInput", InvalidInputException.builder().statusCode(400).build(), ProviderException.Kind.REJECTED),
                Arguments.of("NoSuchHostedZone", NoSuchHostedZoneException.builder().statusCode(404).build(),
                        ProviderException.Kind.NOT_FOUND),
                Arguments.of("AccessDenied", service(403, "AccessDenied"), ProviderException.Kind.FATAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void classifiesSdkErrors(String title, Throwable error, ProviderException.Kind kind) {
        assertThat(Route53Errors.classify(error).kind()).isEqualTo(kind);
    }

    @Test
    void invalidChangeBatchKeepsEveryMessage() {
        ProviderException pe = Route53Errors.classify(InvalidChangeBatchException.builder().statusCode(400)
                .messages("first", "second").build());
        assertThat(pe.messages()).containsExactly("first", "second");
        assertThat(pe.code()).isEqualTo("InvalidChangeBatch");
    }
}
