package io.streamdns.applier.it;

import static io.streamdns.applier.it.TopicClient.await;
import static io.streamdns.applier.it.TopicClient.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.runtime.StageContext;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A full Route 53 outage: plans fail past their retries until the zone's circuit opens; while it is open plans are
 * answered SKIPPED without a single call reaching Route 53; once Route 53 is back and the open wait has passed, the
 * half-open probe succeeds, the circuit closes and plans apply again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class CircuitBreakerIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ZONE = "outage.example.com";

    @RegisterExtension
    static final ApplierRig RIG = ApplierRig.rig();


    @Test
    void anOutageOpensTheZoneCircuitWhichRefusesCallsUntilAProbeSucceeds() throws Exception {
        String zoneId = RIG.emulator.createZone(ZONE, false);
        String group = "g-outage-" + UUID.randomUUID();
        RIG.topics.startGroupAtEnd(group);
        StageContext stage = RIG.deploy("outage", group, Map.of("domain-filter", ZONE, "aws-api-retries", "2",
                "aws-circuit-open-duration", "3s")).stage();
        await(WAIT, "applier ready", () -> stage.readiness().isReady());

        RIG.emulator.faults().outage(true);
        // the breaker counts calls that failed past their retries (a window of 6, at least 3 calls, 50 % failures;
        // the calls that loaded the zone count too): within the window's worth of failed plans it must open
        for (int i = 0; i < 6 && circuitState(stage, zoneId) != 1.0; i++) {
            ApplyResult failed = apply(plan("down" + i));
            assertThat(failed.status()).as("plan %d during the outage", i).isEqualTo(ApplyResult.Status.FAILED);
            assertThat(failed.outcomes()).allSatisfy(o -> assertThat(o.message()).isNotBlank());
        }
        assertThat(circuitState(stage, zoneId)).as("circuit open").isEqualTo(1.0);

        long callsBefore = RIG.emulator.counters().total("ChangeResourceRecordSets");
        ApplyResult skipped = apply(plan("while-open"));
        assertThat(skipped.outcomes()).isNotEmpty().allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(ChangeOutcome.Status.SKIPPED);
            assertThat(o.message()).contains("circuit").contains(zoneId.replaceFirst("^/hostedzone/", ""));
        });
        assertThat(RIG.emulator.counters().total("ChangeResourceRecordSets")).as("no call while open").isEqualTo(callsBefore);

        RIG.emulator.faults().outage(false);
        // after the open wait a plan is the half-open probe; a plan sent earlier is still refused (and retried later
        // by the planner), so keep offering plans until one goes through
        ApplyResult applied = awaitValue(WAIT, "a plan applied after the outage", () -> {
            try {
                ApplyResult r = apply(plan("after-" + UUID.randomUUID().toString().substring(0, 8)));
                return r.status() == ApplyResult.Status.APPLIED ? r : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(applied.changeIds()).isNotEmpty();
        assertThat(circuitState(stage, zoneId)).as("circuit closed").isEqualTo(0.0);
        String name = applied.outcomes().get(0).dnsName();
        List<String> names = RIG.emulator.records(zoneId).stream().map(RecordSet::name).map(n -> n.replaceFirst("\\.$", ""))
                .toList();
        assertThat(names).contains(name).noneMatch(n -> n.startsWith("down") || n.startsWith("while-open"));
    }

    private ApplyResult apply(ChangePlan plan) throws Exception {
        RIG.topics.publish(plan);
        return awaitValue(WAIT, "result of " + plan.planId(), () -> {
            List<ApplyResult> r = RIG.topics.results(plan.planId());
            return r.isEmpty() ? null : r.get(0);
        });
    }

    private static ChangePlan plan(String host) {
        return new ChangePlan("plan-" + UUID.randomUUID(), ZONE, System.currentTimeMillis(), System.currentTimeMillis(),
                List.of(Endpoint.of(host + "." + ZONE, "A", "192.0.2.10")), List.of(), List.of(), List.of(), List.of());
    }

    private static double circuitState(StageContext stage, String zoneId) {
        // the zone's gauge, whichever form of its id the applier tags it with ("Z…" or "/hostedzone/Z…")
        return stage.registry().find("streamdns.applier.circuit.state").gauges().stream()
                .filter(g -> g.getId().getTag("zone").endsWith(zoneId.replaceFirst("^/hostedzone/", "")))
                .findFirst().orElseThrow(() -> new AssertionError("no circuit gauge for " + zoneId)).value();
    }
}
