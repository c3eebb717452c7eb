package io.streamdns.app.safety;

import io.streamdns.app.KafkaSecurityOptions;
import io.streamdns.app.audit.AuditExit;
import io.streamdns.app.audit.AuditFailure;
import io.streamdns.app.audit.BrokerAccess;
import io.streamdns.runtime.kafka.KafkaClientProperties;
import io.streamdns.runtime.kafka.KafkaClientSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Where {@code streamdns.sources} is, for the commands that read or write its control records. */
public final class SourcesOptions {
    @Option(names = "--kafka-bootstrap-servers", paramLabel = "<servers>",
            description = "Kafka bootstrap servers. Absent: the embedded broker of --data-dir.")
    String kafkaBootstrapServers;

    @Mixin
    KafkaSecurityOptions kafkaSecurity = new KafkaSecurityOptions();

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "<dir>",
            description = "Data directory of the embedded broker, e.g. of `streamdns run` (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "<seconds>",
            description = "Seconds to wait for the broker (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** Opens the topic: the given broker (its client settings registered) or the embedded one of the data dir. */
    SourcesTopic open(CommandLine.Model.CommandSpec spec) {
        KafkaClientProperties client = kafkaSecurity.load(spec, kafkaBootstrapServers);
        quietKafkaClientLogs();
        BrokerAccess broker = BrokerAccess.open(kafkaBootstrapServers, dataDir);
        if (!client.isEmpty()) {
            KafkaClientSecurity.register(broker.bootstrap(), client);
        }
        try {
            return new SourcesTopic(broker, Duration.ofSeconds(timeoutSeconds));
        } catch (RuntimeException e) {
            broker.close();
            throw e instanceof AuditFailure f ? f : new AuditFailure(AuditExit.UNREACHABLE,
                    "cannot reach Kafka at " + broker.bootstrap() + ": " + e.getMessage(), e);
        }
    }

    private static void quietKafkaClientLogs() {
        for (String logger : List.of("org.apache.kafka", "kafka")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }
}
