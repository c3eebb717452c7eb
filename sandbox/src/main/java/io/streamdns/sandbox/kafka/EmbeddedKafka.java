package io.streamdns.sandbox.kafka;

import io.streamdns.runtime.kafka.TopicAdmin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) in this JVM, for tests, benchmarks,
 * {@code streamdns demo} and {@code streamdns run} without {@code --kafka-bootstrap-servers}. The data dir survives
 * restarts: it is formatted once, and the ports it was formatted with are kept beside the data so the quorum's
 * voter endpoint stays valid.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String PORTS_FILE = "streamdns-embedded.properties";

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final int sslPort;
    private final int saslSslPort;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int port, int sslPort, int saslSslPort) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.sslPort = sslPort;
        this.saslSslPort = saslSslPort;
    }

    /**
     * Starts the broker and creates the streamdns topics with {@code partitions} partitions (when missing).
     *
     * @param port broker port, 0 for a free one (or the one this data dir used before)
     */
    public static EmbeddedKafka start(Path dataDir, int port, int partitions) {
        return start(dataDir, port, partitions, null);
    }

    /**
     * A broker on a fresh temporary data dir with an {@code SSL} and a {@code SASL_SSL} listener beside the
     * plaintext one (tests of secured clients). The secured listeners get new ports on every start.
     */
    public static EmbeddedKafka startSecure(int partitions, SecureListeners secure) {
        try {
            return start(Files.createTempDirectory("streamdns-kafka"), 0, partitions, secure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedKafka start(Path dataDir, int port, int partitions, SecureListeners secure) {
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("kafka-logs");
            Properties saved = loadPorts(dataDir);
            // each listener its own port: a port freed by one probe can be handed out again by the next
            Set<Integer> taken = new HashSet<>();
            int brokerPort = port > 0 ? port : Integer.parseInt(saved.getProperty("broker.port", "0"));
            if (brokerPort == 0) {
                brokerPort = freePort(taken);
            }
            taken.add(brokerPort);
            int controllerPort = Integer.parseInt(saved.getProperty("controller.port", "0"));
            if (controllerPort == 0) {
                controllerPort = freePort(taken);
            }
            taken.add(controllerPort);
            Properties props = brokerProps(logDir, brokerPort, controllerPort);
            int sslPort = secure == null ? 0 : freePort(taken);
            taken.add(sslPort);
            int saslSslPort = secure == null ? 0 : freePort(taken);
            if (secure != null) {
                secure.addTo(props, sslPort, saslSslPort);
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir, controllerPort);
            }
            savePorts(dataDir, brokerPort, controllerPort);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(server, dataDir, brokerPort, sslPort, saslSslPort);
            try {
                TopicAdmin.ensureTopics(kafka.bootstrapServers(), partitions, (short) 1);
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            LOG.info("embedded Kafka broker on {} (data in {})", kafka.bootstrapServers(), dataDir);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dataDir, e);
        }
    }

    /** A broker on a fresh temporary data dir (tests). */
    public static EmbeddedKafka startTemporary(int partitions) {
        try {
            return start(Files.createTempDirectory("streamdns-kafka"), 0, partitions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The {@code SSL} listener (mutual TLS when so started); fails on a broker started without one. */
    public String sslBootstrapServers() {
        return "127.0.0.1:" + securePort(sslPort);
    }

    /** The {@code SASL_SSL} listener (SCRAM-SHA-512 and PLAIN). */
    public String saslSslBootstrapServers() {
        return "127.0.0.1:" + securePort(saslSslPort);
    }

    /** Adds or replaces a SCRAM-SHA-512 user, through the admin API on the plaintext listener. Blocking. */
    public void createScramUser(String user, String password) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create SCRAM user " + user + ": " + e.getMessage(), e);
        }
    }

    private int securePort(int p) {
        if (p == 0) {
            throw new IllegalStateException("this broker was started without secured listeners (startSecure)");
        }
        return p;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties brokerProps(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // After kill -9 the restarted controller still holds the dead incarnation's registration and refuses the new
        // one (DUPLICATE_BROKER_REGISTRATION) until that session expires: 9 s by default, long enough that consumer
        // group members (6 s sessions) expire meanwhile and rebalance. A single test broker heartbeats itself.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("num.partitions", "6");
        p.put("auto.create.topics.enable", "false");
        // compaction that is visible within a test or a demo, not after hours
        p.put("log.cleaner.backoff.ms", "1000");
        p.put("log.cleaner.min.cleanable.ratio", "0.01");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        return p;
    }

    private static void format(Path logDir, int controllerPort) throws IOException {
        try {
            new Formatter().setNodeId(1).setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString())).setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setInitialControllers(DynamicVoters.parse("1@127.0.0.1:" + controllerPort + ":" + Uuid.randomUuid()))
                    .setHasDynamicQuorum(true)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot format " + logDir + ": " + e.getMessage(), e);
        }
    }

    private static Properties loadPorts(Path dataDir) throws IOException {
        Properties p = new Properties();
        Path file = dataDir.resolve(PORTS_FILE);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }

    private static void savePorts(Path dataDir, int brokerPort, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.put("broker.port", Integer.toString(brokerPort));
        p.put("controller.port", Integer.toString(controllerPort));
        try (OutputStream out = Files.newOutputStream(dataDir.resolve(PORTS_FILE))) {
            p.store(out, "ports the embedded broker was formatted with; kept so restarts find their quorum");
        }
    }

    private static int freePort(Set<Integer> taken) throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                if (!taken.contains(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }
}
