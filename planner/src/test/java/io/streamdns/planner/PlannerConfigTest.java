package io.streamdns.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.planner.plan.DeleteBudget;
import io.streamdns.planner.plan.MultiClusterStrategy;
import io.streamdns.planner.plan.PlanSettings;
import io.streamdns.planner.plan.Policy;
import io.streamdns.runtime.config.InvalidFlagException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerConfigTest {

    @Test
    void defaultsAreExternalDnsDefaults() {
        PlannerConfig c = PlannerConfig.fromMap(Map.of("policy", "sync"));
        assertThat(c.txtOwnerId()).isEqualTo("default");
        assertThat(c.policy()).isEqualTo(Policy.SYNC);
        assertThat(c.policyGiven()).isTrue();
        assertThat(c.managedRecordTypes()).containsExactlyInAnyOrder("A", "AAAA", "CNAME");
        assertThat(c.multiCluster()).isEqualTo(MultiClusterStrategy.MERGE);
        assertThat(c.awsPreferCname()).isFalse();
        assertThat(c.awsEvaluateTargetHealth()).isTrue();
        assertThat(c.debounce()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.debounceMax()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.groupId()).isEqualTo("streamdns-planner");
        PlanSettings s = c.planSettings();
        assertThat(s.domainFilter().includes()).isEmpty();
        assertThat(s.txtNames().txtName("www.ex.com", "A")).isEqualTo("a-www.ex.com");
    }

    @Test
    void everyFlagIsRead() {
        PlannerConfig c = PlannerConfig.fromMap(Map.ofEntries(Map.entry("txt-owner-id", "blue"),
                Map.entry("txt-prefix", "txt."), Map.entry("txt-wildcard-replacement", "any"),
                Map.entry("policy", "UPSERT-ONLY"), Map.entry("domain-filter", "ex.com, ex.org"),
                Map.entry("exclude-domains", "int.ex.com"), Map.entry("managed-record-types", "a,cname,srv"),
                Map.entry("multi-cluster", "weighted"), Map.entry("aws-prefer-cname", "true"),
                Map.entry("aws-evaluate-target-health", "false"), Map.entry("debounce", "1s"),
                Map.entry("debounce-max", "1m"), Map.entry("group-id", "g"), Map.entry("migrate-from-txt-owner", "old")));
        assertThat(c.policy()).isEqualTo(Policy.UPSERT_ONLY);
        assertThat(c.domainFilters()).containsExactly("ex.com", "ex.org");
        assertThat(c.managedRecordTypes()).isEqualTo(Set.of("A", "CNAME", "SRV"));
        assertThat(c.debounceMax()).isEqualTo(Duration.ofMinutes(1));
        PlanSettings s = c.planSettings();
        assertThat(s.ownerId()).isEqualTo("blue");
        assertThat(s.domainFilter().matches("a.int.ex.com")).isFalse();
        assertThat(s.txtNames().txtName("*.ex.com", "A")).isEqualTo("txt.a-any.ex.com");
        assertThat(s.awsPreferCname()).isTrue();
        assertThat(s.awsEvaluateTargetHealth()).isFalse();
        assertThat(s.migrateFromOwner()).isEqualTo("old");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("policy", "upsert"), "policy"),
                Arguments.of(Map.of("multi-cluster", "all"), "multi-cluster"),
                Arguments.of(Map.of("managed-record-types", "A,NS"), "managed-record-types"),
                Arguments.of(Map.of("debounce", "-1s"), "debounce"),
                Arguments.of(Map.of("debounce", "5s", "debounce-max", "1s"), "debounce-max"),
                Arguments.of(Map.of("txt-prefix", "p.", "txt-suffix", "-s"), "txt-prefix"),
                Arguments.of(Map.of("txt-owner-id", "a b"), "txt-owner-id"),
                Arguments.of(Map.of("migrate-from-txt-owner", "a,b"), "migrate-from-txt-owner"),
                Arguments.of(Map.of("txt-owner-id", "blue", "migrate-from-txt-owner", "blue"), "migrate-from-txt-owner"),
                Arguments.of(Map.of("domain-filter", "a..b"), "domain-filter"),
                Arguments.of(Map.of("exclude-domains", "x y"), "exclude-domains"),
                Arguments.of(Map.of("aws-prefer-cname", "yes"), "aws-prefer-cname"),
                Arguments.of(Map.of("max-delete-fraction", "1.5"), "max-delete-fraction"),
                Arguments.of(Map.of("max-delete-fraction", "0"), "max-delete-fraction"),
                Arguments.of(Map.of("max-delete-fraction", "lots"), "max-delete-fraction"),
                Arguments.of(Map.of("min-records-for-budget", "-1"), "min-records-for-budget"),
                Arguments.of(Map.of("delete-budget-window", "0"), "delete-budget-window"),
                Arguments.of(Map.of("dry-run", "true"), "dry-run"),
                Arguments.of(Map.of("debounce", "200"), "debounce"),
                Arguments.of(Map.of("registry", "dynamodb"), "registry"));
    }

    /** external-dns v0.22 requires --policy: a missing one must not silently mean sync. */
    @Test
    void thePolicyIsRequired() {
        assertThatThrownBy(() -> PlannerConfig.fromMap(Map.of())).isInstanceOfSatisfying(InvalidFlagException.class,
                e -> assertThat(e.flag()).isEqualTo("policy"));
    }

    @Test
    void deleteBudgetFlags() {
        assertThat(PlannerConfig.fromMap(Map.of("policy", "sync")).deleteBudget())
                .isEqualTo(new DeleteBudget.Settings(0.3, 10, Duration.ofMinutes(10)));
        assertThat(PlannerConfig.fromMap(Map.of("max-delete-fraction", "0.5", "min-records-for-budget", "100",
                "delete-budget-window", "1h", "policy", "sync")).deleteBudget())
                .isEqualTo(new DeleteBudget.Settings(0.5, 100, Duration.ofHours(1)));
    }

    @ParameterizedTest(name = "--{1}: {0}")
    @MethodSource("invalid")
    void invalidValuesNameTheirFlag(Map<String, String> given, String flag) {
        Map<String, String> flags = new java.util.HashMap<>(given);
        flags.putIfAbsent("policy", "sync");
        assertThatThrownBy(() -> PlannerConfig.fromMap(flags)).isInstanceOfSatisfying(InvalidFlagException.class,
                e -> assertThat(e.flag()).isEqualTo(flag));
    }
}
