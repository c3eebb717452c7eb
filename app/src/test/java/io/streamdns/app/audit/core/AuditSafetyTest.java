package io.streamdns.app.audit.core;

import static io.streamdns.app.audit.AuditFixtures.a;
import static io.streamdns.app.audit.AuditFixtures.plan;
import static io.streamdns.app.audit.AuditFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Rejection;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Audit of held deletes and approvals: {@code why} says DELETE_HELD and why; {@code history} shows approvals. */
class AuditSafetyTest {
    static final String WWW = "www.example.com";
    static final NameMatcher M = new NameMatcher(WWW, TxtNameMapper.defaults());
    static final String HELD = "delete-held-unsynced: delete held: cluster kube-b has not synced on partition 3";

    private static Trail trail(List<TrailRecord<DeleteApproval>> approvals) {
        Endpoint v1 = a(WWW, "1.2.3.4");
        return new Trail("example.com", Map.of(),
                List.of(new TrailRecord<>("s", 0, 1, 5L, "example.com|kube-a/Service/default/web",
                        source("kube-a/Service/default/web", "1", 1, List.of(v1), List.of()))),
                List.of(new TrailRecord<>("p", 0, 3, 10L, "example.com|p-1", plan("p-1", 10, 0, List.of(), List.of(),
                        List.of(), List.of(), List.of(), List.of(new Rejection(WWW, "A", HELD))))),
                List.of(), List.of(), List.of(), approvals);
    }

    @Test
    void aHeldDeleteIsExplainedWithItsReason() {
        Explanation e = WhyReasoner.explain(M, trail(List.of()));
        assertThat(e.verdict()).isEqualTo(Explanation.Verdict.DELETE_HELD);
        assertThat(e.summary()).startsWith("delete held: cluster kube-b has not synced on partition 3 (plan p-1");
        assertThat(TextReport.why(e)).contains("DELETE_HELD");
    }

    @Test
    void historyShowsTheShardsApprovals() {
        DeleteApproval ok = new DeleteApproval("example.com", 20, 20 + 900_000, "alice", "decommission");
        History h = HistoryBuilder.build(M, trail(List.of(new TrailRecord<>("s", 0, 7, 20L,
                "example.com|!approve-deletes", ok))), null, null);
        assertThat(h.steps()).extracting(TextReport::stage).containsExactly("source", "plan", "ok-del");
        assertThat(TextReport.history(h)).contains("deletes of shard example.com approved by alice from "
                + Step.iso(20) + " until " + Step.iso(900_020) + ": decommission");
    }

    @Test
    void approvalsAloneDoNotMakeANameKnown() {
        DeleteApproval ok = new DeleteApproval("example.com", 20, 30, "alice", null);
        Trail t = new Trail("example.com", Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new TrailRecord<>("s", 0, 7, 20L, "example.com|!approve-deletes", ok)));
        assertThat(HistoryBuilder.steps(M, t)).isEmpty();
    }
}
