package io.streamdns.bench;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.streamdns.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the parts streamdns runs on cost alone in a rig, without any streamdns code: a bare fabric8 informer over
 * the API emulator's Services (its handler only counts), and one Kafka hop (the stages' producer settings, a
 * read_committed consumer) carrying records as the stages wrote them. The CPU is the whole JVM's while the part ran
 * and everything else idled, the cheapest of a few tries. What the parts cost is a floor no streamdns code can go
 * below; what a run costs above it is streamdns's.
 */
public final class PartsFloor {
    private PartsFloor() {
    }

    /** Events through one part: the rate and the JVM's CPU per 1,000 of them. */
    public record Figure(double eventsPerSecond, double cpuMsPer1000Events) {
        static Figure of(int events, long nanos, long cpuNanos) {
            return new Figure(Stats.round(events / (nanos / 1e9)), Stats.round(cpuNanos / 1e6 / (events / 1000.0)));
        }
    }

    /**
     * The cheapest of several measurements of a part: a phase of a second or less also carries whatever else the
     * JVM did meanwhile (JIT compiling what the run before made hot, GC, the stages' polls), which only adds.
     */
    public static Figure cheapest(int times, Supplier<Figure> part) {
        Figure best = null;
        for (int i = 0; i < times; i++) {
            Figure f = part.get();
            if (best == null || f.cpuMsPer1000Events() < best.cpuMsPer1000Events()) {
                best = f;
            }
        }
        return best;
    }

    /** A fresh informer of every Service, from its start until its handler has seen {@code expected} adds. */
    public static Figure informer(KubernetesClient client, int expected, Duration timeout) {
        AtomicInteger added = new AtomicInteger();
        long t0 = System.nanoTime();
        long cpu0 = Machine.processCpuNanos();
        SharedIndexInformer<Service> informer = client.services().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service s) {
                added.incrementAndGet();
            }

            @Override
            public void onUpdate(Service before, Service after) {
            }

            @Override
            public void onDelete(Service s, boolean unknownFinalState) {
            }
        }, 0);
        try {
            if (!Rig.await(timeout, Duration.ofMillis(2), () -> added.get() >= expected)) {
                throw new IllegalStateException("bare informer saw " + added.get() + " of " + expected + " Services");
            }
            return Figure.of(expected, System.nanoTime() - t0, Machine.processCpuNanos() - cpu0);
        } finally {
            informer.close();
        }
    }

    /**
     * The records re-sent to a fresh topic of as many partitions (each to its own partition) by a producer with the
     * stages' settings and read back whole by a group-less read_committed consumer, as a stage reads: one hop.
     */
    public static Figure kafkaHop(String bootstrap, String topic, int partitions,
                                  List<ConsumerRecord<String, byte[]>> records, Map<String, String> producerOverrides,
                                  Duration timeout) {
        createTopic(bootstrap, topic, partitions);
        Map<String, Object> consumerConfig = new HashMap<>(KafkaSettings.reader(bootstrap, "bench-floor-reader"));
        Map<String, Object> producerConfig = new HashMap<>(KafkaSettings.producer(bootstrap, "bench-floor-writer"));
        producerConfig.putAll(producerOverrides);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            consumer.poll(Duration.ZERO); // joins nothing (no group); fetches metadata before the clock starts
            long t0 = System.nanoTime();
            long cpu0 = Machine.processCpuNanos();
            AtomicReference<Exception> failed = new AtomicReference<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, r.partition() % partitions, r.key(), r.value()),
                        (meta, e) -> failed.compareAndSet(null, e));
            }
            producer.flush();
            int read = 0;
            long deadline = t0 + timeout.toNanos();
            while (read < records.size()) {
                if (failed.get() != null) {
                    throw new IllegalStateException("sending to " + topic + " failed", failed.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read " + read + " of " + records.size() + " records of " + topic);
                }
                read += consumer.poll(Duration.ofMillis(50)).count();
            }
            return Figure.of(records.size(), System.nanoTime() - t0, Machine.processCpuNanos() - cpu0);
        }
    }

    private static void createTopic(String bootstrap, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.<String, Object>copyOf(KafkaSettings.admin(bootstrap, "bench-floor")))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic + ": " + e.getMessage(), e);
        }
    }
}
