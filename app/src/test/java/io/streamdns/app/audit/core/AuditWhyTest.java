package io.streamdns.app.audit.core;

import static io.streamdns.app.audit.AuditFixtures.a;
import static io.streamdns.app.audit.AuditFixtures.outcome;
import static io.streamdns.app.audit.AuditFixtures.ownership;
import static io.streamdns.app.audit.AuditFixtures.plan;
import static io.streamdns.app.audit.AuditFixtures.provenance;
import static io.streamdns.app.audit.AuditFixtures.result;
import static io.streamdns.app.audit.AuditFixtures.source;
import static io.streamdns.app.audit.AuditFixtures.zoneRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.audit.AuditFixtures.TrailBuilder;
import io.streamdns.app.audit.core.Explanation.Verdict;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome.Action;
import io.streamdns.model.ChangeOutcome.Status;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Rejection;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditWhyTest {
    static final String WWW = "www.example.com";
    static final String WEB = "kube-a/Service/default/web";
    static final Endpoint V1 = a(WWW, "1.2.3.4");
    static final Endpoint V2 = a(WWW, "5.6.7.8");
    static final Endpoint TXT = ownership(WWW, "A", "default", "service/default/web");
    static final Endpoint FOREIGN_TXT = ownership(WWW, "A", "other-team", "service/shop/front");

    static TrailBuilder wanted(TrailBuilder t, Endpoint e) {
        return t.source(source(WEB, "100", t.now(), List.of(e), List.of()));
    }

    static TrailBuilder created(TrailBuilder t, String planId, Endpoint e) {
        return wanted(t, e)
                .plan(plan(planId, t.now(), t.now() - 100, List.of(e, TXT), List.of(), List.of(), List.of(),
                        List.of(provenance(WWW, WEB, "100", t.now() - 100)), List.of()));
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("written: plan, APPLIED, record in zone-state", (Consumer<TrailBuilder>) t -> created(t, "p-1", V1)
                                .result(result("p-1", ApplyResult.Status.APPLIED, List.of("C1"), t.now() - 300, t.now(),
                                        outcome(Action.CREATE, V1, Status.APPLIED, null)))
                                .zone(zoneRecord(V1)).zone(zoneRecord(TXT)),
                        Verdict.WRITTEN, "written by plan p-1 (change C1), APPLIED", 1, 1,
                        "plan p-1 answered kube-a/Service/default/web rv 100"),
                Arguments.of("refused by Route 53, with its message", (Consumer<TrailBuilder>) t -> created(t, "p-1", V1)
                                .result(result("p-1", ApplyResult.Status.FAILED, List.of(), t.now(), 0,
                                        outcome(Action.CREATE, V1, Status.REJECTED,
                                                "InvalidChangeBatch: RRSet already exists"),
                                        outcome(Action.CREATE, TXT, Status.APPLIED, null))),
                        Verdict.REFUSED_BY_ROUTE53, "Route 53 refused CREATE A www.example.com in plan p-1: "
                                + "InvalidChangeBatch: RRSet already exists", 0, 0, "wanted by " + WEB + " rv 100"),
                Arguments.of("skipped by the planner: owned by someone else", (Consumer<TrailBuilder>) t -> wanted(t, V1)
                                .zone(zoneRecord(V2)).zone(zoneRecord(FOREIGN_TXT))
                                .plan(plan("p-2", t.now(), 0, List.of(), List.of(), List.of(), List.of(), List.of(),
                                        List.of(new Rejection(WWW, "A", "owned by 'other-team', not by 'default'")))),
                        Verdict.SKIPPED_BY_PLANNER, "left it alone in plan p-2: owned by 'other-team'", 1, 1,
                        "owner=other-team resource=service/shop/front"),
                Arguments.of("rejected by the watcher", (Consumer<TrailBuilder>) t -> t
                                .source(source(WEB, "7", t.now(), List.of(),
                                        List.of(new Rejection(WWW, "A", "'www.example.com' is outside the domain filter [example.org]")))),
                        Verdict.REJECTED_BY_WATCHER, "the watcher refused it: 'www.example.com' is outside the domain "
                                + "filter [example.org] (asked for by " + WEB + " rv 7)", 0, 0, null),
                Arguments.of("wanted, no plan yet", (Consumer<TrailBuilder>) t -> wanted(t, V1),
                        Verdict.PENDING, "wanted by " + WEB + " rv 100, but no plan of it yet", 0, 0, null),
                Arguments.of("planned, no result yet", (Consumer<TrailBuilder>) t -> created(t, "p-1", V1),
                        Verdict.PENDING, "plan p-1", 0, 0, null),
                Arguments.of("deleted after the object went away", (Consumer<TrailBuilder>) t -> created(t, "p-1", V1)
                                .result(result("p-1", ApplyResult.Status.APPLIED, List.of("C1"), t.now(), t.now(),
                                        outcome(Action.CREATE, V1, Status.APPLIED, null)))
                                .zone(zoneRecord(V1)).sourceGone(WEB)
                                .plan(plan("p-2", t.now(), t.now(), List.of(), List.of(), List.of(), List.of(V1, TXT),
                                        List.of(), List.of()))
                                .result(result("p-2", ApplyResult.Status.APPLIED, List.of("C2"), t.now(), t.now(),
                                        outcome(Action.DELETE, V1, Status.APPLIED, null)))
                                .zoneGone(zoneRecord(V1)),
                        Verdict.DELETED, "deleted by plan p-2 (change C2), APPLIED", 0, 0, null),
                Arguments.of("in Route 53, nobody asks for it, no ownership", (Consumer<TrailBuilder>) t -> t
                                .zone(zoneRecord(V1)),
                        Verdict.NOT_WANTED, "Route 53 has it, but no object asks for it", 1, 0,
                        "no TXT ownership record in zone-state"),
                Arguments.of("in Route 53 as wanted, plans expired", (Consumer<TrailBuilder>) t -> wanted(t, V1)
                                .zone(zoneRecord(V1)).zone(zoneRecord(TXT)),
                        Verdict.WRITTEN, "Route 53 has it as wanted by " + WEB, 1, 1, "plans are kept 7 days"),
                Arguments.of("Route 53 kept failing", (Consumer<TrailBuilder>) t -> created(t, "p-1", V1)
                                .result(result("p-1", ApplyResult.Status.FAILED, List.of(), t.now(), 0,
                                        outcome(Action.CREATE, V1, Status.FAILED, "Throttling: Rate exceeded"))),
                        Verdict.FAILED_AT_ROUTE53, "kept failing for CREATE A www.example.com in plan p-1: Throttling",
                        0, 0, null),
                Arguments.of("dry run", (Consumer<TrailBuilder>) t -> created(t, "p-1", V1)
                                .result(result("p-1", ApplyResult.Status.DRY_RUN, List.of(), t.now(), 0,
                                        outcome(Action.CREATE, V1, Status.DRY_RUN, null))),
                        Verdict.DRY_RUN, "would have been sent", 0, 0, null),
                Arguments.of("skipped by the applier", (Consumer<TrailBuilder>) t -> created(t, "p-1", V1)
                                .result(result("p-1", ApplyResult.Status.PARTIAL, List.of(), t.now(), 0,
                                        outcome(Action.CREATE, V1, Status.SKIPPED, "no hosted zone for www.example.com"))),
                        Verdict.SKIPPED_BY_APPLIER, "did not send CREATE A www.example.com in plan p-1: no hosted zone",
                        0, 0, null),
                Arguments.of("a later success wins over an earlier refusal", (Consumer<TrailBuilder>) t -> created(t, "p-1", V1)
                                .result(result("p-1", ApplyResult.Status.FAILED, List.of(), t.now(), 0,
                                        outcome(Action.CREATE, V1, Status.REJECTED, "InvalidChangeBatch")))
                                .plan(plan("p-2", t.now(), t.now(), List.of(V1), List.of(), List.of(), List.of(),
                                        List.of(), List.of()))
                                .result(result("p-2", ApplyResult.Status.APPLIED, List.of("C2"), t.now(), t.now(),
                                        outcome(Action.CREATE, V1, Status.APPLIED, null)))
                                .zone(zoneRecord(V1)),
                        Verdict.WRITTEN, "written by plan p-2", 1, 0, null),
                Arguments.of("an object stopped wanting it, Route 53 never had it", (Consumer<TrailBuilder>) t -> wanted(t, V1)
                                .sourceGone(WEB),
                        Verdict.NOT_WANTED, "no object asks for it any more and Route 53 has no record of it", 0, 0,
                        null),
                Arguments.of("nothing on the trail", (Consumer<TrailBuilder>) t -> t
                                .source(source(WEB, "1", t.now(), List.of(a("api.example.com", "1.1.1.1")), List.of())),
                        Verdict.UNKNOWN, "nothing on the trail mentions it", 0, 0, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void explains(String title, Consumer<TrailBuilder> story, Verdict verdict, String summary, int records,
                  int ownershipRecords, String detail) {
        TrailBuilder t = new TrailBuilder();
        story.accept(t);
        Explanation e = WhyReasoner.explain(new NameMatcher(WWW, TxtNameMapper.defaults()), t.build());
        assertThat(e.verdict()).as(e.summary()).isEqualTo(verdict);
        assertThat(e.summary()).contains(summary);
        assertThat(e.records()).hasSize(records);
        assertThat(e.ownership()).hasSize(ownershipRecords);
        if (detail != null) {
            assertThat(e.details()).as("details").anySatisfy(d -> assertThat(d).contains(detail));
        }
    }
}
