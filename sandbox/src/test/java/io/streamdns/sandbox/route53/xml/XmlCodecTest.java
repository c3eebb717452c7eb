package io.streamdns.sandbox.route53.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.streamdns.sandbox.route53.store.ChangeRequest;
import io.streamdns.sandbox.route53.store.Route53Error;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XmlCodecTest {
    /** What SDK 2.57.8 sends (stack-facts.md §3). */
    private static final String SDK_BATCH = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ChangeResourceRecordSetsRequest"
            + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ChangeBatch><Comment>poc</Comment><Changes>"
            + "<Change><Action>UPSERT</Action><ResourceRecordSet><Name>app.example.com.</Name><Type>A</Type><TTL>60</TTL>"
            + "<ResourceRecords><ResourceRecord><Value>10.0.0.2</Value></ResourceRecord></ResourceRecords>"
            + "</ResourceRecordSet></Change><Change><Action>DELETE</Action><ResourceRecordSet><Name>old.example.com.</Name>"
            + "<Type>CNAME</Type><AliasTarget><HostedZoneId>Z35SXDOTRQ7X7K</HostedZoneId><DNSName>lb-1.elb.amazonaws.com."
            + "</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget></ResourceRecordSet></Change>"
            + "</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>";

    @Test
    void readsTheSdksChangeBatch() {
        XmlRequests.ChangeBatch batch = XmlRequests.changeBatch(SDK_BATCH.getBytes(StandardCharsets.UTF_8));
        assertThat(batch.comment()).isEqualTo("poc");
        assertThat(batch.changes()).containsExactly(
                ChangeRequest.of("UPSERT", "app.example.com.", "A", 60, List.of("10.0.0.2")),
                new ChangeRequest("DELETE", "old.example.com.", "CNAME", null, null, null, null, null, null, null, null,
                        new ChangeRequest.AliasRequest("Z35SXDOTRQ7X7K", "lb-1.elb.amazonaws.com.", "false"), null, null));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not XML", "hello", "Invalid XML ; "),
                Arguments.of("empty body", "", "Invalid XML ; Premature end of file."),
                Arguments.of("wrong root", "<CreateHostedZoneRequest/>",
                        "Invalid XML ; cvc-elt.1.a: Cannot find the declaration of element 'CreateHostedZoneRequest'."),
                Arguments.of("no ChangeBatch", "<ChangeResourceRecordSetsRequest/>",
                        "Invalid XML ; cvc-complex-type.2.4.b: The content of element 'ChangeResourceRecordSetsRequest'"
                                + " is not complete."),
                Arguments.of("external entity refused", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                        + " \"file:///etc/passwd\">]><ChangeResourceRecordSetsRequest>&e;</ChangeResourceRecordSetsRequest>",
                        "Invalid XML ; "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBodiesAreInvalidInput(String title, String body, String messageStart) {
        Route53Error e = catchThrowableOfType(Route53Error.class,
                () -> XmlRequests.changeBatch(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo("InvalidInput");
        assertThat(e.getMessage()).startsWith(messageStart);
    }

    @Test
    void readsCreateHostedZone() {
        String body = "<CreateHostedZoneRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Name>corp.internal"
                + "</Name><VPC><VPCRegion>eu-west-1</VPCRegion><VPCId>vpc-1</VPCId></VPC><CallerReference>r1"
                + "</CallerReference><HostedZoneConfig><Comment>c</Comment><PrivateZone>true</PrivateZone>"
                + "</HostedZoneConfig></CreateHostedZoneRequest>";
        XmlRequests.CreateZone create = XmlRequests.createZone(body.getBytes(StandardCharsets.UTF_8));
        assertThat(create.name()).isEqualTo("corp.internal");
        assertThat(create.privateZone()).isTrue();
        assertThat(create.vpcs()).singleElement().satisfies(v -> assertThat(v.id()).isEqualTo("vpc-1"));
        assertThat(create.callerReference()).isEqualTo("r1");
        assertThat(create.comment()).isEqualTo("c");
    }

    @Test
    void writesErrorsInRoute53sShapeWithEscapedText() {
        String xml = XmlResponses.error(Route53Error.invalidChangeBatch(List.of("a <b>", "c & d")), "req-1");
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse"
                + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type>"
                + "<Code>InvalidChangeBatch</Code><Message>[a &lt;b&gt;, c &amp; d]</Message></Error>"
                + "<RequestId>req-1</RequestId></ErrorResponse>");
        assertThat(XmlResponses.error(Route53Error.internalFailure(), "r")).contains("<Type>Receiver</Type>");
    }
}
