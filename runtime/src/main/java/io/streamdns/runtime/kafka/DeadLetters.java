package io.streamdns.runtime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.model.DeadLetter;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.vertx.core.Future;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends records a stage cannot use to {@code streamdns.dlq} with the reason; counts and logs them. */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final String stage;
    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry registry;

    public DeadLetters(String stage, KafkaProducer<String, byte[]> producer, MeterRegistry registry) {
        this.stage = stage;
        this.producer = producer;
        this.registry = registry;
    }

    public Future<Void> send(KafkaConsumerRecord<String, byte[]> record, String reason) {
        return send(record.topic(), record.partition(), record.offset(), record.key(), record.value(), reason);
    }

    public Future<Void> send(String topic, int partition, long offset, String key, byte[] value, String reason) {
        LOG.warn("[{}] dead letter from {}-{}@{} key={}: {}", stage, topic, partition, offset, key, reason);
        registry.counter("streamdns." + stage + ".dead.letters", "topic", topic).increment();
        DeadLetter letter = new DeadLetter(stage, topic, partition, offset, key, reason,
                value == null ? null : Base64.getEncoder().encodeToString(value), System.currentTimeMillis());
        // The DLQ keeps the original key so it lands beside its shard; a key without a shard still gets a home.
        String dlqKey = key != null && key.indexOf('|') > 0 ? key : "unkeyed|" + (key == null ? "" : key);
        return producer.send(KafkaProducerRecord.create(Topics.DLQ, dlqKey, JsonCodec.encode(letter))).mapEmpty();
    }
}
