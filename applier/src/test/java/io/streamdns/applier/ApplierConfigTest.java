package io.streamdns.applier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.applier.batch.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApplierConfigTest {

    @Test
    void defaultsFollowExternalDnsAndRoute53() {
        ApplierConfig c = ApplierConfig.defaultConfig();
        assertThat(c.awsApiRate()).isEqualTo(5);
        assertThat(c.awsApiRateShare()).isEqualTo(1);
        assertThat(c.limits()).isEqualTo(Limits.ROUTE53);
        assertThat(c.awsEvaluateTargetHealth()).isTrue();
        assertThat(c.awsPreferCname()).isFalse();
        assertThat(c.txtOwnerId()).isEqualTo("default");
        assertThat(c.driftInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.groupId()).isEqualTo("streamdns-applier");
        assertThat(c.dryRun()).isFalse();
        assertThat(c.awsRegion()).isEmpty();
        assertThat(c.maxMergedPlans()).isEqualTo(50);
        assertThat(c.maxMergedChanges()).isEqualTo(5000);
    }

    @Test
    void readsEveryFlag() {
        ApplierConfig c = ApplierConfig.fromMap(Map.ofEntries(Map.entry("aws-api-rate", "4"), Map.entry("aws-api-rate-share", "2"),
                Map.entry("domain-filter", "example.com, example.org"), Map.entry("exclude-domains", "int.example.com"),
                Map.entry("zone-id-filter", "/hostedzone/Z1,Z2"), Map.entry("aws-zone-type", "Private"),
                Map.entry("drift-interval", "90s"), Map.entry("dry-run", "true"), Map.entry("txt-prefix", "p."),
                Map.entry("aws-endpoint-url", "http://127.0.0.1:4566"), Map.entry("aws-evaluate-target-health", "false"),
                Map.entry("max-merged-plans", "1"), Map.entry("max-merged-changes", "2000")));
        assertThat(c.maxMergedPlans()).isEqualTo(1);
        assertThat(c.maxMergedChanges()).isEqualTo(2000);
        assertThat(c.ratePerInstance()).isEqualTo(2);
        assertThat(c.domainFilters()).containsExactly("example.com", "example.org");
        assertThat(c.zoneSelection().zoneIds()).containsExactlyInAnyOrder("Z1", "Z2");
        assertThat(c.awsZoneType()).isEqualTo("private");
        assertThat(c.driftInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.dryRun()).isTrue();
        assertThat(c.txtNames().txtName("www.example.com", "A")).isEqualTo("p.a-www.example.com");
        assertThat(c.awsEvaluateTargetHealth()).isFalse();
        assertThat(c.domainFilter().matches("int.example.com")).isFalse();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("aws-api-rate", "0"), "--aws-api-rate"),
                Arguments.of(Map.of("aws-api-rate", "fast"), "--aws-api-rate"),
                Arguments.of(Map.of("aws-api-rate-share", "0"), "--aws-api-rate-share"),
                Arguments.of(Map.of("aws-batch-change-size", "1001"), "--aws-batch-change-size"),
                Arguments.of(Map.of("aws-batch-change-size-bytes", "40000"), "--aws-batch-change-size-bytes"),
                Arguments.of(Map.of("aws-batch-change-size-values", "-1"), "--aws-batch-change-size-values"),
                Arguments.of(Map.of("aws-zone-type", "internal"), "--aws-zone-type"),
                Arguments.of(Map.of("aws-endpoint-url", "localhost"), "--aws-endpoint-url"),
                Arguments.of(Map.of("drift-interval", "soon"), "--interval"),
                Arguments.of(Map.of("interval", "0s"), "--interval"),
                Arguments.of(Map.of("interval", "90"), "--interval: '90' has no unit"),
                Arguments.of(Map.of("provider", "google"), "--provider: 'google' is not supported"),
                Arguments.of(Map.of("dry-run", "maybe"), "--dry-run"),
                Arguments.of(Map.of("domain-filter", "bad domain.com"), "--domain-filter"),
                Arguments.of(Map.of("txt-owner-id", "a,b"), "--txt-owner-id"),
                Arguments.of(Map.of("txt-prefix", "p.", "txt-suffix", "-s"), "--txt-prefix"),
                Arguments.of(Map.of("max-merged-plans", "0"), "--max-merged-plans"),
                Arguments.of(Map.of("max-merged-plans", "many"), "--max-merged-plans"),
                Arguments.of(Map.of("max-merged-changes", "100001"), "--max-merged-changes"),
                Arguments.of(Map.of("no-such-flag", "1"), "--no-such-flag"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("invalid")
    void invalidValuesNameTheFlag(Map<String, String> values, String flag) {
        assertThatThrownBy(() -> ApplierConfig.fromMap(values)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(flag);
    }

    @Test
    void newAwsFlagsReachTheConfig() {
        ApplierConfig c = ApplierConfig.fromMap(Map.of("aws-profile", "prod", "aws-assume-role-external-id", "ext-1",
                "aws-zone-tags", "team=dns,env", "aws-zone-match-parent", "true", "provider", "aws"));
        assertThat(c.aws()).isEqualTo(new ApplierConfig.Aws("prod", "ext-1", List.of("team=dns", "env"), true));
        assertThat(ApplierConfig.defaultConfig().aws()).isEqualTo(ApplierConfig.Aws.NONE);
    }
}
