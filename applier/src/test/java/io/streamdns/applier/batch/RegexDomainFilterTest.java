package io.streamdns.applier.batch;

import static io.streamdns.applier.batch.Fixtures.ownershipTxt;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ChangePlan;
import io.streamdns.model.dns.DomainFilter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * --regex-domain-filter / --regex-domain-exclusion in the applier: zones are selected by their own name against the
 * expressions (external-dns's provider does so), and no name outside is ever sent; an ownership TXT goes with its
 * record.
 */
class RegexDomainFilterTest {
    static DomainFilter regex(String include, String exclude) {
        return DomainFilter.of(List.of("example.org"), List.of(), DomainFilter.Regex.of(include, exclude));
    }

    @Test
    void zonesAreSelectedByTheirNameAgainstTheRegex() {
        ZoneSelection s = new ZoneSelection("", Set.of(), regex("example\\.com$", "^sub\\."));
        assertThat(s.select(ZoneSelectionTest.ALL)).extracting(Zone::id).containsExactlyInAnyOrder("Z1", "Z2");
        assertThat(s.rejection(ZoneSelectionTest.ORG)).contains("regex-domain-filter");
        assertThat(s.rejection(ZoneSelectionTest.SUB)).contains("regex-domain-exclusion");
    }

    @Test
    void namesOutsideTheRegexAreNeverSentTheirTxtGoesWithTheRecord() {
        ChangePlan plan = PlanCompilerTest.plan(List.of(PlanCompilerTest.a("www.example.com", "10.0.0.1"),
                ownershipTxt("www.example.com", "A", Fixtures.OWNER), PlanCompilerTest.a("api.example.com",
                        "10.0.0.2"), ownershipTxt("api.example.com", "A", Fixtures.OWNER)),
                List.of(), List.of(), List.of());
        CompiledPlan c = PlanCompilerTest.compiler(regex("^www\\.", "")).compile(plan, ZoneLookup.EMPTY);
        assertThat(PlanCompilerTest.decided(c)).containsExactlyInAnyOrder("SKIPPED CREATE api.example.com/A",
                "SKIPPED CREATE a-api.example.com/TXT");
        assertThat(PlanCompilerTest.zoneWire(c)).anySatisfy(w -> assertThat(w).contains("CREATE A www.example.com"))
                .anySatisfy(w -> assertThat(w).contains("TXT a-www.example.com"))
                .noneSatisfy(w -> assertThat(w).contains("api.example.com"));
    }

    @Test
    void anOwnershipTxtOnItsOwnIsJudgedByTheNameItOwns() {
        ChangePlan plan = PlanCompilerTest.plan(List.of(ownershipTxt("www.example.com", "A", Fixtures.OWNER),
                ownershipTxt("api.example.com", "A", Fixtures.OWNER)), List.of(), List.of(), List.of());
        CompiledPlan c = PlanCompilerTest.compiler(regex("^www\\.", "")).compile(plan, ZoneLookup.EMPTY);
        assertThat(PlanCompilerTest.decided(c)).containsExactly("SKIPPED CREATE a-api.example.com/TXT");
        assertThat(c.decided().get(0).message()).contains("does not match --regex-domain-filter");
        assertThat(PlanCompilerTest.zoneWire(c)).anySatisfy(w -> assertThat(w).contains("TXT a-www.example.com"));
    }
}
