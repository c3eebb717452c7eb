package io.streamdns.applier.it;

import static io.streamdns.applier.it.Topics.await;
import static io.streamdns.applier.it.Topics.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdns.applier.ApplierConfig;
import io.streamdns.applier.ApplierVerticle;
import io.streamdns.applier.provider.Route53Api;
import io.streamdns.applier.provider.Route53Clients;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.registry.TxtRecordFormat;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.ops.Readiness;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

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

    Vertx vertx;
    EmbeddedKafka kafka;
    Route53Emulator emulator;
    Route53AsyncClient client;
    Topics topics;

    @BeforeAll
    void start() {
        vertx = Vertx.vertx();
        kafka = EmbeddedKafka.startTemporary(6);
        emulator = Route53Emulator.start(vertx, Route53EmulatorOptions.defaults().withRateLimit(0, 0)).await();
        client = Route53Clients.create(new Route53Clients.Settings("", emulator.endpoint().toString(), "",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))));
        topics = new Topics(kafka.bootstrapServers());
    }

    @AfterAll
    void stop() {
        topics.close();
        client.close();
        vertx.close().await();
        kafka.close();
    }

    record Running(String id, ApplierVerticle verticle, StageContext stage) {
    }

    Running deploy(String instance, String group, String domainFilter) {
        ApplierConfig config = ApplierConfig.fromMap(Map.of("group-id", group, "domain-filter", domainFilter,
                "aws-endpoint-url", emulator.endpoint().toString(), "aws-api-rate", "50", "aws-batch-change-size", "10"));
        StageContext stage = new StageContext(kafka.bootstrapServers(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new Readiness(), instance);
        ApplierVerticle v = new ApplierVerticle(config, stage, Route53Api.of(client));
        return new Running(vertx.deployVerticle(v).await(), v, stage);
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
        return emulator.records(zoneId).stream().filter(r -> r.type().equals("A") && r.name().endsWith(suffix + ".")).count();
    }

    ApplyResult lastResult(String planId) throws InterruptedException {
        return awaitValue(WAIT, "result of " + planId, () -> {
            List<ApplyResult> r = topics.results(planId);
            return r.isEmpty() ? null : r.get(r.size() - 1);
        });
    }

    @Test
    void aSurvivorReplaysThePlanOfAKilledApplierWithoutLossOrDuplicates() throws Exception {
        String zoneId = emulator.createZone(ZONE, false);
        List<String> shards = twoShards();
        String victimShard = shards.get(0);
        String otherShard = shards.get(1);
        int victimPartition = Partitioning.partitionOfShard(victimShard, 6);
        String group = "g-ha-" + UUID.randomUUID();
        topics.startGroupAtEnd(group);
        String filter = String.join(",", shards);
        Running a = deploy("ha-a", group, filter);
        Running b = deploy("ha-b", group, filter);
        await(WAIT, "both appliers active on all partitions", () -> {
            Set<Integer> all = new HashSet<>(a.verticle().activePartitions());
            all.addAll(b.verticle().activePartitions());
            return all.size() == 6 && !a.verticle().activePartitions().isEmpty() && !b.verticle().activePartitions().isEmpty()
                    && a.stage().readiness().isReady() && b.stage().readiness().isReady();
        });
        Running victim = a.verticle().activePartitions().contains(victimPartition) ? a : b;
        Running survivor = victim == a ? b : a;

        // slow Route 53 down so a 150-record plan (300 changes with TXTs, 30 batches) is still running when its applier dies
        emulator.faults().latencyMs(150);
        ChangePlan doomed = plan(victimShard, "k", 150);
        ChangePlan bystander = plan(otherShard, "b", 20);
        topics.publish(doomed);
        topics.publish(bystander);
        await(WAIT, "the victim half way through", () -> recordsUnder(zoneId, victimShard) >= 20);
        long landed = recordsUnder(zoneId, victimShard);
        vertx.undeploy(victim.id()).await();
        System.out.printf("failover IT: killed %s after %d of 150 records landed%n", victim.stage().instanceId(), landed);
        assertThat(landed).as("killed mid-plan").isLessThan(150);
        emulator.faults().latencyMs(0);

        await(WAIT, "the survivor owns every partition", () -> survivor.verticle().activePartitions().size() == 6);
        ApplyResult replay = lastResult(doomed.planId());
        ChangePlan after = plan(victimShard, "n", 5);
        topics.publish(after);
        assertThat(lastResult(after.planId()).status()).isEqualTo(ApplyResult.Status.APPLIED);
        // the bystander's partition may have been the victim's too: then it was replayed as well
        assertThat(lastResult(bystander.planId()).outcomes()).hasSize(40).allSatisfy(o -> assertThat(o.status())
                .isIn(ChangeOutcome.Status.APPLIED, ChangeOutcome.Status.ALREADY_DONE));

        // nothing lost: every record is there, once; nothing duplicated: one result, no refused or failed change
        assertThat(recordsUnder(zoneId, victimShard)).isEqualTo(155);
        assertThat(recordsUnder(zoneId, otherShard)).isEqualTo(20);
        assertThat(topics.results(doomed.planId())).hasSize(1);
        assertThat(replay.status()).isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(replay.outcomes()).hasSize(300).allSatisfy(o -> assertThat(o.status())
                .isIn(ChangeOutcome.Status.APPLIED, ChangeOutcome.Status.ALREADY_DONE));
        long alreadyDone = replay.outcomes().stream().filter(o -> o.status() == ChangeOutcome.Status.ALREADY_DONE).count();
        System.out.printf("failover IT: the survivor found %d changes already done and applied %d%n", alreadyDone,
                300 - alreadyDone);
        assertThat(alreadyDone).isGreaterThanOrEqualTo(landed);
        assertThat(topics.zoneState(victimShard + "|" + zoneId + "/").values()).filteredOn(r -> r != null && r.type().equals("A"))
                .hasSize(155);
        vertx.undeploy(survivor.id()).await();
    }
}
