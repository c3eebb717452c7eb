package io.streamdns.app;

import io.streamdns.model.Topics;
import io.streamdns.runtime.kafka.KafkaClientProperties;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every long-running command shares. */
public final class SharedOptions {
    @Option(names = "--kafka-bootstrap-servers",
            description = "Kafka bootstrap servers; required by watcher, planner and applier. Absent for run, demo and "
                    + "audit: the embedded broker with data in --data-dir.")
    public String kafkaBootstrapServers;

    /** --kafka-config, --kafka-property: security and tuning of every Kafka client. */
    @Mixin
    public KafkaSecurityOptions kafkaSecurity = new KafkaSecurityOptions();

    private KafkaClientProperties kafkaClient;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Data directory of the embedded Kafka broker of run, demo and audit (default: ${DEFAULT-VALUE}).")
    public Path dataDir;

    /** Null when neither the flag nor its env variable was given: then existing topics keep their count. */
    @Option(names = "--partitions",
            description = "Partition count of the streamdns topics when they are created (default: 6). Given "
                    + "explicitly, existing topics with another count are refused.")
    public Integer partitions;

    @Option(names = "--http-address", paramLabel = "<address>",
            description = "Address of /healthz, /readyz and /metrics (default: 0.0.0.0, all interfaces, as a container "
                    + "needs; demo: 127.0.0.1).")
    public String httpAddress;

    /** The ops server's address: the given one, else all interfaces. */
    public String httpAddressOr(String fallback) {
        return httpAddress == null || httpAddress.isBlank() ? fallback : httpAddress.strip();
    }

    @Option(names = "--kafka-static-membership",
            description = "Join the consumer groups as a static member named after the pod (env POD_NAME, else "
                    + "HOSTNAME): a pod restarted within the session timeout (6 s) keeps its partitions without a "
                    + "rebalance, but a stopped pod's partitions then wait for that timeout instead of moving at once.")
    public boolean kafkaStaticMembership;

    @Option(names = "--http-port", defaultValue = "7979",
            description = "Port of /healthz, /readyz and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    public int httpPort;

    /**
     * A stage run on its own must join the pipeline's Kafka: a Deployment that lost its bootstrap env var would
     * otherwise come up healthy on a private, empty embedded broker. Only run, demo and audit start one implicitly.
     */
    public void requireBootstrapServers(picocli.CommandLine.Model.CommandSpec spec) {
        if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option "
                    + "'--kafka-bootstrap-servers' (or env " + EnvDefaults.envName("--kafka-bootstrap-servers")
                    + "): 'streamdns " + spec.name() + "' joins the pipeline's Kafka and never starts a private "
                    + "embedded broker (only run, demo and audit do)");
        }
    }

    /** The static group member id of this process: the pod's name. */
    public static String podName(Map<String, String> env) {
        String pod = env.get("POD_NAME");
        if (pod == null || pod.isBlank()) {
            pod = env.get("HOSTNAME");
        }
        return pod == null || pod.isBlank() ? null : pod.strip();
    }

    /** The partition count topics are created with. */
    public int partitionsOrDefault() {
        return partitions == null ? Topics.DEFAULT_PARTITIONS : partitions;
    }

    public void validate(picocli.CommandLine.Model.CommandSpec spec) {
        if (partitions != null && (partitions < 1 || partitions > 1000)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--partitions': " + partitions + " (accepted: 1..1000)");
        }
        if (kafkaStaticMembership && podName(System.getenv()) == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Invalid value for option "
                    + "'--kafka-static-membership': needs the pod's name in env POD_NAME or HOSTNAME");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--http-port': " + httpPort + " (accepted: 0..65535)");
        }
        kafkaClient = kafkaSecurity.load(spec, kafkaBootstrapServers);
    }

    /** The operator's Kafka client properties (loaded by {@link #validate}, or here when it was not called). */
    public KafkaClientProperties kafkaClientProperties() {
        if (kafkaClient == null) {
            kafkaClient = KafkaClientProperties.load(kafkaSecurity.kafkaConfig, kafkaSecurity.kafkaProperties);
        }
        return kafkaClient;
    }
}
