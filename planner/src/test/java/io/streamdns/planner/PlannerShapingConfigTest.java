package io.streamdns.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.runtime.config.InvalidFlagException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --exclude-record-types and --regex-domain-filter/-exclusion reach the plan settings, bad values name the flag. */
class PlannerShapingConfigTest {
    @Test
    void excludedTypesLeaveTheManagedOnes() {
        PlannerConfig c = PlannerConfig.fromMap(Map.of("policy", "sync", "exclude-record-types", "cname,MX"));
        assertThat(c.planSettings().managedTypes()).containsExactlyInAnyOrder("A", "AAAA");
        PlannerConfig srv = PlannerConfig.fromMap(Map.of("policy", "sync", "managed-record-types", "A,SRV",
                "exclude-record-types", "SRV"));
        assertThat(srv.planSettings().managedTypes()).containsExactly("A");
    }

    @Test
    void excludingEverythingIsRefused() {
        assertThatThrownBy(() -> PlannerConfig.fromMap(Map.of("policy", "sync", "managed-record-types", "A",
                "exclude-record-types", "A"))).isInstanceOf(InvalidFlagException.class)
                .hasMessageContaining("exclude-record-types").hasMessageContaining("manage nothing");
        assertThatThrownBy(() -> PlannerConfig.fromMap(Map.of("policy", "sync", "exclude-record-types", "A-B")))
                .isInstanceOf(InvalidFlagException.class).hasMessageContaining("exclude-record-types");
    }

    @Test
    void theRegexOverridesTheDomainList() {
        PlannerConfig c = PlannerConfig.fromMap(Map.of("policy", "sync", "domain-filter", "other.org",
                "regex-domain-filter", "(example\\.org|company\\.com)$", "regex-domain-exclusion", "^internal\\."));
        assertThat(c.planSettings().domainFilter().matches("a.example.org")).isTrue();
        assertThat(c.planSettings().domainFilter().matches("a.other.org")).isFalse();
        assertThat(c.planSettings().domainFilter().matches("internal.company.com")).isFalse();
        assertThatThrownBy(() -> PlannerConfig.fromMap(Map.of("policy", "sync", "regex-domain-filter", "([a-z")))
                .isInstanceOf(InvalidFlagException.class).hasMessageContaining("regex-domain-filter")
                .hasMessageContaining("is not a regular expression");
    }
}
