package io.streamdns.applier.it;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdns.applier.ApplierConfig;
import io.streamdns.applier.ApplierVerticle;
import io.streamdns.applier.provider.Route53Api;
import io.streamdns.applier.provider.Route53Clients;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.ops.Readiness;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/**
 * The applier ITs' parts, all real: one in-process KRaft broker (6 partitions), the Route 53 emulator over HTTP, the
 * SDK v2 async client pointed at it, a reader/writer of the topics, and the appliers deployed on them. A JUnit
 * extension ({@code @RegisterExtension static final ApplierRig RIG = ApplierRig.rig();}): started once per class,
 * Route 53 calmed before each test, every applier undeployed after it, all stopped after the class.
 */
final class ApplierRig implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Route53EmulatorOptions emulatorOptions;
    Vertx vertx;
    EmbeddedKafka kafka;
    Route53Emulator emulator;
    Route53AsyncClient client;
    TopicClient topics;
    private final List<String> deployments = new ArrayList<>();

    record Running(String id, ApplierVerticle verticle, StageContext stage) {
    }

    static ApplierRig rig() {
        return rig(Route53EmulatorOptions.defaults());
    }

    static ApplierRig rig(Route53EmulatorOptions emulatorOptions) {
        return new ApplierRig(emulatorOptions);
    }

    private ApplierRig(Route53EmulatorOptions emulatorOptions) {
        this.emulatorOptions = emulatorOptions;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        vertx = Vertx.vertx();
        kafka = EmbeddedKafka.startTemporary(6);
        emulator = Route53Emulator.start(vertx, emulatorOptions).await();
        client = Route53Clients.create(new Route53Clients.Settings("", emulator.endpoint().toString(), "",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))));
        topics = new TopicClient(kafka.bootstrapServers());
    }

    /** No faults and no throttling: each test starts from a calm Route 53. */
    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.faults().clear();
        emulator.throttle().configure(0, 0);
    }

    /**
     * Deploys an applier with the given flags, the consumer group and the emulator's endpoint; {@code aws-api-rate}
     * is 50 unless the flags say otherwise.
     */
    Running deploy(String instance, String groupId, Map<String, String> flags, Route53Api api) {
        Map<String, String> m = new HashMap<>(flags);
        m.put("group-id", groupId);
        m.putIfAbsent("aws-api-rate", "50");
        m.put("aws-endpoint-url", emulator.endpoint().toString());
        StageContext stage = new StageContext(kafka.bootstrapServers(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new Readiness(), instance);
        ApplierVerticle v = new ApplierVerticle(ApplierConfig.fromMap(m), stage, api);
        String id = vertx.deployVerticle(v).await();
        deployments.add(id);
        return new Running(id, v, stage);
    }

    Running deploy(String instance, String groupId, Map<String, String> flags) {
        return deploy(instance, groupId, flags, Route53Api.of(client));
    }

    void undeploy(Running running) {
        if (deployments.remove(running.id())) {
            vertx.undeploy(running.id()).await();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (String id : List.copyOf(deployments)) {
            vertx.undeploy(id).await();
        }
        deployments.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        afterEach(context);
        topics.close();
        client.close();
        vertx.close().await();
        kafka.close();
    }
}
