package io.streamdns.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdns.runtime.Blocking;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.StageVertx;
import io.streamdns.runtime.config.PipelineSettings;
import io.streamdns.runtime.kafka.KafkaPreflight;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.kafka.PipelineConfig;
import io.streamdns.runtime.kafka.TopicAdmin;
import io.streamdns.runtime.ops.Metrics;
import io.streamdns.runtime.ops.OpsServer;
import io.streamdns.runtime.ops.Readiness;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process plumbing of every long-running command: Kafka (given or embedded), Vert.x, metrics, readiness and the
 * ops HTTP server; deploys the stage verticles and waits for SIGTERM/Ctrl-C to stop them cleanly.
 */
@Blocking("the command's main thread: a CLI command, never an event loop")
public final class StageLauncher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StageLauncher.class);

    private final EmbeddedKafka embedded;
    private final Vertx vertx;
    private final StageContext context;
    private final OpsServer ops;

    private StageLauncher(EmbeddedKafka embedded, Vertx vertx, StageContext context, OpsServer ops) {
        this.embedded = embedded;
        this.vertx = vertx;
        this.context = context;
        this.ops = ops;
    }

    /**
     * Blocking: call from the command's main thread, never from an event loop.
     *
     * @param embeddedAllowed whether a missing {@code --kafka-bootstrap-servers} starts the embedded broker (run,
     *                        demo) or is refused (a stage on its own)
     * @param pipeline        the settings this process must share with the rest of the pipeline
     * @param stages          the stage verticles this process will deploy (each gets an event loop of its own)
     * @throws io.streamdns.runtime.config.StartRefusedException when the topics or the pipeline's settings on Kafka
     *                                                           do not fit; nothing is left running then
     */
    public static StageLauncher start(SharedOptions options, String instanceId, boolean embeddedAllowed,
                                      PipelineSettings pipeline, int stages) {
        EmbeddedKafka embedded = null;
        String bootstrap = options.kafkaBootstrapServers;
        if (bootstrap == null || bootstrap.isBlank()) {
            if (!embeddedAllowed) {
                throw new IllegalStateException("no --kafka-bootstrap-servers: " + instanceId
                        + " never starts a private embedded broker");
            }
            LOG.info("no --kafka-bootstrap-servers: starting the embedded broker (data in {})", options.dataDir);
            embedded = EmbeddedKafka.start(options.dataDir.toAbsolutePath(), 0, options.partitionsOrDefault());
            bootstrap = embedded.bootstrapServers();
        } else {
            KafkaPreflight.connect(bootstrap, options.kafkaClientProperties(), KafkaPreflight.DEFAULT_TIMEOUT);
        }
        try {
            // settings of existing topics are checked at every start, whoever created them
            int partitions = TopicAdmin.ensureTopics(bootstrap, options.partitionsOrDefault(), options.partitions != null,
                    embedded != null ? (short) 1 : (short) -1);
            PipelineConfig.agree(bootstrap, pipeline.withPartitions(partitions), instanceId);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        if (options.kafkaStaticMembership) {
            String pod = SharedOptions.podName(System.getenv());
            KafkaSettings.useStaticMembership(pod);
            LOG.info("static consumer group membership as '{}': a stop does not leave the groups", pod);
        }
        Vertx vertx = StageVertx.create(stages);
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Readiness readiness = new Readiness();
        OpsServer ops = OpsServer.start(vertx, options.httpAddressOr("0.0.0.0"), options.httpPort, readiness, registry)
                .await();
        LOG.info("/healthz, /readyz and /metrics on port {}", ops.port());
        String id = instanceId + "-" + ManagementFactory.getRuntimeMXBean().getPid();
        return new StageLauncher(embedded, vertx, new StageContext(bootstrap, registry, readiness, id), ops);
    }

    public Vertx vertx() {
        return vertx;
    }

    public StageContext context() {
        return context;
    }

    public int httpPort() {
        return ops.port();
    }

    /** Deploys the verticles in order, waiting for each. */
    public void deploy(List<Deployable> verticles) {
        for (Deployable v : verticles) {
            vertx.deployVerticle(v).await();
        }
    }

    /** Blocks until the JVM is asked to stop, then closes everything. */
    public void runUntilStopped() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "streamdns-shutdown"));
        stopped.await();
        try {
            close();
        } finally {
            closed.countDown();
        }
    }

    @Override
    public void close() {
        LOG.info("stopping");
        try {
            vertx.close().await();
        } catch (RuntimeException e) {
            LOG.warn("error while stopping Vert.x: {}", e.toString());
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
