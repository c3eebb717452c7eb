package io.streamdns.runtime.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's client properties per Kafka cluster, for this process: the command registers them once at start,
 * and {@link KafkaSettings} adds them to every producer, consumer, reader and admin client it configures for those
 * bootstrap servers. Keyed by bootstrap servers (not one global) so that a process or a test can talk to a secured
 * cluster and a plaintext one (e.g. the embedded broker) at once; stage code keeps passing only the servers.
 */
public final class KafkaClientSecurity {
    private static final Map<String, KafkaClientProperties> BY_SERVERS = new ConcurrentHashMap<>();

    private KafkaClientSecurity() {
    }

    /** Every client for {@code bootstrapServers} from now on gets {@code properties}. */
    public static void register(String bootstrapServers, KafkaClientProperties properties) {
        if (properties.isEmpty()) {
            BY_SERVERS.remove(key(bootstrapServers));
        } else {
            BY_SERVERS.put(key(bootstrapServers), properties);
        }
    }

    public static void unregister(String bootstrapServers) {
        BY_SERVERS.remove(key(bootstrapServers));
    }

    /** The properties registered for these servers, {@link KafkaClientProperties#NONE} when none. */
    public static KafkaClientProperties forServers(String bootstrapServers) {
        return bootstrapServers == null ? KafkaClientProperties.NONE
                : BY_SERVERS.getOrDefault(key(bootstrapServers), KafkaClientProperties.NONE);
    }

    private static String key(String bootstrapServers) {
        return bootstrapServers.replace(" ", "").strip();
    }
}
