package io.streamdns.bench;

import io.streamdns.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics from the beginning on a thread of its own (no consumer group) and hands every record to a
 * handler: how a scenario watches plans and results go by without touching the stages.
 */
public final class TopicTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private TopicTail(KafkaConsumer<String, byte[]> consumer, Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.consumer = consumer;
        this.thread = new Thread(() -> loop(handler), "bench-tail");
        this.thread.setDaemon(true);
    }

    public static TopicTail start(String bootstrap, List<String> topics, Consumer<ConsumerRecord<String, byte[]>> handler) {
        Map<String, String> config = KafkaSettings.reader(bootstrap, "bench-tail");
        config.put("max.poll.records", "5000");
        config.put("isolation.level", "read_uncommitted");
        Map<String, Object> props = new HashMap<>(config);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> tps = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        TopicTail tail = new TopicTail(consumer, handler);
        tail.thread.start();
        return tail;
    }

    private void loop(Consumer<ConsumerRecord<String, byte[]>> handler) {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        handler.accept(r);
                    } catch (RuntimeException e) {
                        LOG.warn("tail handler failed on {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
