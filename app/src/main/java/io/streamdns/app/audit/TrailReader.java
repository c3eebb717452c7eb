package io.streamdns.app.audit;

import io.streamdns.app.audit.core.Trail;
import io.streamdns.app.audit.core.TrailRecord;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.Blocking;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.kafka.ReadToEnd;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The Kafka edge of audit: a group-less consumer that reads one shard's partition of each topic from the beginning
 * to the end offsets it found on arrival, and decodes the records of that shard. Other partitions are never read,
 * so the cost follows the size of the name's own shard. Blocking (a CLI command).
 */
@Blocking("the command's main thread: a CLI command, never an event loop")
final class TrailReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String bootstrap;
    private final Duration timeout;

    private TrailReader(KafkaConsumer<String, byte[]> consumer, String bootstrap, Duration timeout) {
        this.consumer = consumer;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    static TrailReader connect(String bootstrap, Duration timeout) {
        Map<String, Object> config = new HashMap<>(KafkaSettings.reader(bootstrap,
                "streamdns-audit-" + ManagementFactory.getRuntimeMXBean().getPid()));
        String millis = Long.toString(timeout.toMillis());
        // short timeouts: an unreachable broker must end the command in seconds, not after the 60 s default
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "2000");
        config.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "5000");
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        config.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
        try {
            return new TrailReader(new KafkaConsumer<>(config), bootstrap, timeout);
        } catch (KafkaException e) {
            ConfigException config_ = cause(e, ConfigException.class);
            if (config_ != null && !String.valueOf(config_.getMessage()).contains("resolvable")) {
                throw new AuditFailure(AuditExit.BAD_INPUT, "invalid --kafka-bootstrap-servers '" + bootstrap + "': "
                        + config_.getMessage(), e);
            }
            throw new AuditFailure(AuditExit.UNREACHABLE, "cannot reach Kafka at " + bootstrap + ": "
                    + (config_ != null ? config_.getMessage() : e.getMessage()), e);
        }
    }

    /** Reads the records of {@code shard} in its partition of each topic (partition count from topic metadata). */
    Trail read(String shard, List<String> topics) {
        Map<String, Integer> partitions = new HashMap<>();
        List<TopicPartition> assigned = new ArrayList<>();
        for (String topic : topics) {
            int count = partitionCount(topic);
            int p = Partitioning.partitionOfShard(shard, count);
            partitions.put(topic, p);
            assigned.add(new TopicPartition(topic, p));
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new HashMap<>();
        try {
            // the timeout is per quiet stretch: a long trail that keeps coming is read to its end
            call(() -> ReadToEnd.read(consumer, assigned, timeout, r -> {
                if (r.key() != null && RecordKey.shardOf(r.key()).equals(shard)) {
                    byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
                }
            }), "reading records");
        } catch (ReadToEnd.StalledException e) {
            throw new AuditFailure(AuditExit.UNREACHABLE, "Kafka at " + bootstrap + " stopped answering while audit was "
                    + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> approvals = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : byTopic.getOrDefault(Topics.SOURCES, List.of())) {
            if (!ControlKeys.isControl(r.key())) {
                sources.add(r);
            } else if (r.key().equals(ControlKeys.shardApproval(shard))) {
                approvals.add(r);
            }
        }
        return new Trail(shard, partitions,
                decode(sources, SourceState.class, true, problems),
                decode(byTopic.get(Topics.PLANS), ChangePlan.class, false, problems),
                decode(byTopic.get(Topics.RESULTS), ApplyResult.class, false, problems),
                decode(byTopic.get(Topics.ZONE_STATE), ZoneRecord.class, true, problems),
                problems, decode(approvals, DeleteApproval.class, false, problems));
    }

    private int partitionCount(String topic) {
        List<PartitionInfo> infos = call(() -> consumer.partitionsFor(topic, timeout), "reading topic metadata");
        if (infos == null || infos.isEmpty()) {
            throw new AuditFailure(AuditExit.NOTHING_KNOWN, "topic " + topic + " does not exist on " + bootstrap
                    + ": no streamdns stage has run against this broker");
        }
        return infos.size();
    }

    private static <T> List<TrailRecord<T>> decode(List<ConsumerRecord<String, byte[]>> records, Class<T> type,
                                                   boolean tombstones, List<String> problems) {
        List<TrailRecord<T>> out = new ArrayList<>();
        if (records == null) {
            return out;
        }
        for (ConsumerRecord<String, byte[]> r : records) {
            T value = null;
            if (r.value() != null) {
                try {
                    value = JsonCodec.decode(r.value(), type);
                } catch (CodecException e) {
                    problems.add(r.topic() + " partition " + r.partition() + " offset " + r.offset()
                            + " left out, undecodable: " + e.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
            } else if (!tombstones) {
                continue;
            }
            out.add(new TrailRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), value));
        }
        return out;
    }

    private <T> T call(Supplier<T> action, String what) {
        try {
            return action.get();
        } catch (TimeoutException e) {
            throw new AuditFailure(AuditExit.UNREACHABLE, "cannot reach Kafka at " + bootstrap + ": no answer within "
                    + timeout.toSeconds() + " s while " + what + " (is the broker running? see --timeout)", e);
        } catch (KafkaException e) {
            throw new AuditFailure(AuditExit.UNREACHABLE, "Kafka at " + bootstrap + " failed while " + what + ": "
                    + e.getMessage(), e);
        }
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
