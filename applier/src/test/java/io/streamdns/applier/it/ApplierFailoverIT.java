package io.streamdns.applier.it;

import static io.streamdns.applier.it.TopicClient.await;
import static io.streamdns.applier.it.TopicClient.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.registry.TxtRecordFormat;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two appliers in one consumer group split the partitions; the one applying a plan is killed mid-plan (undeployed:
 * its consumer closes without committing). The survivor takes the partition over, replays the plan from the last
 * committed offset, and nothing is lost or applied twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class ApplierFailoverIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String ZONE = "ha.example.com";

    @RegisterExtension
    static final ApplierRig RIG = ApplierRig.rig(Route53EmulatorOptions.defaults().withRateLimit(0, 0));


    ApplierRig.Running deploy(String instance, String group, String domainFilter) {
        // the shards are sub-domains of the zone: its parent zone is managed only with --aws-zone-match-parent
        return RIG.deploy(instance, group, Map.of("domain-filter", domainFilter, "aws-batch-change-size", "10",
                "aws-zone-match-parent", "true"));
    }

    /** Two shard names under the zone that land on different partitions. */
    static List<String> twoShards() {
        String first = "s0." + ZONE;
        for (int i = 1; i < 50; i++) {
            String other = "s" + i + "." + ZONE;
            if (Partitioning.partitionOfShard(other, 6) != Partitioning.partitionOfShard(first, 6)) {
                return List.of(first, other);
            }
        }
        throw new IllegalStateException("no second partition");
    }

    static ChangePlan plan(String shard, String prefix, int n) {
        List<Endpoint> creates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.format("%s%03d.%s", prefix, i, shard);
            creates.add(Endpoint.of(name, "A", "10.1." + (i / 250) + "." + (i % 250)));
            // as the planner sends it: a replay finds the record ours (owner "default") and already done
            creates.add(new Endpoint("a-" + name, "TXT", List.of(TxtRecordFormat.value(Map.of("owner", "default"))), 0, null,
                    Map.of(), Map.of(Labels.OWNED_RECORD, name, Labels.OWNED_TYPE, "A")));
        }
        return new ChangePlan("plan-" + UUID.randomUUID(), shard, System.currentTimeMillis(), System.currentTimeMillis(),
                creates, List.of(), List.of(), List.of(), List.of());
    }

    long recordsUnder(String zoneId, String suffix) {
        return RIG.emulator.records(zoneId).stream().filter(r -> r.type().equals("A") && r.name().endsWith(suffix + ".")).count();
    }

    ApplyResult lastResult(String planId) throws InterruptedException {
        return awaitValue(WAIT, "result of " + planId, () -> {
            List<ApplyResult> r = RIG.topics.results(planId);
            return r.isEmpty() ? null : r.get(r.size() - 1);
        });
    }

    @Test
    void aSurvivorReplaysThePlanOfAKilledApplierWithoutLossOrDuplicates() throws Exception {
        String zoneId = RIG.emulator.createZone(ZONE, false);
        List<String> shards = twoShards();
        String victimShard = shards.get(0);
        String otherShard = shards.get(1);
        int victimPartition = Partitioning.partitionOfShard(victimShard, 6);
        String group = "g-ha-" + UUID.randomUUID();
        RIG.topics.startGroupAtEnd(group);
        String filter = String.join(",", shards);
        ApplierRig.Running a = deploy("ha-a", group, filter);
        ApplierRig.Running b = deploy("ha-b", group, filter);
        await(WAIT, "both appliers active on all partitions", () -> {
            Set<Integer> all = new HashSet<>(a.verticle().activePartitions());
            all.addAll(b.verticle().activePartitions());
            return all.size() == 6 && !a.verticle().activePartitions().isEmpty() && !b.verticle().activePartitions().isEmpty()
                    && a.stage().readiness().isReady() && b.stage().readiness().isReady();
        });
        ApplierRig.Running victim = a.verticle().activePartitions().contains(victimPartition) ? a : b;
        ApplierRig.Running survivor = victim == a ? b : a;

        // slow Route 53 down so a 150-record plan (300 changes with TXTs, 30 batches) is still running when its applier dies
        RIG.emulator.faults().latencyMs(150);
        ChangePlan doomed = plan(victimShard, "k", 150);
        ChangePlan bystander = plan(otherShard, "b", 20);
        RIG.topics.publish(doomed);
        RIG.topics.publish(bystander);
        await(WAIT, "the victim half way through", () -> recordsUnder(zoneId, victimShard) >= 20);
        long landed = recordsUnder(zoneId, victimShard);
        RIG.undeploy(victim);
        System.out.printf("failover IT: killed %s after %d of 150 records landed%n", victim.stage().instanceId(), landed);
        assertThat(landed).as("killed mid-plan").isLessThan(150);
        RIG.emulator.faults().latencyMs(0);

        await(WAIT, "the survivor owns every partition", () -> survivor.verticle().activePartitions().size() == 6);
        ApplyResult replay = lastResult(doomed.planId());
        ChangePlan after = plan(victimShard, "n", 5);
        RIG.topics.publish(after);
        assertThat(lastResult(after.planId()).status()).isEqualTo(ApplyResult.Status.APPLIED);
        // the bystander's partition may have been the victim's too: then it was replayed as well
        assertThat(lastResult(bystander.planId()).outcomes()).hasSize(40).allSatisfy(o -> assertThat(o.status())
                .isIn(ChangeOutcome.Status.APPLIED, ChangeOutcome.Status.ALREADY_DONE));

        // nothing lost: every record is there, once; nothing duplicated: one result, no refused or failed change
        assertThat(recordsUnder(zoneId, victimShard)).isEqualTo(155);
        assertThat(recordsUnder(zoneId, otherShard)).isEqualTo(20);
        assertThat(RIG.topics.results(doomed.planId())).hasSize(1);
        assertThat(replay.status()).isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(replay.outcomes()).hasSize(300).allSatisfy(o -> assertThat(o.status())
                .isIn(ChangeOutcome.Status.APPLIED, ChangeOutcome.Status.ALREADY_DONE));
        long alreadyDone = replay.outcomes().stream().filter(o -> o.status() == ChangeOutcome.Status.ALREADY_DONE).count();
        System.out.printf("failover IT: the survivor found %d changes already done and applied %d%n", alreadyDone,
                300 - alreadyDone);
        assertThat(alreadyDone).isGreaterThanOrEqualTo(landed);
        assertThat(RIG.topics.zoneState(victimShard + "|" + zoneId + "/").values()).filteredOn(r -> r != null && r.type().equals("A"))
                .hasSize(155);
        RIG.undeploy(survivor);
    }
}
