package io.streamdns.applier.it;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.testsupport.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Test-side Kafka: publish plans, read results and zone-state, start a group at the end, poll with deadlines. */
final class TopicClient implements AutoCloseable {
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    TopicClient(String bootstrap) {
        this.bootstrap = bootstrap;
        Map<String, Object> config = new HashMap<>(KafkaSettings.producer(bootstrap, "it-producer"));
        this.producer = new KafkaProducer<>(config);
    }

    void publish(ChangePlan plan) throws Exception {
        producer.send(new ProducerRecord<>(Topics.PLANS, RecordKey.of(plan.shard(), plan.planId()),
                JsonCodec.encode(plan))).get();
    }

    /** Sends all, then waits for all: the plans land back to back. */
    void publishAll(List<ChangePlan> plans) throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        for (ChangePlan plan : plans) {
            sent.add(producer.send(new ProducerRecord<>(Topics.PLANS,
                    RecordKey.of(plan.shard(), plan.planId()), JsonCodec.encode(plan))));
        }
        for (var f : sent) {
            f.get();
        }
    }

    void publishRaw(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Commits the group's offsets at the current end of plans, so a new applier sees only what comes next. */
    void startGroupAtEnd(String groupId) {
        Map<String, Object> config = new HashMap<>(KafkaSettings.consumer(bootstrap, groupId, groupId + "-init"));
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config)) {
            List<TopicPartition> tps = c.partitionsFor(Topics.PLANS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            end.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
            c.assign(tps);
            c.commitSync(offsets);
        }
    }

    /** Every record of a topic, in order per partition. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = new HashMap<>(KafkaSettings.reader(bootstrap, "it-reader"));
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    List<ApplyResult> results(String planId) {
        List<ApplyResult> out = new ArrayList<>();
        for (var r : readAll(Topics.RESULTS)) {
            if (r.key().endsWith("|" + planId)) {
                out.add(decode(r.value(), ApplyResult.class));
            }
        }
        return out;
    }

    /** Latest zone-state value per key whose key starts with the prefix; null values are tombstones. */
    Map<String, ZoneRecord> zoneState(String keyPrefix) {
        Map<String, ZoneRecord> out = new LinkedHashMap<>();
        for (var r : readAll(Topics.ZONE_STATE)) {
            if (r.key().startsWith(keyPrefix)) {
                out.put(r.key(), r.value() == null ? null : decode(r.value(), ZoneRecord.class));
            }
        }
        return out;
    }

    static <T> T decode(byte[] value, Class<T> type) {
        try {
            return JsonCodec.decode(value, type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls until the condition holds or the deadline passes (then fails with the message). */
    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, timeout, condition);
    }

    /** Polls until the supplier gives a non-null value. */
    static <T> T awaitValue(Duration timeout, String what, Supplier<T> value) throws InterruptedException {
        return Eventually.value(what, timeout, value);
    }

    @Override
    public void close() {
        producer.close();
    }
}
