package io.streamdns.planner.plan;

import static io.streamdns.planner.plan.PlanCase.row;

import io.streamdns.model.dns.DomainFilter;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --exclude-record-types} (the managed types minus the excluded ones, external-dns's IsManagedRecord) and
 * {@code --regex-domain-filter}/{@code --regex-domain-exclusion} in the plan: what they leave out is neither
 * planned nor touched.
 */
class PlanShapingTest {
    private static final String OURS = "owner=default,resource=service/default/web,cluster=c1";

    static DomainFilter regex(String include, String exclude) {
        return DomainFilter.of(List.of("other.org"), List.of(), DomainFilter.Regex.of(include, exclude));
    }

    static Stream<PlanCase> rows() {
        return Stream.of(
                row("CNAME excluded: a desired CNAME is not planned").with(s -> s.withManagedTypes(Set.of("A", "AAAA")))
                        .want("www.ex.com CNAME lb.ex.net").want("api.ex.com A 1.2.3.4").creates("A api.ex.com 1.2.3.4",
                                "TXT a-api.ex.com ours"),
                row("CNAME excluded: an owned CNAME no longer desired is not deleted")
                        .with(s -> s.withManagedTypes(Set.of("A", "AAAA")))
                        .haveOwnedBy(OURS, "www.ex.com CNAME lb.ex.net"),
                row("CNAME managed: the same CNAME is deleted").haveOwnedBy(OURS, "www.ex.com CNAME lb.ex.net")
                        .deletes("CNAME www.ex.com lb.ex.net", "TXT cname-www.ex.com ours"),
                row("regex filter: a name outside is not planned").with(s -> s.withDomainFilter(regex("^www\\.", "")))
                        .want("api.ex.com A 1.2.3.4").want("www.ex.com A 1.2.3.5")
                        .creates("A www.ex.com 1.2.3.5", "TXT a-www.ex.com ours"),
                row("regex filter: a record outside is never deleted").with(s -> s.withDomainFilter(regex("^www\\.", "")))
                        .haveOwnedBy(OURS, "api.ex.com A 1.2.3.4"),
                row("regex filter: an owned record inside no longer desired: deleted with its a- TXT")
                        .with(s -> s.withDomainFilter(regex("^www\\.", ""))).haveOwnedBy(OURS, "www.ex.com A 1.2.3.4")
                        .deletes("A www.ex.com 1.2.3.4", "TXT a-www.ex.com ours"),
                row("regex filter overrides --domain-filter").with(s -> s.withDomainFilter(regex("ex\\.com$", "")))
                        .want("api.ex.com A 1.2.3.4").creates("A api.ex.com 1.2.3.4", "TXT a-api.ex.com ours"),
                row("regex exclusion: excluded names neither planned nor deleted")
                        .with(s -> s.withDomainFilter(regex("", "^internal\\.")))
                        .want("internal.ex.com A 1.2.3.4").haveOwnedBy(OURS, "internal.ex.com A 9.9.9.9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(PlanCase row) {
        PlanAssertions.check(row);
    }
}
