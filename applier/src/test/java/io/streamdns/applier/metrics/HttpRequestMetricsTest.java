package io.streamdns.applier.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Labels as external-dns's AWS middleware makes them. */
class HttpRequestMetricsTest {
    @Test
    void pathIsTheLastSegmentAndHostCarriesOnlyAPortTheUrlNames() {
        assertThat(HttpRequestMetrics.lastSegment("/2013-04-01/hostedzone")).isEqualTo("hostedzone");
        assertThat(HttpRequestMetrics.lastSegment("/2013-04-01/hostedzone/Z1/rrset")).isEqualTo("rrset");
        assertThat(HttpRequestMetrics.lastSegment("/2013-04-01/hostedzone/Z1/rrset/")).isEmpty(); // Go's Split too
        SdkHttpRequest aws = SdkHttpRequest.builder().protocol("https").host("route53.amazonaws.com")
                .method(SdkHttpMethod.GET).encodedPath("/2013-04-01/hostedzone").build();
        assertThat(HttpRequestMetrics.host(aws)).isEqualTo("route53.amazonaws.com");
        SdkHttpRequest local = aws.toBuilder().protocol("http").port(4566).host("127.0.0.1").build();
        assertThat(HttpRequestMetrics.host(local)).isEqualTo("127.0.0.1:4566");
    }
}
