package io.streamdns.planner.plan;

import static io.streamdns.planner.plan.PlanCase.row;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** AWS ALIAS adjustment and the multi-cluster strategies. */
class PlanAliasMultiClusterTest {
    private static final String ELB = "lb-1.us-east-1.elb.amazonaws.com";
    private static final String ELB2 = "lb-2.eu-west-1.elb.amazonaws.com";
    private static final String OLD_TXT = "owner=default,resource=service/default/web";
    private static final String C2_TXT = "cluster=c2,owner=default,resource=service/default/web";

    static Stream<PlanCase> rows() {
        return Stream.of(
                row("CNAME to an ELB becomes ALIAS A and AAAA").want("www.ex.com CNAME " + ELB)
                        .creates("A www.ex.com " + ELB + " ttl=300 [alias eth=true]",
                                "AAAA www.ex.com " + ELB + " ttl=300 [alias eth=true]",
                                "TXT a-www.ex.com ours", "TXT aaaa-www.ex.com ours"),
                row("--aws-prefer-cname keeps the CNAME").with(s -> s.withAws(true, true)).want("www.ex.com CNAME " + ELB)
                        .creates("CNAME www.ex.com " + ELB, "TXT cname-www.ex.com ours"),
                row("alias=true on a non-AWS target").want("www.ex.com CNAME lb.other.net alias=true")
                        .creates("A www.ex.com lb.other.net ttl=300 [alias eth=true]",
                                "AAAA www.ex.com lb.other.net ttl=300 [alias eth=true]",
                                "TXT a-www.ex.com ours", "TXT aaaa-www.ex.com ours"),
                row("alias=true wins over --aws-prefer-cname").with(s -> s.withAws(true, true))
                        .want("www.ex.com CNAME " + ELB + " alias=true alias-type=A")
                        .creates("A www.ex.com " + ELB + " ttl=300 [alias eth=true]", "TXT a-www.ex.com ours"),
                row("alias-type=A: A only").want("www.ex.com CNAME " + ELB + " alias-type=A")
                        .creates("A www.ex.com " + ELB + " ttl=300 [alias eth=true]", "TXT a-www.ex.com ours"),
                row("alias value AAAA: AAAA only").want("www.ex.com CNAME " + ELB + " alias=AAAA")
                        .creates("AAAA www.ex.com " + ELB + " ttl=300 [alias eth=true]", "TXT aaaa-www.ex.com ours"),
                row("--aws-evaluate-target-health=false").with(s -> s.withAws(false, false))
                        .want("www.ex.com CNAME " + ELB + " alias-type=A")
                        .creates("A www.ex.com " + ELB + " ttl=300 [alias eth=false]", "TXT a-www.ex.com ours"),
                row("--aws-evaluate-target-health=false reaches an alias annotation's A (no property from the watcher)")
                        .with(s -> s.withAws(false, false)).want("www.ex.com A " + ELB + " ttl=300 alias=true")
                        .creates("A www.ex.com " + ELB + " ttl=300 [alias eth=false]", "TXT a-www.ex.com ours"),
                row("aws-evaluate-target-health annotation wins")
                        .want("www.ex.com CNAME " + ELB + " alias-type=A aws/evaluate-target-health=false")
                        .creates("A www.ex.com " + ELB + " ttl=300 [alias eth=false]", "TXT a-www.ex.com ours"),
                row("alias=false keeps a CNAME to an ELB").want("www.ex.com CNAME " + ELB + " alias=false")
                        .creates("CNAME www.ex.com " + ELB, "TXT cname-www.ex.com ours"),
                row("ALIAS already in the zone: nothing").want("www.ex.com CNAME " + ELB)
                        .haveOwned("www.ex.com A " + ELB + " ttl=300 alias=true aws/evaluate-target-health=true")
                        .haveOwned("www.ex.com AAAA " + ELB + " ttl=300 alias=true aws/evaluate-target-health=true"),
                row("health evaluation changed on an ALIAS: update").want("www.ex.com CNAME " + ELB + " alias-type=A")
                        .haveOwnedBy(OLD_TXT + ",cluster=c1", "www.ex.com A " + ELB + " ttl=300 alias=true aws/evaluate-target-health=false")
                        .updates("A www.ex.com " + ELB + " ttl=300 [alias eth=false] -> A www.ex.com " + ELB + " ttl=300 [alias eth=true]"),
                row("CNAME made with prefer-cname becomes ALIAS").want("www.ex.com CNAME " + ELB)
                        .haveOwned("www.ex.com CNAME " + ELB)
                        .creates("A www.ex.com " + ELB + " ttl=300 [alias eth=true]",
                                "AAAA www.ex.com " + ELB + " ttl=300 [alias eth=true]",
                                "TXT a-www.ex.com ours", "TXT aaaa-www.ex.com ours")
                        .deletes("CNAME www.ex.com " + ELB, "TXT cname-www.ex.com " + OLD_TXT),
                row("CloudFront target becomes ALIAS").want("www.ex.com CNAME d111.cloudfront.net alias-type=A")
                        .creates("A www.ex.com d111.cloudfront.net ttl=300 [alias eth=true]", "TXT a-www.ex.com ours"),
                row("ALIAS TTL is 300 whatever was asked").want("www.ex.com CNAME " + ELB + " ttl=60 alias-type=A")
                        .creates("A www.ex.com " + ELB + " ttl=300 [alias eth=true]", "TXT a-www.ex.com ours"),
                row("merge: A targets of two clusters unioned")
                        .wantFrom("c1", "service/default/web", "www.ex.com A 1.1.1.1")
                        .wantFrom("c2", "service/default/web", "www.ex.com A 2.2.2.2")
                        .creates("A www.ex.com 1.1.1.1,2.2.2.2", "TXT a-www.ex.com ours"),
                row("merge: same targets from two clusters")
                        .wantFrom("c2", "service/default/web", "www.ex.com A 1.1.1.1")
                        .wantFrom("c1", "service/default/web", "www.ex.com A 1.1.1.1")
                        .creates("A www.ex.com 1.1.1.1", "TXT a-www.ex.com ours"),
                row("merge: the lowest set TTL")
                        .wantFrom("c1", "service/default/web", "www.ex.com A 1.1.1.1 ttl=60")
                        .wantFrom("c2", "service/default/web", "www.ex.com A 2.2.2.2 ttl=30")
                        .creates("A www.ex.com 1.1.1.1,2.2.2.2 ttl=30", "TXT a-www.ex.com ours ttl=30"),
                row("merge: CNAMEs of two clusters become weighted sets")
                        .wantFrom("c1", "service/default/web", "www.ex.com CNAME a.other.net")
                        .wantFrom("c2", "service/default/web", "www.ex.com CNAME b.other.net")
                        .creates("CNAME www.ex.com/c1 a.other.net [aws/weight=1]", "CNAME www.ex.com/c2 b.other.net [aws/weight=1]",
                                "TXT cname-www.ex.com/c1 ours [aws/weight=1]", "TXT cname-www.ex.com/c2 " + C2_TXT + " [aws/weight=1]"),
                row("merge: ALIAS claims of two clusters become weighted sets")
                        .wantFrom("c1", "service/default/web", "www.ex.com CNAME " + ELB + " alias-type=A")
                        .wantFrom("c2", "service/default/web", "www.ex.com CNAME " + ELB2 + " alias-type=A")
                        .creates("A www.ex.com/c1 " + ELB + " ttl=300 [alias eth=true aws/weight=1]",
                                "A www.ex.com/c2 " + ELB2 + " ttl=300 [alias eth=true aws/weight=1]",
                                "TXT a-www.ex.com/c1 ours [aws/weight=1]", "TXT a-www.ex.com/c2 " + C2_TXT + " [aws/weight=1]"),
                row("merge: an explicit aws-weight wins")
                        .wantFrom("c1", "service/default/web", "www.ex.com CNAME a.other.net aws/weight=3")
                        .wantFrom("c2", "service/default/web", "www.ex.com CNAME b.other.net")
                        .creates("CNAME www.ex.com/c1 a.other.net [aws/weight=3]", "CNAME www.ex.com/c2 b.other.net [aws/weight=1]",
                                "TXT cname-www.ex.com/c1 ours [aws/weight=3]", "TXT cname-www.ex.com/c2 " + C2_TXT + " [aws/weight=1]"),
                row("merge: a second cluster turns a simple CNAME into weighted sets")
                        .wantFrom("c1", "service/default/web", "www.ex.com CNAME a.other.net")
                        .wantFrom("c2", "service/default/web", "www.ex.com CNAME b.other.net")
                        .haveOwnedBy(OLD_TXT + ",cluster=c1", "www.ex.com CNAME a.other.net")
                        .creates("CNAME www.ex.com/c1 a.other.net [aws/weight=1]", "CNAME www.ex.com/c2 b.other.net [aws/weight=1]",
                                "TXT cname-www.ex.com/c1 ours [aws/weight=1]", "TXT cname-www.ex.com/c2 " + C2_TXT + " [aws/weight=1]")
                        .deletes("CNAME www.ex.com a.other.net", "TXT cname-www.ex.com ours"),
                row("merge: the union keeps the owning resource's labels (no TXT churn)")
                        .wantFrom("c1", "service/default/web", "www.ex.com A 1.1.1.1")
                        .wantFrom("c2", "service/default/web2", "www.ex.com A 2.2.2.2")
                        .haveOwnedBy("owner=default,resource=service/default/web2,cluster=c2", "www.ex.com A 1.1.1.1,2.2.2.2"),
                row("merge: claims with their own set identifiers are left alone")
                        .wantFrom("c1", "service/default/web", "www.ex.com A 1.1.1.1 set=x aws/weight=5")
                        .wantFrom("c2", "service/default/web", "www.ex.com A 2.2.2.2 set=y aws/weight=5")
                        .creates("A www.ex.com/x 1.1.1.1 [aws/weight=5]", "A www.ex.com/y 2.2.2.2 [aws/weight=5]",
                                "TXT a-www.ex.com/x ours [aws/weight=5]", "TXT a-www.ex.com/y " + C2_TXT + " [aws/weight=5]"),
                row("weighted: A claims become weighted sets").with(s -> s.withMultiCluster(MultiClusterStrategy.WEIGHTED))
                        .wantFrom("c1", "service/default/web", "www.ex.com A 1.1.1.1")
                        .wantFrom("c2", "service/default/web", "www.ex.com A 2.2.2.2")
                        .creates("A www.ex.com/c1 1.1.1.1 [aws/weight=1]", "A www.ex.com/c2 2.2.2.2 [aws/weight=1]",
                                "TXT a-www.ex.com/c1 ours [aws/weight=1]", "TXT a-www.ex.com/c2 " + C2_TXT + " [aws/weight=1]"),
                row("weighted: a single-cluster claim is left alone").with(s -> s.withMultiCluster(MultiClusterStrategy.WEIGHTED))
                        .want("www.ex.com A 1.1.1.1").creates("A www.ex.com 1.1.1.1", "TXT a-www.ex.com ours"),
                row("first-wins: the first cluster's claim only").with(s -> s.withMultiCluster(MultiClusterStrategy.FIRST_WINS))
                        .wantFrom("c2", "service/default/web", "www.ex.com A 2.2.2.2")
                        .wantFrom("c1", "service/default/web", "www.ex.com A 1.1.1.1")
                        .creates("A www.ex.com 1.1.1.1", "TXT a-www.ex.com ours"),
                row("first-wins: cluster before resource").with(s -> s.withMultiCluster(MultiClusterStrategy.FIRST_WINS))
                        .wantFrom("c2", "service/default/a", "www.ex.com A 1.1.1.1")
                        .wantFrom("c1", "service/default/b", "www.ex.com A 2.2.2.2")
                        .creates("A www.ex.com 2.2.2.2", "TXT a-www.ex.com cluster=c1,owner=default,resource=service/default/b"),
                row("first-wins: an unchanged winner plans nothing").with(s -> s.withMultiCluster(MultiClusterStrategy.FIRST_WINS))
                        .wantFrom("c2", "service/default/web", "www.ex.com A 2.2.2.2")
                        .wantFrom("c1", "service/default/web", "www.ex.com A 1.1.1.1")
                        .haveOwnedBy(OLD_TXT + ",cluster=c1", "www.ex.com A 1.1.1.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(PlanCase row) {
        PlanAssertions.check(row);
    }
}
