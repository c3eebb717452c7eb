package io.streamdns.runtime.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client configs every stage uses: String keys, byte[] JSON values, shard partitioning, plus the operator's
 * properties registered for the servers ({@link KafkaClientSecurity}: TLS, SASL, tuning).
 */
public final class KafkaSettings {
    /**
     * How long a silent group member keeps its partitions: a planner or applier killed with {@code kill -9} is
     * replaced after this plus at most one heartbeat of the survivors (the client's default is 45 s). The broker's
     * {@code group.min.session.timeout.ms} (6 s by default) is the floor. Heartbeats come from the client's own
     * thread, so a busy event loop does not expire a session; only a JVM-wide stall this long would. Measured
     * (FailoverIT, two planner JVMs): 8 s / 2 s gave 9.8 s after kill -9, too close to the 10 s target.
     */
    public static final int SESSION_TIMEOUT_MS = 6_000;
    /** A quarter of the session timeout, within Kafka's "a third or less"; also how soon survivors hear of a rebalance. */
    public static final int HEARTBEAT_INTERVAL_MS = 1_500;

    /** This process's static group membership id, or null (dynamic membership): see {@link #useStaticMembership}. */
    private static volatile String groupInstanceId;

    private KafkaSettings() {
    }

    /**
     * Makes every group consumer this process creates from now on a static member with this id (the pod name):
     * a restarted pod that is back within the session timeout gets its partitions again without a rebalance. The
     * price: a static member does not leave the group when it closes, so on a plain stop (SIGTERM, scale-down) its
     * partitions wait for the session timeout, as after a crash, instead of moving at once. One consumer per group
     * per process, which is how the stages use it. Null turns it off.
     */
    public static void useStaticMembership(String instanceId) {
        groupInstanceId = instanceId;
    }

    /** Idempotent, acks=all producer with the shard partitioner. */
    public static Map<String, String> producer(String bootstrap, String clientId) {
        Map<String, String> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ShardPartitioner.class.getName());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        c.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return withOperatorProperties(c, bootstrap);
    }

    /** Manual-commit consumer that starts from the beginning when the group has no offset. */
    public static Map<String, String> consumer(String bootstrap, String groupId, String clientId) {
        Map<String, String> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(SESSION_TIMEOUT_MS));
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(HEARTBEAT_INTERVAL_MS));
        String instance = groupInstanceId;
        if (instance != null && groupId != null) {
            c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
        }
        return withOperatorProperties(c, bootstrap);
    }

    /** A group-less consumer for reading partitions from the beginning (state rebuilds, audit). */
    public static Map<String, String> reader(String bootstrap, String clientId) {
        Map<String, String> c = consumer(bootstrap, null, clientId);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        c.remove(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        c.remove(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
        return c;
    }

    /** An admin client (topic creation, committed offsets, the start-up check). */
    public static Map<String, String> admin(String bootstrap, String clientId) {
        Map<String, String> c = new HashMap<>();
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return withOperatorProperties(c, bootstrap);
    }

    /** Reserved keys never reach here ({@link KafkaClientProperties#load}), so ours stay as set. */
    private static Map<String, String> withOperatorProperties(Map<String, String> c, String bootstrap) {
        c.putAll(KafkaClientSecurity.forServers(bootstrap).asMap());
        return c;
    }
}
