package io.streamdns.planner.plan;

import static io.streamdns.planner.plan.PlanCase.row;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Several objects of one cluster with one hostname: external-dns's endpoint merge (the union of A/AAAA targets). */
class PlanClusterUnionTest {
    private static final String A = "service/default/a";
    private static final String B = "service/default/b";
    private static final String ING = "ingress/default/web";
    private static final String ELB = "lb-1.us-east-1.elb.amazonaws.com";
    private static final String ELB2 = "lb-2.us-east-1.elb.amazonaws.com";

    static Stream<PlanCase> rows() {
        return Stream.of(
                row("two Services of one cluster, one hostname: the A set holds both addresses")
                        .wantFrom("c1", B, "www.ex.com A 2.2.2.2").wantFrom("c1", A, "www.ex.com A 1.1.1.1")
                        .creates("A www.ex.com 1.1.1.1,2.2.2.2",
                                "TXT a-www.ex.com cluster=c1,owner=default,resource=" + A),
                row("a Service and an Ingress of one cluster: unioned too, the lowest resource labels the TXT")
                        .wantFrom("c1", A, "www.ex.com A 1.1.1.1").wantFrom("c1", ING, "www.ex.com A 3.3.3.3")
                        .creates("A www.ex.com 1.1.1.1,3.3.3.3",
                                "TXT a-www.ex.com cluster=c1,owner=default,resource=" + ING),
                row("AAAA: unioned as A")
                        .wantFrom("c1", A, "www.ex.com AAAA 2001:db8::1").wantFrom("c1", B, "www.ex.com AAAA 2001:db8::2")
                        .creates("AAAA www.ex.com 2001:db8::1,2001:db8::2",
                                "TXT aaaa-www.ex.com cluster=c1,owner=default,resource=" + A),
                row("the object that owns the record keeps labelling it (no TXT churn)")
                        .wantFrom("c1", A, "www.ex.com A 1.1.1.1").wantFrom("c1", B, "www.ex.com A 2.2.2.2")
                        .haveOwnedBy("owner=default,resource=" + B + ",cluster=c1", "www.ex.com A 1.1.1.1,2.2.2.2"),
                row("a new object's address joins the owned set: an update, the owner's labels kept")
                        .wantFrom("c1", A, "www.ex.com A 1.1.1.1").wantFrom("c1", B, "www.ex.com A 2.2.2.2")
                        .haveOwnedBy("owner=default,resource=" + B + ",cluster=c1", "www.ex.com A 2.2.2.2")
                        .updates("A www.ex.com 2.2.2.2 -> A www.ex.com 1.1.1.1,2.2.2.2"),
                row("one object gone: its addresses leave the set, the other's stay")
                        .wantFrom("c1", B, "www.ex.com A 2.2.2.2")
                        .haveOwnedBy("owner=default,resource=" + B + ",cluster=c1", "www.ex.com A 1.1.1.1,2.2.2.2")
                        .updates("A www.ex.com 1.1.1.1,2.2.2.2 -> A www.ex.com 2.2.2.2"),
                row("same targets from two objects: one set, no duplicates")
                        .wantFrom("c1", A, "www.ex.com A 1.1.1.1").wantFrom("c1", B, "www.ex.com A 1.1.1.1")
                        .creates("A www.ex.com 1.1.1.1", "TXT a-www.ex.com cluster=c1,owner=default,resource=" + A),
                row("different TTLs are not merged (MergeEndpoints' key): the smallest targets win")
                        .wantFrom("c1", A, "www.ex.com A 1.1.1.1,1.1.1.2 ttl=60")
                        .wantFrom("c1", B, "www.ex.com A 2.2.2.2 ttl=30")
                        .creates("A www.ex.com 2.2.2.2 ttl=30",
                                "TXT a-www.ex.com cluster=c1,owner=default,resource=" + B + " ttl=30"),
                row("one set identifier: unioned within it")
                        .wantFrom("c1", A, "www.ex.com A 1.1.1.1 set=eu aws/weight=5")
                        .wantFrom("c1", B, "www.ex.com A 2.2.2.2 set=eu aws/weight=5")
                        .creates("A www.ex.com/eu 1.1.1.1,2.2.2.2 [aws/weight=5]",
                                "TXT a-www.ex.com/eu cluster=c1,owner=default,resource=" + A + " [aws/weight=5]"),
                row("different routing properties are not merged: the smallest targets win")
                        .wantFrom("c1", A, "www.ex.com A 1.1.1.1,1.1.1.2 set=eu aws/weight=5")
                        .wantFrom("c1", B, "www.ex.com A 2.2.2.2 set=eu aws/weight=9")
                        .creates("A www.ex.com/eu 2.2.2.2 [aws/weight=9]",
                                "TXT a-www.ex.com/eu cluster=c1,owner=default,resource=" + B + " [aws/weight=9]"),
                row("CNAMEs of one cluster are not merged (one target per name): the conflict rule")
                        .wantFrom("c1", A, "www.ex.com CNAME b.other.net").wantFrom("c1", B, "www.ex.com CNAME a.other.net")
                        .creates("CNAME www.ex.com a.other.net",
                                "TXT cname-www.ex.com cluster=c1,owner=default,resource=" + B),
                row("ALIASes of one cluster are not merged (one target per alias): the conflict rule")
                        .wantFrom("c1", A, "www.ex.com CNAME " + ELB2 + " alias-type=A")
                        .wantFrom("c1", B, "www.ex.com CNAME " + ELB + " alias-type=A")
                        .creates("A www.ex.com " + ELB + " ttl=300 [alias eth=true]",
                                "TXT a-www.ex.com cluster=c1,owner=default,resource=" + B),
                row("a record another owner made is never adopted by the union")
                        .wantFrom("c1", A, "www.ex.com A 1.1.1.1").wantFrom("c1", B, "www.ex.com A 2.2.2.2")
                        .haveOwnedBy("owner=someone-else,resource=" + A, "www.ex.com A 1.1.1.1,2.2.2.2")
                        .skips("www.ex.com/A owned-by-other"),
                row("two clusters, one with two objects: one set with every address")
                        .wantFrom("c1", A, "www.ex.com A 1.1.1.1").wantFrom("c1", B, "www.ex.com A 2.2.2.2")
                        .wantFrom("c2", A, "www.ex.com A 3.3.3.3")
                        .creates("A www.ex.com 1.1.1.1,2.2.2.2,3.3.3.3",
                                "TXT a-www.ex.com cluster=c1,owner=default,resource=" + A));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(PlanCase row) {
        PlanAssertions.check(row);
    }
}
