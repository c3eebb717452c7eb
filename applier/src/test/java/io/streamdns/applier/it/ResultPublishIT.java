package io.streamdns.applier.it;

import static io.streamdns.applier.it.TopicClient.await;
import static io.streamdns.applier.it.TopicClient.awaitValue;
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
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.kafka.KafkaClientProperties;
import io.streamdns.runtime.kafka.KafkaClientSecurity;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.ops.Readiness;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;

/**
 * The broker stops right after the Route 53 write and stays away longer than the producer's delivery timeout, so
 * the zone-state fails to publish (and the result, which waits for it, cannot be sent). After the broker returns
 * (same data dir) the zone-state is republished, then the result is on the topic, and the plan's offset was
 * committed only once both were there.
 */
class ResultPublishIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    /** Holds the answer of the write (after Route 53 took it) until the test lets it through. */
    static final class HeldWrite extends ChangeInterceptingApi {
        final CompletableFuture<Void> landed = new CompletableFuture<>();
        final CompletableFuture<Void> release = new CompletableFuture<>();
        volatile boolean hold;

        HeldWrite(Route53Api delegate) {
            super(delegate);
        }

        @Override
        public CompletableFuture<ChangeResourceRecordSetsResponse> changeResourceRecordSets(ChangeResourceRecordSetsRequest request) {
            CompletableFuture<ChangeResourceRecordSetsResponse> call = delegate.changeResourceRecordSets(request);
            if (!hold) {
                return call;
            }
            return call.thenCompose(response -> {
                landed.complete(null);
                return release.thenApply(v -> response);
            });
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aResultThatCannotBePublishedWhileTheBrokerIsDownIsOnTheTopicAfterItReturns() throws Exception {
        Path dataDir = Files.createTempDirectory("streamdns-kafka-restart");
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, 6);
        String bootstrap = kafka.bootstrapServers();
        // a producer that gives up after 3 s instead of 2 min, so a short outage makes the sends fail
        KafkaClientSecurity.register(bootstrap, KafkaClientProperties.of(Map.of("delivery.timeout.ms", "3000",
                "request.timeout.ms", "1000", "max.block.ms", "2000")));
        Vertx vertx = Vertx.vertx();
        Route53Emulator emulator = Route53Emulator.start(vertx, Route53EmulatorOptions.defaults()).await();
        Route53AsyncClient client = Route53Clients.create(new Route53Clients.Settings("", emulator.endpoint().toString(), "",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))));
        TopicClient topics = new TopicClient(bootstrap);
        try {
            String zone = "restart.example.com";
            String zoneId = emulator.createZone(zone, false);
            String group = "g-restart-" + UUID.randomUUID();
            topics.startGroupAtEnd(group);
            HeldWrite api = new HeldWrite(Route53Api.of(client));
            Map<String, String> flags = new HashMap<>(Map.of("group-id", group, "domain-filter", zone, "aws-api-rate", "50",
                    "aws-endpoint-url", emulator.endpoint().toString()));
            StageContext stage = new StageContext(bootstrap, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    new Readiness(), "restart");
            vertx.deployVerticle(new ApplierVerticle(ApplierConfig.fromMap(flags), stage, api)).await();
            await(WAIT, "applier ready", () -> stage.readiness().isReady());

            // a first plan, so every topic's metadata is known before the broker goes
            ChangePlan warm = plan(zone, "warm." + zone);
            topics.publish(warm);
            awaitValue(WAIT, "warm-up result", () -> topics.results(warm.planId()).isEmpty() ? null : true);

            api.hold = true;
            ChangePlan plan = plan(zone, "www." + zone);
            topics.publish(plan);
            api.landed.get(30, TimeUnit.SECONDS);
            assertThat(emulator.records(zoneId)).anyMatch(r -> r.name().equals("www." + zone + "."));
            kafka.close();
            api.release.complete(null); // the applier now publishes the zone-state (it fails), the result waits for it
            await(WAIT, "a failed zone-state publish, being republished", () ->
                    stage.registry().get("streamdns.applier.zone.state.unpublished").gauge().value() >= 1);
            Thread.sleep(4000); // past the producer's delivery timeout: whatever was sent has failed by now
            double retries = stage.registry().find("streamdns.applier.publish.retries").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            System.out.printf("result publish IT: %.0f result publish retries, %.0f zone-state sets waiting while the"
                    + " broker was down%n", retries, stage.registry().get("streamdns.applier.zone.state.unpublished").gauge().value());

            kafka = EmbeddedKafka.start(dataDir, 0, 6);
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            TopicPartition tp = new TopicPartition(Topics.PLANS, Partitioning.partitionOfShard(zone, 6));
            long planOffset = offsetOf(topics, plan.planId());
            long t0 = System.nanoTime();
            try (Admin admin = Admin.create(new HashMap<>(KafkaSettings.admin(bootstrap, "restart-it-admin")))) {
                // the first time the commit is seen past the plan, its result must already be readable
                await(WAIT, "offset committed past the plan", () -> {
                    OffsetAndMetadata committed;
                    try {
                        committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                                .get(10, TimeUnit.SECONDS).get(tp);
                    } catch (Exception e) {
                        return false; // the broker is still coming up
                    }
                    if (committed == null || committed.offset() <= planOffset) {
                        return false;
                    }
                    assertThat(topics.results(plan.planId())).as("result on the topic when the offset passes the plan")
                            .isNotEmpty();
                    assertThat(topics.zoneState(zone + "|" + zoneId + "/www." + zone + "/A/"))
                            .as("zone-state on the topic before the result").isNotEmpty();
                    return true;
                });
            }
            System.out.printf("result publish IT: committed %d ms after the broker returned%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            List<ApplyResult> results = topics.results(plan.planId());
            assertThat(results).allSatisfy(r -> assertThat(r.outcomes()).singleElement().satisfies(o ->
                    assertThat(o.status()).isIn(ChangeOutcome.Status.APPLIED, ChangeOutcome.Status.ALREADY_DONE)));
            // (a rebalance while the broker came back may have made the new owner replay it: then ALREADY_DONE)
            // the zone-state publication failed too: republished from the view once the broker is back
            ZoneRecord www = awaitValue(WAIT, "zone-state of www", () -> {
                Map<String, ZoneRecord> s = topics.zoneState(zone + "|" + zoneId + "/www." + zone + "/A/");
                return s.isEmpty() ? null : s.values().iterator().next();
            });
            assertThat(www.values()).containsExactly("10.0.0.1");
            assertThat(emulator.records(zoneId)).filteredOn(r -> r.type().equals("A")).hasSize(2);
        } finally {
            topics.close();
            vertx.close().await();
            client.close();
            kafka.close();
            KafkaClientSecurity.unregister(bootstrap);
        }
    }

    static ChangePlan plan(String shard, String name) {
        return new ChangePlan("plan-" + UUID.randomUUID(), shard, System.currentTimeMillis(), System.currentTimeMillis(),
                List.of(Endpoint.of(name, "A", "10.0.0.1")), List.of(), List.of(), List.of(), List.of());
    }

    static long offsetOf(TopicClient topics, String planId) {
        return topics.readAll(Topics.PLANS).stream().filter(r -> r.key().endsWith("|" + planId))
                .findFirst().orElseThrow().offset();
    }
}
