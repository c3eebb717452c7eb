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
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome.Action;
import io.streamdns.model.ChangeOutcome.Status;
import io.streamdns.model.Endpoint;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `audit why` on a record two objects of one cluster share (the planner's union of their addresses). */
class AuditWhyUnionTest {
    private static final String WWW = "www.example.com";
    private static final String A = "kube-a/Service/default/web-a";
    private static final String B = "kube-a/Service/default/web-b";

    @Test
    void namesEveryObjectWhoseAddressesTheSetHolds() {
        TrailBuilder t = new TrailBuilder();
        Endpoint union = a(WWW, "1.1.1.1", "2.2.2.2");
        Endpoint txt = ownership(WWW, "A", "default", "service/default/web-a");
        t.source(source(A, "10", t.now(), List.of(a(WWW, "1.1.1.1")), List.of()))
                .source(source(B, "20", t.now(), List.of(a(WWW, "2.2.2.2")), List.of()))
                .plan(plan("p-1", t.now(), t.now() - 100, List.of(union, txt), List.of(), List.of(), List.of(),
                        List.of(provenance(WWW, A, "10", t.now() - 100), provenance(WWW, B, "20", t.now() - 100)),
                        List.of()))
                .result(result("p-1", ApplyResult.Status.APPLIED, List.of("C1"), t.now() - 200, t.now(),
                        outcome(Action.CREATE, union, Status.APPLIED, null),
                        outcome(Action.CREATE, txt, Status.APPLIED, null)))
                .zone(zoneRecord(union)).zone(zoneRecord(txt));

        Explanation e = WhyReasoner.explain(new NameMatcher(WWW, TxtNameMapper.defaults()), t.build());

        assertThat(e.verdict()).isEqualTo(Explanation.Verdict.WRITTEN);
        assertThat(e.claims()).extracting(Claim::object).containsExactlyInAnyOrder(A, B);
        assertThat(e.records()).singleElement().satisfies(r -> assertThat(r.values())
                .containsExactlyInAnyOrder("1.1.1.1", "2.2.2.2"));
        assertThat(String.join("\n", e.details())).contains(A + " rv 10", B + " rv 20",
                "resource=service/default/web-a");
    }
}
