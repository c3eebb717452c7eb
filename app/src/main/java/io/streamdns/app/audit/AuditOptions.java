package io.streamdns.app.audit;

import io.streamdns.app.KafkaSecurityOptions;
import io.streamdns.app.audit.core.NameMatcher;
import io.streamdns.app.audit.core.Trail;
import io.streamdns.model.dns.DnsNames;
import io.streamdns.model.dns.NameCheck;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.kafka.KafkaClientProperties;
import io.streamdns.runtime.kafka.KafkaPreflight;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Flags both audit commands share: where the trail is, how the deployment shards and names TXT records. */
public final class AuditOptions {
    @Option(names = "--kafka-bootstrap-servers", paramLabel = "<servers>",
            description = "Kafka bootstrap servers. Absent: read the embedded broker's data in --data-dir.")
    String kafkaBootstrapServers;

    /** --kafka-config, --kafka-property: the same client settings as the stages. */
    @Mixin
    KafkaSecurityOptions kafkaSecurity = new KafkaSecurityOptions();

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "<dir>",
            description = "Data directory of the embedded broker, e.g. after `streamdns demo` (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--domain-filter", split = ",", paramLabel = "<domain>",
            description = "The deployment's --domain-filter (repeatable or comma separated): it decides the shard, "
                    + "hence the partition audit reads.")
    List<String> domainFilters = List.of();

    @Option(names = "--txt-prefix", defaultValue = "", paramLabel = "<prefix>", description = "The deployment's --txt-prefix.")
    String txtPrefix;

    @Option(names = "--txt-suffix", defaultValue = "", paramLabel = "<suffix>", description = "The deployment's --txt-suffix.")
    String txtSuffix;

    @Option(names = "--txt-wildcard-replacement", defaultValue = "", paramLabel = "<label>",
            description = "The deployment's --txt-wildcard-replacement.")
    String txtWildcardReplacement;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "<seconds>",
            description = "Seconds to wait for the broker before giving up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    /** The audited name, its shard and its matcher. */
    record Target(String name, String shard, NameMatcher matcher) {
    }

    /** Checks the name and the flags; a failure ends with {@link AuditExit#BAD_INPUT}. */
    Target target(String rawName) {
        NameCheck check = DnsNames.check(rawName);
        if (!check.isValid()) {
            throw new AuditFailure(AuditExit.BAD_INPUT, "'" + rawName + "' is not a valid DNS name: " + check.reason());
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            throw new AuditFailure(AuditExit.BAD_INPUT, "Invalid value for option '--timeout': " + timeoutSeconds
                    + " (accepted: 1..600)");
        }
        try {
            TxtNameMapper txt = new TxtNameMapper(txtPrefix, txtSuffix, txtWildcardReplacement);
            String shard = new ShardResolver(domainFilters).shardOf(check.name());
            return new Target(check.name(), shard, new NameMatcher(check.name(), txt));
        } catch (IllegalArgumentException e) {
            throw new AuditFailure(AuditExit.BAD_INPUT, "Invalid flags: " + e.getMessage(), e);
        }
    }

    /** Reads the shard's partition of {@code topics} from the given or the embedded broker. */
    Trail read(String shard, List<String> topics) {
        quietKafkaClientLogs();
        KafkaClientProperties client = clientProperties();
        try (BrokerAccess broker = BrokerAccess.open(kafkaBootstrapServers, dataDir);
             TrailReader reader = connect(broker, client)) {
            return reader.read(shard, topics);
        }
    }

    private KafkaClientProperties clientProperties() {
        try {
            return KafkaClientProperties.load(kafkaSecurity.kafkaConfig, kafkaSecurity.kafkaProperties);
        } catch (InvalidFlagException e) {
            throw new AuditFailure(AuditExit.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** A given Kafka is checked first, so a refused setting reads as its cause, not as an empty trail. */
    private TrailReader connect(BrokerAccess broker, KafkaClientProperties client) {
        boolean given = kafkaBootstrapServers != null && !kafkaBootstrapServers.isBlank();
        if (!client.isEmpty() && !given) {
            throw new AuditFailure(AuditExit.BAD_INPUT, "--kafka-config and --kafka-property apply to a given Kafka: "
                    + "add --kafka-bootstrap-servers");
        }
        if (given) {
            try {
                KafkaPreflight.connect(broker.bootstrap(), client, Duration.ofSeconds(timeoutSeconds));
            } catch (KafkaPreflight.KafkaAccessException e) {
                throw new AuditFailure(e.invalidSettings() ? AuditExit.BAD_INPUT : AuditExit.UNREACHABLE, e.getMessage(), e);
            }
        }
        return TrailReader.connect(broker.bootstrap(), Duration.ofSeconds(timeoutSeconds));
    }

    /** Why nothing may have been found, for the "unknown name" message. */
    String unknownHint(Target t, Trail trail) {
        String where = "shard " + t.shard() + ", partition " + trail.partitions().values().stream().distinct()
                .sorted().map(String::valueOf).reduce((a, b) -> a + "/" + b).orElse("?");
        String hint = domainFilters.isEmpty()
                ? "; if the deployment runs with --domain-filter, pass the same so audit reads the right shard" : "";
        return "nothing on the trail mentions " + t.name() + " (" + where + ")" + hint;
    }

    /** The Kafka client warns on every failed connection; a CLI says it once, in its own words. */
    private static void quietKafkaClientLogs() {
        for (String logger : List.of("org.apache.kafka", "kafka")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }
}
