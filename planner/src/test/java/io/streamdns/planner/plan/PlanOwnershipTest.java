package io.streamdns.planner.plan;

import static io.streamdns.planner.plan.PlanCase.row;

import io.streamdns.model.Endpoint;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Ownership (TXT registry, legacy forms, foreign owners) and conflicts (CNAME vs A, between resources). */
class PlanOwnershipTest {
    private static final String OLD_TXT = "owner=default,resource=service/default/web";
    private static final String OTHER = "owner=other,resource=service/x/y";
    private static final String ELB = "lb-1.us-east-1.elb.amazonaws.com";

    static Stream<PlanCase> rows() {
        Endpoint twoOwners = new Endpoint("a-www.ex.com", RecordTypes.TXT, List.of(
                TxtRecordFormat.value(Map.of("owner", "default", "resource", "service/default/web")),
                TxtRecordFormat.value(Map.of("owner", "other", "resource", "service/x/y"))), 300, null, Map.of(), Map.of());
        return Stream.of(
                row("unowned record: update skipped").want("www.ex.com A 5.6.7.8").have("www.ex.com A 1.2.3.4")
                        .skips("www.ex.com/A unowned"),
                row("record of another owner: update skipped").want("www.ex.com A 5.6.7.8")
                        .haveOwnedBy(OTHER, "www.ex.com A 1.2.3.4").skips("www.ex.com/A owned-by-other"),
                row("another owner's record not desired: left alone, not reported").haveOwnedBy(OTHER, "www.ex.com A 1.2.3.4"),
                row("unowned record not desired: left alone, not reported").have("www.ex.com A 1.2.3.4"),
                row("create beside an unowned record of another type: skipped")
                        .want("www.ex.com AAAA 2001:db8::1").have("www.ex.com A 1.2.3.4")
                        .skips("www.ex.com/A unowned", "www.ex.com/AAAA unowned"),
                row("unowned record equal to desired: not adopted (no TXT), reported")
                        .want("www.ex.com A 1.2.3.4").have("www.ex.com A 1.2.3.4").skips("www.ex.com/A unowned"),
                row("another owner's record equal to desired: not adopted, reported")
                        .want("www.ex.com A 1.2.3.4").haveOwnedBy(OTHER, "www.ex.com A 1.2.3.4")
                        .skips("www.ex.com/A owned-by-other"),
                row("orphan TXT of another owner blocks the create").want("www.ex.com A 1.2.3.4")
                        .have(Fixtures.txt("a-www.ex.com", OTHER)).skips("www.ex.com/A owned-by-other"),
                row("TXT name held by a non-ownership TXT: create skipped").want("www.ex.com A 1.2.3.4")
                        .have(Fixtures.rawTxt("a-www.ex.com", "\"v=spf1 -all\"")).skips("www.ex.com/A txt-name-taken"),
                row("our orphan TXT with the same value: record created, TXT reused").want("www.ex.com A 1.2.3.4")
                        .have(Fixtures.txt("a-www.ex.com", OLD_TXT + ",cluster=c1")).creates("A www.ex.com 1.2.3.4"),
                row("our orphan TXT for another resource: record created, TXT rewritten").want("www.ex.com A 1.2.3.4")
                        .have(Fixtures.txt("a-www.ex.com", "owner=default,resource=service/default/old"))
                        .creates("A www.ex.com 1.2.3.4")
                        .updates("TXT a-www.ex.com owner=default,resource=service/default/old -> TXT a-www.ex.com ours"),
                row("legacy TXT and a change: record updated, current-format TXT created")
                        .want("www.ex.com A 5.6.7.8").have("www.ex.com A 1.2.3.4").have(Fixtures.txt("www.ex.com", OLD_TXT))
                        .creates("TXT a-www.ex.com ours").updates("A www.ex.com 1.2.3.4 -> A www.ex.com 5.6.7.8"),
                row("legacy TXT does not own AAAA").want("www.ex.com AAAA 2001:db8::2")
                        .have("www.ex.com AAAA 2001:db8::1").have(Fixtures.txt("www.ex.com", OLD_TXT))
                        .skips("www.ex.com/AAAA unowned"),
                row("legacy TXT of another owner: update skipped").want("www.ex.com A 5.6.7.8")
                        .have("www.ex.com A 1.2.3.4").have(Fixtures.txt("www.ex.com", OTHER)).skips("www.ex.com/A owned-by-other"),
                row("legacy-owned record released: record deleted, shared legacy TXT kept")
                        .have("www.ex.com A 1.2.3.4").have(Fixtures.txt("www.ex.com", OLD_TXT)).deletes("A www.ex.com 1.2.3.4"),
                row("A-ALIAS owned through a cname- TXT: current-format TXT created")
                        .want("www.ex.com CNAME " + ELB + " alias-type=A")
                        .have("www.ex.com A " + ELB + " ttl=300 alias=true aws/evaluate-target-health=true")
                        .have(Fixtures.txt("cname-www.ex.com", OLD_TXT)).creates("TXT a-www.ex.com ours"),
                row("A-ALIAS owned through a cname- TXT released: both deleted")
                        .have("www.ex.com A " + ELB + " ttl=300 alias=true aws/evaluate-target-health=true")
                        .have(Fixtures.txt("cname-www.ex.com", OLD_TXT))
                        .deletes("A www.ex.com " + ELB + " ttl=300 [alias eth=true]", "TXT cname-www.ex.com " + OLD_TXT),
                row("two ownership values that disagree: nobody owns it").want("www.ex.com A 5.6.7.8")
                        .have("www.ex.com A 1.2.3.4").have(twoOwners).skips("www.ex.com/A owned-by-other"),
                row("another --txt-owner-id sees default's records as foreign").with(s -> s.withOwner("blue"))
                        .want("www.ex.com A 5.6.7.8").haveOwned("www.ex.com A 1.2.3.4").skips("www.ex.com/A owned-by-other"),
                // plain A/AAAA claims of one cluster with one TTL are unioned (PlanClusterUnionTest); the
                // per-resource rule decides between claims that do not merge: CNAMEs, different TTLs
                row("per resource: the owning resource keeps the name")
                        .want("www.ex.com CNAME z.other.net")
                        .wantFrom("c1", "service/default/other", "www.ex.com CNAME a.other.net")
                        .haveOwnedBy(OLD_TXT + ",cluster=c1", "www.ex.com CNAME z.other.net"),
                row("per resource create: fewer targets win")
                        .wantFrom("c1", "service/default/a", "www.ex.com A 1.1.1.1,2.2.2.2 ttl=60")
                        .wantFrom("c1", "service/default/b", "www.ex.com A 3.3.3.3 ttl=30")
                        .creates("A www.ex.com 3.3.3.3 ttl=30",
                                "TXT a-www.ex.com cluster=c1,owner=default,resource=service/default/b ttl=30"),
                row("per resource create: IPs compare as numbers")
                        .wantFrom("c1", "service/default/a", "www.ex.com A 10.0.0.2 ttl=60")
                        .wantFrom("c1", "service/default/b", "www.ex.com A 10.0.0.10 ttl=30")
                        .creates("A www.ex.com 10.0.0.2 ttl=60",
                                "TXT a-www.ex.com cluster=c1,owner=default,resource=service/default/a ttl=60"),
                row("per resource update: owner gone, smallest targets win")
                        .wantFrom("c1", "service/default/a", "www.ex.com A 2.2.2.2 ttl=60")
                        .wantFrom("c1", "service/default/b", "www.ex.com A 1.1.1.1 ttl=30")
                        .haveOwnedBy("owner=default,resource=service/default/gone,cluster=c1", "www.ex.com A 9.9.9.9")
                        .updates("A www.ex.com 9.9.9.9 -> A www.ex.com 1.1.1.1 ttl=30",
                                "TXT a-www.ex.com cluster=c1,owner=default,resource=service/default/gone"
                                        + " -> TXT a-www.ex.com cluster=c1,owner=default,resource=service/default/b ttl=30"),
                row("CNAME and A desired at one name: A wins")
                        .wantFrom("c1", "service/default/a", "www.ex.com CNAME lb.other.net")
                        .wantFrom("c1", "service/default/b", "www.ex.com A 1.2.3.4")
                        .creates("A www.ex.com 1.2.3.4", "TXT a-www.ex.com cluster=c1,owner=default,resource=service/default/b"),
                row("CNAME and AAAA desired at one name: AAAA wins")
                        .wantFrom("c1", "service/default/a", "www.ex.com CNAME lb.other.net")
                        .wantFrom("c1", "service/default/b", "www.ex.com AAAA 2001:db8::1")
                        .creates("AAAA www.ex.com 2001:db8::1",
                                "TXT aaaa-www.ex.com cluster=c1,owner=default,resource=service/default/b"),
                row("our CNAME replaced by an A").want("www.ex.com A 1.2.3.4").haveOwned("www.ex.com CNAME lb.other.net")
                        .creates("A www.ex.com 1.2.3.4", "TXT a-www.ex.com ours")
                        .deletes("CNAME www.ex.com lb.other.net", "TXT cname-www.ex.com " + OLD_TXT),
                row("someone's CNAME blocks an A").want("www.ex.com A 1.2.3.4").have("www.ex.com CNAME lb.other.net")
                        .skips("www.ex.com/A unowned", "www.ex.com/CNAME unowned"),
                row("CNAME and A desired, our CNAME current: CNAME kept only to be deleted")
                        .want("www.ex.com CNAME lb.other.net").wantFrom("c1", "service/default/b", "www.ex.com A 1.2.3.4")
                        .haveOwned("www.ex.com CNAME lb.other.net")
                        .creates("A www.ex.com 1.2.3.4", "TXT a-www.ex.com cluster=c1,owner=default,resource=service/default/b")
                        .deletes("CNAME www.ex.com lb.other.net", "TXT cname-www.ex.com " + OLD_TXT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(PlanCase row) {
        PlanAssertions.check(row);
    }
}
