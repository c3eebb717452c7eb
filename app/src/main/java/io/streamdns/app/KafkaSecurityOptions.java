package io.streamdns.app;

import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.kafka.KafkaClientProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The Kafka client settings of every command, in the Kafka tools' convention: a client properties file (as
 * {@code --command-config} of Kafka's own CLI) and {@code KEY=VALUE} pairs on top. Both reach every client the
 * command makes (producers, consumers, restore readers, admin clients) through
 * {@link io.streamdns.runtime.kafka.KafkaClientSecurity}.
 */
public final class KafkaSecurityOptions {
    @Option(names = "--kafka-config", paramLabel = "<file>",
            description = "Kafka client properties file (security.protocol, ssl.*, sasl.*, ...), as --command-config "
                    + "of Kafka's tools. Applies to every Kafka client of the command.")
    public Path kafkaConfig;

    /** Env var: one or more pairs, one per line (values such as sasl.jaas.config may hold commas and spaces). */
    @Option(names = "--kafka-property", paramLabel = "<key=value>", split = "\\R",
            description = "A Kafka client property on top of --kafka-config (repeatable; in the env var one per line).")
    public List<String> kafkaProperties = new ArrayList<>();

    /**
     * Loads the settings; a missing file, a malformed or reserved key, or settings without a Kafka to apply them to
     * fail with a message naming the flag.
     */
    public KafkaClientProperties load(CommandLine.Model.CommandSpec spec, String bootstrapServers) {
        KafkaClientProperties p;
        try {
            p = KafkaClientProperties.load(kafkaConfig, kafkaProperties);
        } catch (InvalidFlagException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (!p.isEmpty() && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kafka-config and --kafka-property apply "
                    + "to a given Kafka: add --kafka-bootstrap-servers (the embedded broker listens in plaintext on "
                    + "loopback only)");
        }
        return p;
    }
}
