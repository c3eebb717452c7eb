package io.streamdns.app.safety;

import io.streamdns.app.audit.AuditExit;
import io.streamdns.app.audit.AuditFailure;
import io.streamdns.app.audit.BrokerAccess;
import io.streamdns.model.Topics;
import io.streamdns.runtime.Blocking;
import io.streamdns.runtime.kafka.KafkaSettings;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code streamdns.sources} for a CLI command: its latest record per key on each partition (as compaction keeps
 * them), and writes to an explicit partition. Blocking.
 */
@Blocking("the command's main thread: a CLI command, never an event loop")
final class SourcesTopic implements AutoCloseable {
    /** The latest value of a key on a partition ({@code value} null: a tombstone). */
    record Latest(int partition, long offset, long timestamp, String key, byte[] value) {
    }

    private final BrokerAccess broker;
    private final Duration timeout;
    private final String clientId = "streamdns-cli-" + ManagementFactory.getRuntimeMXBean().getPid();
    private KafkaProducer<String, byte[]> producer;
    private final int partitions;

    SourcesTopic(BrokerAccess broker, Duration timeout) {
        this.broker = broker;
        this.timeout = timeout;
        try (KafkaConsumer<String, byte[]> c = reader()) {
            List<PartitionInfo> infos = c.partitionsFor(Topics.SOURCES, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new AuditFailure(AuditExit.NOTHING_KNOWN, "topic " + Topics.SOURCES + " does not exist on "
                        + broker.bootstrap() + ": no streamdns stage has run against this broker");
            }
            this.partitions = infos.size();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new AuditFailure(AuditExit.UNREACHABLE, "cannot reach Kafka at " + broker.bootstrap()
                    + ": no answer within " + timeout.toSeconds() + " s", e);
        }
    }

    int partitions() {
        return partitions;
    }

    String describe() {
        return broker.describe();
    }

    private KafkaConsumer<String, byte[]> reader() {
        return new KafkaConsumer<>(new HashMap<String, Object>(KafkaSettings.reader(broker.bootstrap(), clientId)));
    }

    /** Every partition from the beginning to its end now: the latest record per (partition, key), in offset order. */
    List<Latest> readLatest() {
        Map<String, Latest> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> c = reader()) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(Topics.SOURCES, p));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp, timeout) < end.get(tp))) {
                var batch = c.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    deadline = System.nanoTime() + timeout.toNanos();
                } else if (System.nanoTime() > deadline) {
                    throw new AuditFailure(AuditExit.UNREACHABLE, "Kafka at " + broker.bootstrap()
                            + " stopped answering while reading " + Topics.SOURCES);
                }
                for (ConsumerRecord<String, byte[]> r : batch) {
                    if (r.key() != null && r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        String k = r.partition() + "\u0000" + r.key();
                        latest.remove(k);
                        latest.put(k, new Latest(r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new AuditFailure(AuditExit.UNREACHABLE, "cannot reach Kafka at " + broker.bootstrap()
                    + ": no answer within " + timeout.toSeconds() + " s", e);
        }
        return new ArrayList<>(latest.values());
    }

    /** Writes a record to an explicit partition and waits for the broker's acknowledgement. */
    RecordMetadata send(int partition, String key, byte[] value) {
        if (producer == null) {
            producer = new KafkaProducer<>(new HashMap<String, Object>(KafkaSettings.producer(broker.bootstrap(), clientId)));
        }
        try {
            return producer.send(new ProducerRecord<>(Topics.SOURCES, partition, key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditFailure(AuditExit.UNREACHABLE, "interrupted while writing " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AuditFailure(AuditExit.UNREACHABLE, "writing " + key + " to " + Topics.SOURCES + "-" + partition
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        broker.close();
    }
}
