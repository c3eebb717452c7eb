package io.streamdns.bench;

import io.streamdns.model.codec.JsonCodec;
import io.streamdns.runtime.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A plain producer with the stages' settings (shard partitioner), for feeding a stage directly. */
public final class Publisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public Publisher(String bootstrap) {
        Map<String, Object> config = new HashMap<>(KafkaSettings.producer(bootstrap, "bench-publisher"));
        config.put("linger.ms", "5");
        config.put("batch.size", Integer.toString(256 * 1024));
        producer = new KafkaProducer<>(config);
    }

    public void send(String topic, String key, Object value) {
        producer.send(new ProducerRecord<>(topic, key, value == null ? null : JsonCodec.encode(value)));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
