package io.streamdns.planner.plan;

import static io.streamdns.planner.plan.PlanCase.row;

import io.streamdns.model.dns.DomainFilter;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Creates, updates, deletes, filters and policies: external-dns's plan with the TXT registry. */
class PlanBasicsTest {
    private static final String OLD_TXT = "owner=default,resource=service/default/web";
    private static final String OUR_TXT = "owner=default,resource=service/default/web,cluster=c1";
    private static final DomainFilter EX = DomainFilter.of(List.of("ex.com"), List.of());

    static Stream<PlanCase> rows() {
        return Stream.of(
                row("nothing desired, nothing current"),
                row("create A with its ownership TXT").want("www.ex.com A 1.2.3.4")
                        .creates("A www.ex.com 1.2.3.4", "TXT a-www.ex.com ours"),
                row("create CNAME to a non-AWS host").want("www.ex.com CNAME lb.other.net")
                        .creates("CNAME www.ex.com lb.other.net", "TXT cname-www.ex.com ours"),
                row("create AAAA").want("www.ex.com AAAA 2001:db8::1")
                        .creates("AAAA www.ex.com 2001:db8::1", "TXT aaaa-www.ex.com ours"),
                row("TXT takes the record's TTL").want("www.ex.com A 1.2.3.4 ttl=60")
                        .creates("A www.ex.com 1.2.3.4 ttl=60", "TXT a-www.ex.com ours ttl=60"),
                row("weighted set: TXT carries set identifier and weight").want("www.ex.com A 1.2.3.4 set=blue aws/weight=10")
                        .creates("A www.ex.com/blue 1.2.3.4 [aws/weight=10]", "TXT a-www.ex.com/blue ours [aws/weight=10]"),
                row("owned and equal: nothing").want("www.ex.com A 1.2.3.4").haveOwned("www.ex.com A 1.2.3.4 ttl=300"),
                row("owned, targets changed: record updated, TXT gains the cluster label")
                        .want("www.ex.com A 5.6.7.8").haveOwned("www.ex.com A 1.2.3.4 ttl=300")
                        .updates("A www.ex.com 1.2.3.4 ttl=300 -> A www.ex.com 5.6.7.8",
                                "TXT a-www.ex.com " + OLD_TXT + " -> TXT a-www.ex.com ours"),
                row("owned, TXT already as wanted: only the record is updated")
                        .want("www.ex.com A 5.6.7.8").haveOwnedBy(OUR_TXT, "www.ex.com A 1.2.3.4 ttl=300")
                        .updates("A www.ex.com 1.2.3.4 ttl=300 -> A www.ex.com 5.6.7.8"),
                row("desired TTL set and different: record and TXT updated")
                        .want("www.ex.com A 1.2.3.4 ttl=60").haveOwnedBy(OUR_TXT, "www.ex.com A 1.2.3.4 ttl=300")
                        .updates("A www.ex.com 1.2.3.4 ttl=300 -> A www.ex.com 1.2.3.4 ttl=60",
                                "TXT a-www.ex.com ours -> TXT a-www.ex.com ours ttl=60"),
                row("targets differ only in case: no update")
                        .want("www.ex.com CNAME LB.Other.NET").haveOwned("www.ex.com CNAME lb.other.net"),
                row("IPv6 written differently: no update")
                        .want("www.ex.com AAAA 2001:db8:0:0:0:0:0:1").haveOwned("www.ex.com AAAA 2001:db8::1"),
                row("provider property changed: update")
                        .want("www.ex.com A 1.2.3.4 set=blue aws/weight=20")
                        .haveOwnedBy(OUR_TXT, "www.ex.com A 1.2.3.4 set=blue aws/weight=10")
                        .updates("A www.ex.com/blue 1.2.3.4 [aws/weight=10] -> A www.ex.com/blue 1.2.3.4 [aws/weight=20]",
                                "TXT a-www.ex.com/blue ours -> TXT a-www.ex.com/blue ours [aws/weight=20]"),
                row("multi-value by presence: 'false' wanted, multi-value in the zone: no update")
                        .want("www.ex.com A 1.2.3.4 set=m aws/multi-value-answer=false")
                        .haveOwnedBy(OUR_TXT, "www.ex.com A 1.2.3.4 set=m aws/multi-value-answer=true"),
                row("geoproximity without a bias is bias 0 (external-dns): no update")
                        .want("www.ex.com A 1.2.3.4 set=eu aws/geoproximity-region=eu-west-1")
                        .haveOwnedBy(OUR_TXT, "www.ex.com A 1.2.3.4 set=eu aws/geoproximity-region=eu-west-1"
                                + " aws/geoproximity-bias=0"),
                row("geoproximity created with its location and set identifier")
                        .want("www.ex.com A 1.2.3.4 set=ldn aws/geoproximity-coordinates=51.50,-0.12 aws/geoproximity-bias=10")
                        .creates("A www.ex.com/ldn 1.2.3.4 [aws/geoproximity-bias=10 aws/geoproximity-coordinates=51.50,-0.12]",
                                "TXT a-www.ex.com/ldn ours [aws/geoproximity-bias=10 aws/geoproximity-coordinates=51.50,-0.12]"),
                row("geoproximity bias changed: update")
                        .want("www.ex.com A 1.2.3.4 set=eu aws/geoproximity-region=eu-west-1 aws/geoproximity-bias=20")
                        .haveOwnedBy(OUR_TXT, "www.ex.com A 1.2.3.4 set=eu aws/geoproximity-region=eu-west-1"
                                + " aws/geoproximity-bias=0")
                        .updates("A www.ex.com/eu 1.2.3.4 [aws/geoproximity-bias=0 aws/geoproximity-region=eu-west-1]"
                                        + " -> A www.ex.com/eu 1.2.3.4 [aws/geoproximity-bias=20 aws/geoproximity-region=eu-west-1]",
                                "TXT a-www.ex.com/eu ours -> TXT a-www.ex.com/eu ours"
                                        + " [aws/geoproximity-bias=20 aws/geoproximity-region=eu-west-1]"),
                row("no longer desired: record and TXT deleted").haveOwned("www.ex.com A 1.2.3.4")
                        .deletes("A www.ex.com 1.2.3.4", "TXT a-www.ex.com " + OLD_TXT),
                row("one type no longer desired: AAAA deleted, A kept").want("www.ex.com A 1.2.3.4")
                        .haveOwned("www.ex.com A 1.2.3.4").haveOwned("www.ex.com AAAA 2001:db8::1")
                        .deletes("AAAA www.ex.com 2001:db8::1", "TXT aaaa-www.ex.com " + OLD_TXT),
                row("type change A to CNAME").want("www.ex.com CNAME lb.other.net").haveOwned("www.ex.com A 1.2.3.4")
                        .creates("CNAME www.ex.com lb.other.net", "TXT cname-www.ex.com ours")
                        .deletes("A www.ex.com 1.2.3.4", "TXT a-www.ex.com " + OLD_TXT),
                row("new type at an owned name: created").want("www.ex.com A 1.2.3.4", "www.ex.com AAAA 2001:db8::1")
                        .haveOwned("www.ex.com A 1.2.3.4")
                        .creates("AAAA www.ex.com 2001:db8::1", "TXT aaaa-www.ex.com ours"),
                row("desired outside the domain filter is ignored").with(s -> s.withDomainFilter(EX))
                        .want("www.other.org A 1.2.3.4"),
                row("owned record outside the domain filter is not deleted").with(s -> s.withDomainFilter(EX))
                        .haveOwned("www.other.org A 1.2.3.4"),
                row("excluded domain is ignored")
                        .with(s -> s.withDomainFilter(DomainFilter.of(List.of("ex.com"), List.of("internal.ex.com"))))
                        .want("a.internal.ex.com A 1.2.3.4", "www.ex.com A 1.2.3.4")
                        .creates("A www.ex.com 1.2.3.4", "TXT a-www.ex.com ours"),
                row("TXT apex ownership outside the filter: create skipped").with(s -> s.withDomainFilter(EX))
                        .want("ex.com A 1.2.3.4").skips("ex.com/A txt-outside-domain"),
                row("unmanaged type is ignored").want("www.ex.com TXT hello"),
                row("managed types A only: CNAME ignored").with(s -> s.withManagedTypes(Set.of("A")))
                        .want("www.ex.com CNAME lb.other.net", "api.ex.com A 1.2.3.4")
                        .creates("A api.ex.com 1.2.3.4", "TXT a-api.ex.com ours"),
                row("records of other types are left alone").have("ex.com NS ns-1.awsdns.com", "ex.com MX mail.ex.com"),
                row("upsert-only: released record kept").with(s -> s.withPolicy(Policy.UPSERT_ONLY))
                        .haveOwned("www.ex.com A 1.2.3.4"),
                row("upsert-only: update made").with(s -> s.withPolicy(Policy.UPSERT_ONLY))
                        .want("www.ex.com A 5.6.7.8").haveOwnedBy(OUR_TXT, "www.ex.com A 1.2.3.4")
                        .updates("A www.ex.com 1.2.3.4 -> A www.ex.com 5.6.7.8"),
                row("upsert-only: create made").with(s -> s.withPolicy(Policy.UPSERT_ONLY))
                        .want("www.ex.com A 1.2.3.4").creates("A www.ex.com 1.2.3.4", "TXT a-www.ex.com ours"),
                row("upsert-only: type change creates the new type, keeps the old")
                        .with(s -> s.withPolicy(Policy.UPSERT_ONLY))
                        .want("www.ex.com CNAME lb.other.net").haveOwned("www.ex.com A 1.2.3.4")
                        .creates("CNAME www.ex.com lb.other.net", "TXT cname-www.ex.com ours"),
                row("create-only: update dropped").with(s -> s.withPolicy(Policy.CREATE_ONLY))
                        .want("www.ex.com A 5.6.7.8").haveOwned("www.ex.com A 1.2.3.4"),
                row("create-only: delete dropped").with(s -> s.withPolicy(Policy.CREATE_ONLY))
                        .haveOwned("www.ex.com A 1.2.3.4"),
                row("create-only: create made").with(s -> s.withPolicy(Policy.CREATE_ONLY))
                        .want("www.ex.com A 1.2.3.4").creates("A www.ex.com 1.2.3.4", "TXT a-www.ex.com ours"),
                row("sync: legacy TXT migrated by creating the current-format TXT (force-update)")
                        .want("www.ex.com A 1.2.3.4").have("www.ex.com A 1.2.3.4")
                        .have(Fixtures.txt("www.ex.com", OLD_TXT)).creates("TXT a-www.ex.com ours"),
                row("create-only: legacy TXT left as it is").with(s -> s.withPolicy(Policy.CREATE_ONLY))
                        .want("www.ex.com A 1.2.3.4").have("www.ex.com A 1.2.3.4").have(Fixtures.txt("www.ex.com", OLD_TXT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(PlanCase row) {
        PlanAssertions.check(row);
    }
}
