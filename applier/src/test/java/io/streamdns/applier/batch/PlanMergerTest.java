package io.streamdns.applier.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome.Status;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.ProviderProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanMergerTest {
    static final long EVENT = 1_000;

    static Endpoint a(String name) {
        return Endpoint.of(name, "A", "10.0.0.1");
    }

    static ChangePlan creates(String id, Endpoint... endpoints) {
        return new ChangePlan(id, "example.com", 1L, EVENT, List.of(endpoints), List.of(), List.of(), List.of(), List.of());
    }

    static ChangePlan update(String id, String name) {
        return new ChangePlan(id, "example.com", 1L, EVENT, List.of(), List.of(a(name)),
                List.of(Endpoint.of(name, "A", "10.0.0.2")), List.of(), List.of());
    }

    static ChangePlan delete(String id, String name) {
        return new ChangePlan(id, "example.com", 1L, EVENT, List.of(), List.of(), List.of(), List.of(a(name)), List.of());
    }

    static ChangePlan empty(String id) {
        return creates(id);
    }

    static ChangePlan shard(String id, String shard, String name) {
        return new ChangePlan(id, shard, 1L, EVENT, List.of(a(name)), List.of(), List.of(), List.of(), List.of());
    }

    static Stream<Arguments> prefixes() {
        return Stream.of(
                Arguments.of("one plan", List.of(creates("p1", a("a.example.com"))), 50, 5000, 1),
                Arguments.of("disjoint plans merge", List.of(creates("p1", a("a.example.com")),
                        creates("p2", a("b.example.com")), delete("p3", "c.example.com")), 50, 5000, 3),
                Arguments.of("a repeated name stops the prefix", List.of(creates("p1", a("a.example.com")),
                        creates("p2", a("b.example.com")), update("p3", "a.example.com")), 50, 5000, 2),
                Arguments.of("the prefix ends at the first repeat even if later plans are disjoint",
                        List.of(creates("p1", a("a.example.com")), delete("p2", "a.example.com"),
                                creates("p3", a("c.example.com"))), 50, 5000, 1),
                Arguments.of("an ownership TXT conflicts with the record it owns", List.of(
                        creates("p1", a("x.example.com")),
                        creates("p2", Fixtures.ownershipTxt("x.example.com", "A", "me"))), 50, 5000, 1),
                Arguments.of("TXT names conflict among themselves", List.of(
                        creates("p1", Fixtures.ownershipTxt("x.example.com", "A", "me")),
                        delete("p2", "a-x.example.com")), 50, 5000, 1),
                Arguments.of("names compare case- and trailing-dot-blind", List.of(creates("p1", a("X.Example.com")),
                        delete("p2", "x.example.com.")), 50, 5000, 1),
                Arguments.of("the same name with another type still conflicts", List.of(creates("p1", a("a.example.com")),
                        creates("p2", Endpoint.of("a.example.com", "AAAA", "::1"))), 50, 5000, 1),
                Arguments.of("an ALIAS conflicts with a plan changing its target", List.of(
                        creates("p1", new Endpoint("www.example.com", "A", List.of("lb.example.com"), 300, null,
                                Map.of(ProviderProperties.ALIAS, "true"), Map.of())),
                        delete("p2", "lb.example.com")), 50, 5000, 1),
                Arguments.of("a CNAME's target does not conflict", List.of(
                        creates("p1", Endpoint.of("www.example.com", "CNAME", "lb.example.com")),
                        delete("p2", "lb.example.com")), 50, 5000, 2),
                Arguments.of("plan bound", List.of(creates("p1", a("a.example.com")), creates("p2", a("b.example.com")),
                        creates("p3", a("c.example.com")), creates("p4", a("d.example.com"))), 3, 5000, 3),
                Arguments.of("change bound", List.of(creates("p1", a("a.example.com"), a("b.example.com")),
                        creates("p2", a("c.example.com"), a("d.example.com")),
                        creates("p3", a("e.example.com"))), 50, 4, 2),
                Arguments.of("change bound reached exactly still merges", List.of(creates("p1", a("a.example.com")),
                        creates("p2", a("b.example.com"))), 50, 2, 2),
                Arguments.of("a first plan over the change bound runs alone", List.of(
                        creates("p1", a("a.example.com"), a("b.example.com"), a("c.example.com")),
                        creates("p2", a("d.example.com"))), 50, 2, 1),
                Arguments.of("empty plans merge", List.of(empty("p1"), creates("p2", a("a.example.com")), empty("p3")),
                        50, 5000, 3),
                Arguments.of("empty plans count against the plan bound", List.of(empty("p1"), empty("p2"), empty("p3")),
                        2, 5000, 2),
                Arguments.of("plans of different shards merge", List.of(shard("p1", "example.com", "a.example.com"),
                        shard("p2", "example.org", "a.example.org")), 50, 5000, 2),
                Arguments.of("a bound of one plan turns merging off", List.of(creates("p1", a("a.example.com")),
                        creates("p2", a("b.example.com"))), 1, 5000, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prefixes")
    void takesTheLongestSafePrefix(String title, List<ChangePlan> queued, int maxPlans, int maxChanges, int expected) {
        MergedPlan merged = PlanMerger.prefix(queued, maxPlans, maxChanges);
        assertThat(merged.members()).containsExactlyElementsOf(queued.subList(0, expected));
        ChangePlan c = merged.combined();
        int changes = queued.subList(0, expected).stream().mapToInt(ChangePlan::size).sum();
        assertThat(c.size()).isEqualTo(changes);
        assertThat(c.create()).containsExactlyElementsOf(queued.subList(0, expected).stream()
                .flatMap(p -> p.create().stream()).toList());
        if (expected == 1) {
            assertThat(c).isSameAs(queued.get(0));
        } else {
            assertThat(c.planId()).isEqualTo(queued.get(0).planId() + "+" + (expected - 1));
        }
    }

    @Test
    void nothingQueuedMergesNothing() {
        assertThat(PlanMerger.prefix(List.of(), 50, 5000)).isNull();
    }

    @Test
    void onceARunIsClosedItTakesNothingMore() {
        PlanMerger m = new PlanMerger(50, 5000);
        assertThat(m.add(creates("p1", a("a.example.com")))).isTrue();
        assertThat(m.add(creates("p2", a("a.example.com")))).isFalse();
        assertThat(m.add(creates("p3", a("b.example.com")))).as("a later disjoint plan must not jump the queue").isFalse();
        assertThat(m.size()).isEqualTo(1);
    }

    static Decision d(ChangeOutcome.Action action, String name, String type, Status status) {
        return new Decision(new Change.Origin(action, name, type, null), "Z1", status, null);
    }

    static Decision create(String name, Status status) {
        return d(ChangeOutcome.Action.CREATE, name, "A", status);
    }

    static Stream<Arguments> splits() {
        ChangePlan p1 = creates("p1", a("a.example.com"), Fixtures.ownershipTxt("a.example.com", "A", "me"));
        ChangePlan p2 = update("p2", "b.example.com");
        ChangePlan p3 = delete("p3", "c.example.com");
        ChangePlan none = empty("p0");
        Decision txt = d(ChangeOutcome.Action.CREATE, "a-a.example.com", "TXT", Status.APPLIED);
        return Stream.of(
                Arguments.of("all applied", List.of(p1, p2, p3),
                        List.of(create("a.example.com", Status.APPLIED), txt,
                                d(ChangeOutcome.Action.UPDATE, "b.example.com", "A", Status.APPLIED),
                                d(ChangeOutcome.Action.DELETE, "c.example.com", "A", Status.APPLIED)),
                        List.of(List.of("a.example.com", "a-a.example.com"), List.of("b.example.com"), List.of("c.example.com")),
                        List.of(ApplyResult.Status.APPLIED, ApplyResult.Status.APPLIED, ApplyResult.Status.APPLIED)),
                Arguments.of("decisions in any order", List.of(p1, p2, p3),
                        List.of(d(ChangeOutcome.Action.DELETE, "c.example.com", "A", Status.ALREADY_DONE), txt,
                                d(ChangeOutcome.Action.UPDATE, "b.example.com", "A", Status.REJECTED),
                                create("a.example.com", Status.APPLIED)),
                        List.of(List.of("a-a.example.com", "a.example.com"), List.of("b.example.com"), List.of("c.example.com")),
                        List.of(ApplyResult.Status.APPLIED, ApplyResult.Status.FAILED, ApplyResult.Status.NOTHING_TO_DO)),
                Arguments.of("a rejected half of a group makes that plan partial only", List.of(p1, p2),
                        List.of(create("a.example.com", Status.APPLIED),
                                d(ChangeOutcome.Action.CREATE, "a-a.example.com", "TXT", Status.SKIPPED),
                                d(ChangeOutcome.Action.UPDATE, "b.example.com", "A", Status.APPLIED)),
                        List.of(List.of("a.example.com", "a-a.example.com"), List.of("b.example.com")),
                        List.of(ApplyResult.Status.PARTIAL, ApplyResult.Status.APPLIED)),
                Arguments.of("an update sent as delete + create reports once, in its plan", List.of(p2, p3),
                        List.of(d(ChangeOutcome.Action.UPDATE, "b.example.com", "A", Status.APPLIED),
                                d(ChangeOutcome.Action.UPDATE, "b.example.com", "A", Status.APPLIED),
                                d(ChangeOutcome.Action.DELETE, "c.example.com", "A", Status.FAILED)),
                        List.of(List.of("b.example.com"), List.of("c.example.com")),
                        List.of(ApplyResult.Status.APPLIED, ApplyResult.Status.FAILED)),
                Arguments.of("empty plans get an empty result", List.of(none, p3, empty("p4")),
                        List.of(d(ChangeOutcome.Action.DELETE, "c.example.com", "A", Status.APPLIED)),
                        List.of(List.of(), List.of("c.example.com"), List.of()),
                        List.of(ApplyResult.Status.NOTHING_TO_DO, ApplyResult.Status.APPLIED, ApplyResult.Status.NOTHING_TO_DO)),
                Arguments.of("dry run", List.of(p2, p3),
                        List.of(d(ChangeOutcome.Action.UPDATE, "b.example.com", "A", Status.DRY_RUN),
                                d(ChangeOutcome.Action.DELETE, "c.example.com", "A", Status.DRY_RUN)),
                        List.of(List.of("b.example.com"), List.of("c.example.com")),
                        List.of(ApplyResult.Status.DRY_RUN, ApplyResult.Status.DRY_RUN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void outcomesSplitBackToTheirPlans(String title, List<ChangePlan> plans, List<Decision> decisions,
                                       List<List<String>> names, List<ApplyResult.Status> statuses) {
        MergedPlan merged = PlanMerger.prefix(plans, 50, 5000);
        assertThat(merged.size()).isEqualTo(plans.size());
        List<ApplyResult> results = merged.results(decisions, new MergedPlan.Shared(List.of("C1", "C2"), 3, 5_000, 6_000));
        assertThat(results).extracting(ApplyResult::planId).containsExactlyElementsOf(plans.stream().map(ChangePlan::planId).toList());
        assertThat(results).extracting(ApplyResult::status).containsExactlyElementsOf(statuses);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            List<String> got = results.get(i).outcomes().stream().map(ChangeOutcome::dnsName).toList();
            assertThat(got).as(plans.get(i).planId()).containsExactlyInAnyOrderElementsOf(names.get(i));
            all.addAll(got);
        }
        // every decision accounted for exactly once (an update's two halves fold into one outcome)
        assertThat(all).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(decisions.stream().map(x -> x.origin().dnsName()).distinct().toList());
    }

    @Test
    void sharedFactsGoToThePlansWhoseChangesWereAccepted() {
        ChangePlan p1 = new ChangePlan("p1", "example.com", 1L, 4_000, List.of(a("a.example.com")), List.of(), List.of(),
                List.of(), List.of());
        ChangePlan p2 = new ChangePlan("p2", "example.org", 1L, 0, List.of(a("b.example.org")), List.of(), List.of(),
                List.of(), List.of());
        ChangePlan p3 = new ChangePlan("p3", "example.com", 1L, 2_000, List.of(a("c.example.com")), List.of(), List.of(),
                List.of(), List.of());
        MergedPlan merged = PlanMerger.prefix(List.of(p1, p2, p3), 50, 5000);
        assertThat(merged.combined().earliestEventAt()).isEqualTo(2_000);
        List<ApplyResult> r = merged.results(List.of(create("a.example.com", Status.APPLIED),
                create("b.example.org", Status.APPLIED), create("c.example.com", Status.ALREADY_DONE)),
                new MergedPlan.Shared(List.of("C1"), 2, 5_000, 6_000));
        assertThat(r.get(0)).satisfies(x -> {
            assertThat(x.shard()).isEqualTo("example.com");
            assertThat(x.changeIds()).containsExactly("C1");
            assertThat(x.acceptedAt()).isEqualTo(6_000);
            assertThat(x.earliestEventAt()).isEqualTo(4_000);
            assertThat(x.endToEndMillis()).isEqualTo(2_000);
            assertThat(x.attempts()).isEqualTo(2);
            assertThat(x.receivedAt()).isEqualTo(5_000);
        });
        assertThat(r.get(1)).satisfies(x -> {
            assertThat(x.shard()).isEqualTo("example.org");
            assertThat(x.endToEndMillis()).as("no source event").isEqualTo(-1);
        });
        assertThat(r.get(2)).satisfies(x -> {
            assertThat(x.status()).isEqualTo(ApplyResult.Status.NOTHING_TO_DO);
            assertThat(x.changeIds()).isEmpty();
            assertThat(x.acceptedAt()).isZero();
            assertThat(x.endToEndMillis()).isEqualTo(-1);
        });
    }
}
