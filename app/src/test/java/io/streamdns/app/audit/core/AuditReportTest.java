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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdns.app.audit.AuditFixtures.TrailBuilder;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome.Action;
import io.streamdns.model.ChangeOutcome.Status;
import io.streamdns.model.Endpoint;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditReportTest {
    static final String WWW = "www.example.com";
    static final String WEB = "kube-a/Service/default/web";
    static final NameMatcher M = new NameMatcher(WWW, TxtNameMapper.defaults());

    static Trail story() {
        Endpoint v1 = a(WWW, "1.2.3.4");
        Endpoint v2 = a(WWW, "5.6.7.8");
        Endpoint txt = ownership(WWW, "A", "default", "service/default/web");
        TrailBuilder t = new TrailBuilder();
        t.source(source(WEB, "100", t.now(), List.of(v1), List.of()))
                .plan(plan("p-1", t.now(), t.now() - 100, List.of(v1, txt), List.of(), List.of(), List.of(),
                        List.of(provenance(WWW, WEB, "100", t.now() - 100)), List.of()))
                .result(result("p-1", ApplyResult.Status.APPLIED, List.of("C1"), t.now() - 200, t.now(),
                        outcome(Action.CREATE, v1, Status.APPLIED, null)))
                .source(source(WEB, "101", t.now(), List.of(v2), List.of()))
                .plan(plan("p-2", t.now(), t.now() - 100, List.of(), List.of(v1), List.of(v2), List.of(),
                        List.of(provenance(WWW, WEB, "101", t.now() - 100)), List.of()))
                .result(result("p-2", ApplyResult.Status.PARTIAL, List.of(), t.now() - 200, 0,
                        outcome(Action.UPDATE, v2, Status.REJECTED, "InvalidChangeBatch: bad")))
                .zone(zoneRecord(v1)).zone(zoneRecord(txt));
        return t.build();
    }

    static Stream<Arguments> texts() {
        Function<Trail, String> history = tr -> TextReport.history(HistoryBuilder.build(M, tr, null, null));
        Function<Trail, String> why = tr -> TextReport.why(WhyReasoner.explain(M, tr));
        return Stream.of(
                Arguments.of("history: header and columns", history, List.of(
                        "history of www.example.com  (shard example.com; partition 0 of ",
                        "TIME                      STAGE   WHAT",
                        "source  " + WEB + " rv 100 wants (observed ",
                        "                                    wants      A www.example.com [1.2.3.4] ttl 300",
                        "plan    p-1 for " + WEB + " rv 100",
                        "CREATE     TXT a-www.example.com",
                        "UPDATE     A www.example.com [1.2.3.4] -> [5.6.7.8]",
                        "result  p-1 APPLIED change C1, 1 attempt, end-to-end 200 ms",
                        "REJECTED   UPDATE A www.example.com zone Z1EXAMPLE: InvalidChangeBatch: bad")),
                Arguments.of("why: verdict, Route 53 now, objects, plan and result", why, List.of(
                        "www.example.com: REFUSED_BY_ROUTE53",
                        "  Route 53 refused UPDATE A www.example.com in plan p-2: InvalidChangeBatch: bad",
                        "Route 53 now (zone-state; shard example.com;",
                        "  A     www.example.com [1.2.3.4] ttl 300 zone Z1EXAMPLE",
                        "  TXT   a-www.example.com [ownership{owner=default resource=service/default/web}] ttl 300",
                        "(ownership)",
                        "Objects asking for it now:",
                        "  " + WEB + " rv 101 (observed ",
                        "    wants     A www.example.com [5.6.7.8] ttl 300",
                        "Latest plan (",
                        "Latest result (")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void rendersText(String title, Function<Trail, String> render, List<String> fragments) {
        String text = render.apply(story());
        assertThat(text).contains(fragments);
    }

    @Test
    void timelineRowsAlign() {
        String text = TextReport.history(HistoryBuilder.build(M, story(), null, null));
        List<String> rows = text.lines().filter(l -> l.matches("^\\d{4}-.*")).toList();
        assertThat(rows).hasSize(6).allSatisfy(r -> assertThat(r.substring(24, 26)).isEqualTo("  "));
        assertThat(rows).allSatisfy(r -> assertThat(r.charAt(34)).isNotEqualTo(' '));
    }

    static Stream<Arguments> jsons() {
        return Stream.of(
                Arguments.of("history", (Function<Trail, Object>) tr -> HistoryBuilder.build(M, tr, null, null),
                        "/steps/0/stage", "source"),
                Arguments.of("history: plan change", (Function<Trail, Object>) tr -> HistoryBuilder.build(M, tr, null, null),
                        "/steps/1/changes/1/ownership", "true"),
                Arguments.of("history: outcome message",
                        (Function<Trail, Object>) tr -> HistoryBuilder.build(M, tr, null, null),
                        "/steps/5/outcomes/0/message", "InvalidChangeBatch: bad"),
                Arguments.of("why: verdict", (Function<Trail, Object>) tr -> WhyReasoner.explain(M, tr),
                        "/verdict", "REFUSED_BY_ROUTE53"),
                Arguments.of("why: latest plan", (Function<Trail, Object>) tr -> WhyReasoner.explain(M, tr),
                        "/plan/planId", "p-2"),
                Arguments.of("why: zone record", (Function<Trail, Object>) tr -> WhyReasoner.explain(M, tr),
                        "/records/0/values/0", "1.2.3.4"),
                Arguments.of("why: owner", (Function<Trail, Object>) tr -> WhyReasoner.explain(M, tr),
                        "/owners/0/owner", "default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsons")
    void rendersOneParsableJsonDocument(String title, Function<Trail, Object> report, String pointer, String expected)
            throws Exception {
        JsonNode tree = new ObjectMapper().readTree(JsonReport.write(report.apply(story())));
        assertThat(tree.at(pointer).asText()).isEqualTo(expected);
        assertThat(tree.has("v")).isFalse();
    }
}
