package io.streamdns.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every long-running command shares. */
public final class SharedOptions {
    @Option(names = "--kafka-bootstrap-servers",
            description = "Kafka bootstrap servers. Absent: start the embedded broker with data in --data-dir.")
    public String kafkaBootstrapServers;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Data directory of the embedded Kafka broker (default: ${DEFAULT-VALUE}).")
    public Path dataDir;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partition count of every streamdns topic, when they are created (default: ${DEFAULT-VALUE}).")
    public int partitions;

    @Option(names = "--http-port", defaultValue = "7979",
            description = "Port of /healthz, /readyz and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    public int httpPort;

    public void validate(picocli.CommandLine.Model.CommandSpec spec) {
        if (partitions < 1 || partitions > 1000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--partitions': " + partitions + " (accepted: 1..1000)");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--http-port': " + httpPort + " (accepted: 0..65535)");
        }
    }
}
