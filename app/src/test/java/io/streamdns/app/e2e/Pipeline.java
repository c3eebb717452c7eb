package io.streamdns.app.e2e;

import io.streamdns.app.TestStages;
import io.streamdns.model.ZoneRecord;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.ops.Metrics;
import io.streamdns.runtime.ops.Readiness;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.app.demo.ZoneView;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * All real parts for an end-to-end test: the embedded Kafka broker, the Route 53 emulator (spoken to by the real SDK
 * client inside the applier), fabric8 mock API servers in CRUD mode, and the stages deployed through their commands,
 * exactly as {@code streamdns watcher|planner|applier} would build them.
 */
final class Pipeline implements AutoCloseable {
    final EmbeddedKafka kafka;
    /** The listener the stages use: the plaintext one, or a secured one whose client settings are registered. */
    final String servers;
    final Vertx vertx = Vertx.vertx();
    final Route53Emulator route53;
    final String zoneId;
    final ZoneView zone;
    private final List<AutoCloseable> resources = new ArrayList<>();

    Pipeline(String zoneName) {
        this(zoneName, EmbeddedKafka.startTemporary(3), null);
    }

    /** On a broker started by the test; the stages connect to {@code servers} (null: its plaintext listener). */
    Pipeline(String zoneName, EmbeddedKafka kafka, String servers) {
        this.kafka = kafka;
        this.servers = servers == null ? kafka.bootstrapServers() : servers;
        route53 = Route53Emulator.start(vertx, Route53EmulatorOptions.defaults().withRateLimit(0, 0)
                .withChangeDelay(Duration.ofMillis(100))
                .withZones(List.of(new Route53EmulatorOptions.ZoneSpec(zoneName, false)))).await();
        zoneId = route53.zoneId(zoneName);
        zone = ZoneView.of(route53, zoneId, zoneName);
    }

    KubernetesEmulator cluster(Path kubeconfigDir, String name) {
        KubernetesEmulator k8s = KubernetesEmulator.start();
        resources.add(k8s);
        k8s.writeKubeconfig(kubeconfigDir.resolve("kubeconfig-" + name));
        return k8s;
    }

    /** A deployed stage and its process context (metrics, readiness). */
    record Deployed(String id, StageContext context) {
        double gauge(String name, String tag, String value) {
            var g = context.registry().find(name).tag(tag, value).gauge();
            return g == null ? -1 : g.value();
        }
    }

    /** Deploys a stage built by its command from these flags; returns the deployment id. */
    String deploy(Object command, String... args) {
        return deployOn(servers, command, args);
    }

    /** Deploys a stage that connects to {@code bootstrapServers} (another listener of the broker). */
    String deployOn(String bootstrapServers, Object command, String... args) {
        return start(bootstrapServers, command, true, args).id();
    }

    /** Deploys a stage; with {@code awaitReady}, waits until its readiness checks pass. */
    Deployed start(Object command, boolean awaitReady, String... args) {
        return start(servers, command, awaitReady, args);
    }

    private Deployed start(String bootstrapServers, Object command, boolean awaitReady, String... args) {
        TestStages.Built built = TestStages.build(command, args);
        resources.add(built.resources());
        StageContext ctx = new StageContext(bootstrapServers, Metrics.newRegistry(), new Readiness(), built.name());
        String id = vertx.deployVerticle(built.verticle().apply(ctx)).await();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (awaitReady && !ctx.readiness().isReady()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(built.name() + " not ready: " + ctx.readiness().snapshot());
            }
            sleep(50);
        }
        return new Deployed(id, ctx);
    }

    void undeploy(String deploymentId) {
        vertx.undeploy(deploymentId).await();
    }

    String applierArgsEndpoint() {
        return "--aws-endpoint-url=" + route53.endpoint();
    }

    /** Polls the zone until the predicate holds; fails with the zone's content otherwise. */
    List<ZoneRecord> await(String what, Predicate<List<ZoneRecord>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ZoneRecord> records = zone.records();
        while (!condition.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; zone holds " + records);
            }
            sleep(50);
            records = zone.records();
        }
        return records;
    }

    /** Polls a zone as the emulator stores it (values in the order written) until the predicate holds. */
    List<io.streamdns.sandbox.route53.store.RecordSet> awaitSets(String zoneId, String what,
            Predicate<List<io.streamdns.sandbox.route53.store.RecordSet>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<io.streamdns.sandbox.route53.store.RecordSet> records = route53.records(zoneId);
        while (!condition.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; zone holds " + records);
            }
            sleep(50);
            records = route53.records(zoneId);
        }
        return records;
    }

    /** The set of that name (with its trailing dot) and type, or null. */
    static io.streamdns.sandbox.route53.store.RecordSet find(List<io.streamdns.sandbox.route53.store.RecordSet> zone,
                                                           String name, String type) {
        return zone.stream().filter(r -> r.name().equals(name) && r.type().equals(type)).findFirst().orElse(null);
    }

    /** Holds for a while: the zone keeps satisfying the condition (for "never written" checks). */
    void holds(String what, Predicate<List<ZoneRecord>> condition, Duration during) {
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            List<ZoneRecord> records = zone.records();
            if (!condition.test(records)) {
                throw new AssertionError("violated: " + what + "; zone holds " + records);
            }
            sleep(100);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        vertx.close().await();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        kafka.close();
    }
}
