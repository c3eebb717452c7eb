package io.streamdns.bench;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdns.applier.ApplierConfig;
import io.streamdns.applier.ApplierVerticle;
import io.streamdns.applier.provider.Route53Api;
import io.streamdns.applier.provider.Route53Clients;
import io.streamdns.planner.PlannerConfig;
import io.streamdns.planner.PlannerVerticle;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.StageVertx;
import io.streamdns.runtime.ops.Metrics;
import io.streamdns.runtime.ops.Readiness;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.watcher.WatcherConfig;
import io.streamdns.watcher.WatcherVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/**
 * Everything a scenario runs on, all real and all in this JVM: a fresh embedded Kafka broker, one Vert.x for the
 * stages (deployed as {@code streamdns run} would: one verticle per stage, each with its own {@link StageContext}),
 * and on demand the Route 53 emulator (on a Vert.x of its own, as the real service is not in our process) and the
 * Kubernetes API emulator. Closing it stops everything and deletes the broker's data.
 */
public final class Rig implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rig.class);

    /**
     * System property: bootstrap servers of a broker to share between rigs (the smoke tests). Each rig then starts
     * from freshly recreated topics and its own consumer groups instead of a broker of its own.
     */
    public static final String SHARED_KAFKA = "streamdns.bench.kafka";
    private static final AtomicInteger RIGS = new AtomicInteger();

    private final Path dataDir;
    private final EmbeddedKafka kafka;
    private final String bootstrap;
    private final int number = RIGS.incrementAndGet();
    private final Vertx vertx;
    private final int partitions;
    private final Deque<AutoCloseable> closers = new ArrayDeque<>();
    private Route53Emulator route53;
    private KubernetesEmulator kubernetes;

    private Rig(Path dataDir, EmbeddedKafka kafka, String bootstrap, Vertx vertx, int partitions) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.bootstrap = bootstrap;
        this.vertx = vertx;
        this.partitions = partitions;
    }

    public static Rig start(int partitions) {
        return start(partitions, 3);
    }

    /** @param stages the stage verticles the rig will deploy (their Vert.x gets event loops for all: {@link StageVertx}) */
    public static Rig start(int partitions, int stages) {
        String shared = System.getProperty(SHARED_KAFKA);
        if (shared != null && !shared.isBlank()) {
            long t0 = System.nanoTime();
            KafkaReset.recreateTopics(shared, partitions);
            LOG.info("topics recreated in {} ms", (System.nanoTime() - t0) / 1_000_000);
            return new Rig(null, null, shared, StageVertx.create(stages), partitions);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("streamdns-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, partitions);
        return new Rig(dir, kafka, kafka.bootstrapServers(), StageVertx.create(stages), partitions);
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** A consumer group id of this rig alone (a shared broker keeps the groups of earlier rigs). */
    public String group(String stage) {
        return "bench-" + stage + "-" + number;
    }

    public int partitions() {
        return partitions;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Route53Emulator route53(Route53EmulatorOptions options) {
        if (route53 != null) {
            throw new IllegalStateException("one Route 53 emulator per rig");
        }
        route53 = Route53Emulator.startBlocking(options);
        return route53;
    }

    public Route53Emulator route53() {
        return route53;
    }

    public KubernetesEmulator kubernetes() {
        if (kubernetes == null) {
            kubernetes = KubernetesEmulator.start();
        }
        return kubernetes;
    }

    /** A stage's context: its own metrics registry and readiness, as in a process of its own. */
    public StageContext stage(String instance) {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        return new StageContext(bootstrap(), registry, new Readiness(), instance);
    }

    public String deploy(Deployable verticle) {
        return vertx.deployVerticle(verticle).await();
    }

    public void undeploy(String id) {
        vertx.undeploy(id).await();
    }

    /** A watcher of the Kubernetes emulator; flags as {@code streamdns watcher} takes them, without dashes. */
    public WatcherVerticle watcher(StageContext stage, Map<String, String> flags) {
        return watcher(stage, flags, kubernetes().client());
    }

    /** A watcher of another cluster's API (a fleet: one API emulator per cluster). */
    public WatcherVerticle watcher(StageContext stage, Map<String, String> flags, KubernetesClient client) {
        Map<String, String> m = new HashMap<>(flags);
        m.putIfAbsent("cluster-name", "bench");
        WatcherVerticle v = new WatcherVerticle(WatcherConfig.fromMap(m), client, stage);
        deploy(v);
        return v;
    }

    /** A planner; flags as {@code streamdns planner} takes them, without dashes. */
    public PlannerVerticle planner(StageContext stage, Map<String, String> flags) {
        Map<String, String> m = new HashMap<>(flags);
        m.putIfAbsent("group-id", group("planner"));
        m.putIfAbsent("policy", "sync");
        PlannerVerticle v = new PlannerVerticle(PlannerConfig.fromMap(m), stage);
        deploy(v);
        return v;
    }

    /** An applier on its own SDK client (one per process, as {@code streamdns applier} has) aimed at the emulator. */
    public ApplierVerticle applier(StageContext stage, Map<String, String> flags) {
        Map<String, String> m = new HashMap<>(flags);
        m.put("aws-endpoint-url", route53.endpoint().toString());
        m.putIfAbsent("group-id", group("applier"));
        ApplierConfig config = ApplierConfig.fromMap(m);
        Route53AsyncClient client = route53Client();
        ApplierVerticle v = new ApplierVerticle(config, stage, Route53Api.of(client));
        deploy(v);
        return v;
    }

    /** The real SDK v2 async client, configured as the applier's, against the emulator. */
    public Route53AsyncClient route53Client() {
        Route53AsyncClient client = Route53Clients.create(new Route53Clients.Settings("", route53.endpoint().toString(),
                "", StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench"))));
        closers.push(client);
        return client;
    }

    /** Polls until the condition holds; false when the deadline passed first. */
    public static boolean await(Duration timeout, Duration every, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public void onClose(AutoCloseable closer) {
        closers.push(closer);
    }

    @Override
    public void close() {
        long t0 = System.nanoTime();
        quietly("Vert.x", () -> vertx.close().await());
        // SDK clients, the API server and the emulator each take ~2 s to wind down their event loops: in parallel
        List<Thread> closing = new ArrayList<>();
        while (!closers.isEmpty()) {
            AutoCloseable c = closers.pop();
            closing.add(start(c.getClass().getSimpleName(), c::close));
        }
        if (kubernetes != null) {
            closing.add(start("Kubernetes emulator", kubernetes::close));
        }
        if (route53 != null) {
            closing.add(start("Route 53 emulator", () -> route53.close().toCompletionStage().toCompletableFuture().join()));
        }
        // not joined: nothing of them is used again, and their ~2 s quiet periods would only make a run longer
        LOG.info("rig closed in {} ms", (System.nanoTime() - t0) / 1_000_000);
        if (kafka == null) {
            return;
        }
        quietly("Kafka", kafka::close);
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dataDir, e.toString());
        }
    }

    private static Thread start(String what, ThrowingRunnable r) {
        Thread t = new Thread(() -> quietly(what, r), "bench-close");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void quietly(String what, ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            LOG.warn("closing {}: {}", what, e.toString());
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
