package io.streamdns.app.audit.core;

import static io.streamdns.app.audit.AuditFixtures.a;
import static io.streamdns.app.audit.AuditFixtures.outcome;
import static io.streamdns.app.audit.AuditFixtures.ownership;
import static io.streamdns.app.audit.AuditFixtures.plan;
import static io.streamdns.app.audit.AuditFixtures.provenance;
import static io.streamdns.app.audit.AuditFixtures.result;
import static io.streamdns.app.audit.AuditFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.audit.AuditFixtures.TrailBuilder;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome.Action;
import io.streamdns.model.ChangeOutcome.Status;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Rejection;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditHistoryTest {
    static final String WWW = "www.example.com";
    static final String WEB = "kube-a/Service/default/web";
    static final NameMatcher M = new NameMatcher(WWW, TxtNameMapper.defaults());

    /** One line per step: stage, then what identifies it. */
    static String line(Step s) {
        if (s instanceof Step.Source src) {
            return "source " + src.object() + " " + src.event() + (src.resourceVersion() == null ? ""
                    : " rv " + src.resourceVersion());
        }
        if (s instanceof Step.Plan p) {
            return "plan " + p.planId() + " " + p.changes().stream()
                    .map(c -> c.action() + (c.ownership() ? " TXT" : " " + c.endpoint().recordType())).toList()
                    + (p.skipped().isEmpty() ? "" : " skipped " + p.skipped().size());
        }
        Step.Result r = (Step.Result) s;
        return "result " + r.planId() + " " + r.status() + " " + r.outcomes().stream()
                .map(o -> o.status() + " " + o.recordType()).toList();
    }

    static Stream<Arguments> stories() {
        Endpoint v1 = a(WWW, "1.2.3.4");
        Endpoint v2 = a(WWW, "5.6.7.8");
        Endpoint txt = ownership(WWW, "A", "default", "service/default/web");
        Consumer<TrailBuilder> createUpdateDelete = t -> t
                .source(source(WEB, "100", t.now(), List.of(v1), List.of()))
                .plan(plan("p-1", t.now(), t.now() - 100, List.of(v1, txt), List.of(), List.of(), List.of(),
                        List.of(provenance(WWW, WEB, "100", t.now() - 100)), List.of()))
                .result(result("p-1", ApplyResult.Status.APPLIED, List.of("C1"), t.now() - 200, t.now(),
                        outcome(Action.CREATE, v1, Status.APPLIED, null), outcome(Action.CREATE, txt, Status.APPLIED, null)))
                .source(source(WEB, "101", t.now(), List.of(v2), List.of()))
                .plan(plan("p-2", t.now(), t.now() - 100, List.of(), List.of(v1), List.of(v2), List.of(),
                        List.of(provenance(WWW, WEB, "101", t.now() - 100)), List.of()))
                .result(result("p-2", ApplyResult.Status.APPLIED, List.of("C2"), t.now() - 200, t.now(),
                        outcome(Action.UPDATE, v2, Status.APPLIED, null)))
                .sourceGone(WEB)
                .plan(plan("p-3", t.now(), t.now() - 100, List.of(), List.of(), List.of(), List.of(v2, txt),
                        List.of(), List.of()))
                .result(result("p-3", ApplyResult.Status.APPLIED, List.of("C3"), t.now() - 200, t.now(),
                        outcome(Action.DELETE, v2, Status.APPLIED, null), outcome(Action.DELETE, txt, Status.APPLIED, null)));
        Consumer<TrailBuilder> noise = t -> t
                .source(source("kube-a/Service/default/api", "7", t.now(), List.of(a("api.example.com", "9.9.9.9")),
                        List.of()))
                .plan(plan("p-9", t.now(), 0, List.of(a("api.example.com", "9.9.9.9")), List.of(), List.of(),
                        List.of(), List.of(), List.of()))
                .result(result("p-9", ApplyResult.Status.APPLIED, List.of("C9"), 0, t.now(),
                        outcome(Action.CREATE, a("api.example.com", "9.9.9.9"), Status.APPLIED, null)));
        return Stream.of(
                Arguments.of("create, update, delete: every step in order", createUpdateDelete, List.of(
                        "source " + WEB + " wants rv 100",
                        "plan p-1 [CREATE A, CREATE TXT]",
                        "result p-1 APPLIED [APPLIED A, APPLIED TXT]",
                        "source " + WEB + " wants rv 101",
                        "plan p-2 [UPDATE A]",
                        "result p-2 APPLIED [APPLIED A]",
                        "source " + WEB + " deleted",
                        "plan p-3 [DELETE A, DELETE TXT]",
                        "result p-3 APPLIED [APPLIED A, APPLIED TXT]")),
                Arguments.of("other names leave no step", noise, List.of()),
                Arguments.of("an object that stops wanting the name, then never mentions it again",
                        (Consumer<TrailBuilder>) t -> t
                                .source(source(WEB, "1", t.now(), List.of(v1), List.of()))
                                .source(source(WEB, "2", t.now(), List.of(a("other.example.com", "1.1.1.1")), List.of()))
                                .source(source(WEB, "3", t.now(), List.of(a("other.example.com", "2.2.2.2")), List.of()))
                                .sourceGone(WEB),
                        List.of("source " + WEB + " wants rv 1", "source " + WEB + " stopped wanting rv 2")),
                Arguments.of("a watcher's refusal", (Consumer<TrailBuilder>) t -> t
                                .source(source(WEB, "5", t.now(), List.of(),
                                        List.of(new Rejection(WWW, "A", "outside the domain filter [example.org]")))),
                        List.of("source " + WEB + " rejected rv 5")),
                Arguments.of("a planner's skip, and a result of that plan without outcomes",
                        (Consumer<TrailBuilder>) t -> t
                                .plan(plan("p-4", t.now(), 0, List.of(), List.of(), List.of(), List.of(), List.of(),
                                        List.of(new Rejection(WWW, "A", "owned by 'other-team'"))))
                                .result(result("p-4", ApplyResult.Status.NOTHING_TO_DO, List.of(), 0, 0)),
                        List.of("plan p-4 [] skipped 1", "result p-4 NOTHING_TO_DO []")),
                Arguments.of("a refused change", (Consumer<TrailBuilder>) t -> t
                                .plan(plan("p-5", t.now(), 0, List.of(v1), List.of(), List.of(), List.of(), List.of(),
                                        List.of()))
                                .result(result("p-5", ApplyResult.Status.FAILED, List.of(), 0, 0,
                                        outcome(Action.CREATE, v1, Status.REJECTED, "InvalidChangeBatch: no"))),
                        List.of("plan p-5 [CREATE A]", "result p-5 FAILED [REJECTED A]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void listsTheStepsOfTheName(String title, Consumer<TrailBuilder> story, List<String> expected) {
        TrailBuilder t = new TrailBuilder();
        story.accept(t);
        History h = HistoryBuilder.build(M, t.build(), null, null);
        assertThat(h.steps().stream().map(AuditHistoryTest::line).toList()).containsExactlyElementsOf(expected);
        assertThat(h.notes()).isEmpty();
    }

    @Test
    void stepsCarryObjectsTimestampsAndTheEndToEndDelay() {
        TrailBuilder t = new TrailBuilder();
        Endpoint v1 = a(WWW, "1.2.3.4");
        t.source(source(WEB, "100", t.now() + 50, List.of(v1), List.of()))
                .plan(plan("p-1", t.now(), t.now() - 50, List.of(v1), List.of(), List.of(), List.of(),
                        List.of(provenance(WWW, WEB, "100", t.now() - 50),
                                provenance("api.example.com", "kube-a/Service/default/api", "3", 0)), List.of()))
                .result(result("p-1", ApplyResult.Status.APPLIED, List.of("C1"), t.now() - 150, t.now() + 700,
                        outcome(Action.CREATE, v1, Status.APPLIED, null)));
        List<Step> steps = HistoryBuilder.build(M, t.build(), null, null).steps();
        Step.Source src = (Step.Source) steps.get(0);
        assertThat(src.observedAt()).isEqualTo(src.timestamp() - 50);
        assertThat(src.at()).isEqualTo(Step.iso(src.timestamp())).hasSize(24);
        assertThat(src.wants()).containsExactly(v1);
        Step.Plan p = (Step.Plan) steps.get(1);
        assertThat(p.objects()).extracting(pv -> pv.name() + "@" + pv.resourceVersion()).containsExactly("web@100");
        Step.Result r = (Step.Result) steps.get(2);
        assertThat(r.changeIds()).containsExactly("C1");
        assertThat(r.endToEndMillis()).isEqualTo(850);
    }

    @Test
    void windowKeepsStepsBetweenSinceAndUntilAndSaysWhatItLeftOut() {
        TrailBuilder t = new TrailBuilder();
        for (int rv = 1; rv <= 5; rv++) {
            t.source(source(WEB, Integer.toString(rv), t.now(), List.of(a(WWW, "10.0.0." + rv)), List.of()));
        }
        Trail trail = t.build();
        long second = trail.sources().get(1).timestamp();
        long fourth = trail.sources().get(3).timestamp();
        History h = HistoryBuilder.build(M, trail, second, fourth);
        assertThat(h.steps()).extracting(s -> ((Step.Source) s).resourceVersion()).containsExactly("2", "3", "4");
        assertThat(h.notes()).containsExactly("1 earlier step(s) before --since not shown",
                "1 later step(s) after --until not shown");
        assertThat(h.since()).isEqualTo(Step.iso(second));
    }

    @Test
    void equalTimestampsOrderSourceThenPlanThenResult() {
        Endpoint v1 = a(WWW, "1.2.3.4");
        Trail trail = new Trail("example.com", Map.of(),
                List.of(new TrailRecord<>("s", 0, 9, 5L, "example.com|" + WEB, source(WEB, "1", 1, List.of(v1), List.of()))),
                List.of(new TrailRecord<>("p", 0, 3, 5L, "example.com|p-1",
                        plan("p-1", 1, 1, List.of(v1), List.of(), List.of(), List.of(), List.of(), List.of()))),
                List.of(new TrailRecord<>("r", 0, 1, 5L, "example.com|p-1",
                        result("p-1", ApplyResult.Status.APPLIED, List.of("C"), 1, 5))),
                List.of(), List.of("streamdns.plans partition 0 offset 2 left out, undecodable: v: missing"));
        History h = HistoryBuilder.build(M, trail, null, null);
        assertThat(h.steps()).extracting(TextReport::stage).containsExactly("source", "plan", "result");
        assertThat(h.notes()).singleElement().asString().contains("undecodable");
    }
}
