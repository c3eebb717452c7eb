package io.streamdns.runtime.kafka;

import io.streamdns.runtime.config.InvalidFlagException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The Kafka client properties an operator adds to every client (security, timeouts, tuning), in the Kafka tools'
 * convention: a properties file ({@code --kafka-config}, like {@code --command-config}) with {@code KEY=VALUE}
 * pairs on top ({@code --kafka-property}). Keys streamdns relies on for correctness are refused, and
 * {@link #toString()} never shows a secret.
 */
public final class KafkaClientProperties {
    /** No additions: a plaintext, unauthenticated client. */
    public static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of());

    static final String REDACTED = "[redacted]";

    /** Set by streamdns on purpose (ordering, exactly-once reads, offsets after the outcome): never overridden. */
    private static final Set<String> RESERVED = Set.of(
            "bootstrap.servers", "client.id", "group.id",
            "key.serializer", "value.serializer", "key.deserializer", "value.deserializer", "partitioner.class",
            "acks", "enable.idempotence", "enable.auto.commit", "isolation.level", "auto.offset.reset");

    private final Map<String, String> values;

    private KafkaClientProperties(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * @param file  a Kafka client properties file, or null
     * @param pairs {@code KEY=VALUE} pairs applied on top of the file
     * @throws InvalidFlagException naming the flag when the file cannot be read or a key is malformed or reserved
     */
    public static KafkaClientProperties load(Path file, List<String> pairs) {
        Map<String, String> values = new TreeMap<>();
        if (file != null) {
            values.putAll(read(file));
        }
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidFlagException("kafka-property", "expected KEY=VALUE, got '" + redactPair(pair) + "'");
            }
            values.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
        }
        for (String key : values.keySet()) {
            if (RESERVED.contains(key)) {
                throw new InvalidFlagException(file != null && !pairsSet(pairs, key) ? "kafka-config" : "kafka-property",
                        key + " is set by streamdns itself and cannot be changed"
                                + (key.equals("bootstrap.servers") ? " (use --kafka-bootstrap-servers)" : ""));
            }
        }
        return new KafkaClientProperties(values);
    }

    public static KafkaClientProperties of(Map<String, String> values) {
        return new KafkaClientProperties(values);
    }

    private static boolean pairsSet(List<String> pairs, String key) {
        return pairs != null && pairs.stream().anyMatch(p -> p.startsWith(key + "="));
    }

    private static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new InvalidFlagException("kafka-config", "no such file: " + file.toAbsolutePath());
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidFlagException("kafka-config", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        return p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k.strip(), p::getProperty));
    }

    /** The properties, unmodifiable, sorted by key: secrets in clear text, for the Kafka clients only. */
    public Map<String, String> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value shown for a key in dumps and messages. */
    public String shown(String key) {
        String value = values.get(key);
        return value == null ? null : isSecret(key) ? REDACTED : value;
    }

    /** What a log line may show: every secret replaced. */
    public Map<String, String> redacted() {
        Map<String, String> out = new TreeMap<>();
        values.keySet().forEach(k -> out.put(k, shown(k)));
        return out;
    }

    /** The security protocol the clients will speak (Kafka's default: PLAINTEXT). */
    public String securityProtocol() {
        return values.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return redacted().toString();
    }

    /**
     * Whether a key holds a secret: Kafka's own password-typed configs (sasl.jaas.config, ssl.*.password,
     * ssl.keystore.key, ...) and, for configs of plug-ins Kafka does not know, names that look like one.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("credential")
                || k.endsWith(".key") || k.contains("token") && !k.contains("url")) {
            return true;
        }
        return passwordTyped(ProducerConfig.configDef(), key) || passwordTyped(ConsumerConfig.configDef(), key)
                || passwordTyped(AdminClientConfig.configDef(), key);
    }

    private static boolean passwordTyped(ConfigDef def, String key) {
        ConfigDef.ConfigKey c = def.configKeys().get(key);
        return c != null && c.type == ConfigDef.Type.PASSWORD;
    }

    /** A malformed pair may be a secret pasted whole: show its start only. */
    private static String redactPair(String pair) {
        return pair.length() <= 4 ? pair : pair.substring(0, 4) + "...";
    }
}
