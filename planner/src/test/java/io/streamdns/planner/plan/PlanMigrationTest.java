package io.streamdns.planner.plan;

import static io.streamdns.planner.plan.PlanCase.row;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --migrate-from-txt-owner=old} with {@code --txt-owner-id=default}: what the old owner holds counts as ours
 * and only its TXTs are rewritten; the records change only when they need an update anyway; other owners stay
 * foreign.
 */
class PlanMigrationTest {
    private static final String OLD = "owner=old,resource=service/default/web,cluster=c1";
    private static final String OTHER = "owner=other,resource=service/default/web,cluster=c1";
    private static final String NEW = "TXT a-www.ex.com ours";

    static Stream<PlanCase> rows() {
        return Stream.of(
                row("old owner's record, values as desired: only its TXT is rewritten").with(s -> s.withMigrateFromOwner("old"))
                        .want("www.ex.com A 1.2.3.4").haveOwnedBy(OLD, "www.ex.com A 1.2.3.4")
                        .updates("TXT a-www.ex.com cluster=c1,owner=old,resource=service/default/web -> " + NEW),
                row("old owner's record that needs an update: record and TXT").with(s -> s.withMigrateFromOwner("old"))
                        .want("www.ex.com A 5.6.7.8").haveOwnedBy(OLD, "www.ex.com A 1.2.3.4")
                        .updates("A www.ex.com 1.2.3.4 -> A www.ex.com 5.6.7.8",
                                "TXT a-www.ex.com cluster=c1,owner=old,resource=service/default/web -> " + NEW),
                row("without the flag the old owner is foreign").want("www.ex.com A 1.2.3.4")
                        .haveOwnedBy(OLD, "www.ex.com A 1.2.3.4").skips("www.ex.com/A owned-by-other"),
                row("another owner stays foreign during a migration").with(s -> s.withMigrateFromOwner("old"))
                        .want("www.ex.com A 5.6.7.8").haveOwnedBy(OTHER, "www.ex.com A 1.2.3.4")
                        .skips("www.ex.com/A owned-by-other"),
                row("our own records are left as they are").with(s -> s.withMigrateFromOwner("old"))
                        .want("www.ex.com A 1.2.3.4").haveOwnedBy("owner=default,resource=service/default/web,cluster=c1",
                                "www.ex.com A 1.2.3.4"),
                row("old owner's record no longer desired: deleted with its TXT").with(s -> s.withMigrateFromOwner("old"))
                        .haveOwnedBy(OLD, "www.ex.com A 1.2.3.4")
                        .deletes("A www.ex.com 1.2.3.4", "TXT a-www.ex.com cluster=c1,owner=old,resource=service/default/web"),
                row("old owner's orphan TXT: the create reuses and rewrites it").with(s -> s.withMigrateFromOwner("old"))
                        .want("www.ex.com A 1.2.3.4").have(Fixtures.txt("a-www.ex.com", OLD))
                        .creates("A www.ex.com 1.2.3.4")
                        .updates("TXT a-www.ex.com cluster=c1,owner=old,resource=service/default/web -> " + NEW),
                row("old owner's legacy TXT: current-format TXT created, legacy TXT rewritten")
                        .with(s -> s.withMigrateFromOwner("old"))
                        .want("www.ex.com A 1.2.3.4").have("www.ex.com A 1.2.3.4").have(Fixtures.txt("www.ex.com", OLD))
                        .creates(NEW)
                        .updates("TXT www.ex.com cluster=c1,owner=old,resource=service/default/web -> TXT www.ex.com ours"),
                row("old owner's record with both TXT forms (as before v0.16): both rewritten")
                        .with(s -> s.withMigrateFromOwner("old"))
                        .want("www.ex.com A 1.2.3.4").haveOwnedBy(OLD, "www.ex.com A 1.2.3.4")
                        .have(Fixtures.txt("www.ex.com", OLD))
                        .updates("TXT a-www.ex.com cluster=c1,owner=old,resource=service/default/web -> " + NEW,
                                "TXT www.ex.com cluster=c1,owner=old,resource=service/default/web -> TXT www.ex.com ours"),
                row("a legacy TXT of another owner beside the old owner's current one: left alone")
                        .with(s -> s.withMigrateFromOwner("old"))
                        .want("www.ex.com A 1.2.3.4").haveOwnedBy(OLD, "www.ex.com A 1.2.3.4")
                        .have(Fixtures.txt("www.ex.com", OTHER))
                        .updates("TXT a-www.ex.com cluster=c1,owner=old,resource=service/default/web -> " + NEW),
                row("old owner's A-ALIAS through a cname- TXT: a- created, cname- rewritten")
                        .with(s -> s.withMigrateFromOwner("old"))
                        .want("www.ex.com CNAME lb-1.us-east-1.elb.amazonaws.com alias-type=A")
                        .have("www.ex.com A lb-1.us-east-1.elb.amazonaws.com ttl=300 alias=true aws/evaluate-target-health=true")
                        .have(Fixtures.txt("cname-www.ex.com", OLD)).creates(NEW)
                        .updates("TXT cname-www.ex.com cluster=c1,owner=old,resource=service/default/web"
                                + " -> TXT cname-www.ex.com ours"),
                row("old owner's record and create-only: nothing rewritten").with(s -> s.withMigrateFromOwner("old")
                                .withPolicy(Policy.CREATE_ONLY))
                        .want("www.ex.com A 1.2.3.4").haveOwnedBy(OLD, "www.ex.com A 1.2.3.4"),
                row("upsert-only: TXT rewritten, nothing deleted").with(s -> s.withMigrateFromOwner("old")
                                .withPolicy(Policy.UPSERT_ONLY))
                        .want("www.ex.com A 1.2.3.4").haveOwnedBy(OLD, "www.ex.com A 1.2.3.4")
                        .haveOwnedBy(OLD.replace("web", "gone"), "gone.ex.com A 9.9.9.9")
                        .updates("TXT a-www.ex.com cluster=c1,owner=old,resource=service/default/web -> " + NEW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(PlanCase row) {
        PlanAssertions.check(row);
    }
}
