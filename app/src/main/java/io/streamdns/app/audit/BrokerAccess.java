package io.streamdns.app.audit;

import io.streamdns.model.Topics;
import io.streamdns.sandbox.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The broker audit reads: the one given, or the embedded broker of {@code --data-dir}: when that broker is still
 * running (a {@code streamdns demo} or {@code run} holds the directory) audit connects to its port; otherwise it
 * starts the broker on the directory for the time of the read and stops it after.
 */
public final class BrokerAccess implements AutoCloseable {
    /** Written by {@link EmbeddedKafka} beside its data: the ports the directory was formatted with. */
    private static final String PORTS_FILE = "streamdns-embedded.properties";

    private final String bootstrap;
    private final EmbeddedKafka embedded;

    private BrokerAccess(String bootstrap, EmbeddedKafka embedded) {
        this.bootstrap = bootstrap;
        this.embedded = embedded;
    }

    public static BrokerAccess open(String bootstrapServers, Path dataDir) {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            return new BrokerAccess(bootstrapServers.strip(), null);
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        String hint = " Run `streamdns demo` first, point --data-dir at its data, or give --kafka-bootstrap-servers.";
        if (!Files.isDirectory(dir)) {
            throw new AuditFailure(AuditExit.UNREACHABLE, "no --kafka-bootstrap-servers, and the embedded broker's "
                    + "data dir " + dir + " does not exist." + hint);
        }
        if (!Files.exists(dir.resolve("kafka-logs").resolve("meta.properties"))) {
            throw new AuditFailure(AuditExit.UNREACHABLE, "no --kafka-bootstrap-servers, and " + dir
                    + " holds no embedded broker data (no kafka-logs/meta.properties)." + hint);
        }
        int port = savedPort(dir);
        if (port > 0 && listening(port)) {
            return new BrokerAccess("127.0.0.1:" + port, null);
        }
        try {
            EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, Topics.DEFAULT_PARTITIONS);
            return new BrokerAccess(kafka.bootstrapServers(), kafka);
        } catch (RuntimeException e) {
            throw new AuditFailure(AuditExit.UNREACHABLE, "cannot start the embedded broker on " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Where the trail came from, for the reader. */
    public String describe() {
        return embedded != null ? "embedded broker on " + embedded.dataDir() : bootstrap;
    }

    private static int savedPort(Path dir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(PORTS_FILE))) {
            p.load(in);
            return Integer.parseInt(p.getProperty("broker.port", "0"));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
