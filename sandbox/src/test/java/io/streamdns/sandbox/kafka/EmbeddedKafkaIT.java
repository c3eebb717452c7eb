package io.streamdns.sandbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Topics;
import io.streamdns.model.shard.Partitioning;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real KRaft broker: topics with their settings, co-partitioning, compaction, tombstones, restart on one data dir. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class EmbeddedKafkaIT {

    @TempDir
    Path dir;

    @Test
    void producesConsumesCompactsAndSurvivesRestart() throws Exception {
        Map<String, String> latest;
        int broker1Port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, 3)) {
            broker1Port = Integer.parseInt(kafka.bootstrapServers().split(":")[1]);
            assertTopicSettings(kafka.bootstrapServers());
            try (var producer = producer(kafka)) {
                // the same shard lands on the same partition in every topic
                Set<Integer> partitions = new HashSet<>();
                for (String topic : List.of(Topics.SOURCES, Topics.ZONE_STATE, Topics.PLANS, Topics.RESULTS)) {
                    for (String id : List.of("c1/Service/default/a", "c2/Ingress/x/b", "zone/www/A/")) {
                        RecordMetadata md = producer.send(new ProducerRecord<>(topic,
                                RecordKey.of("example.com", id), bytes("x"))).get();
                        partitions.add(md.partition());
                    }
                }
                assertThat(partitions).containsExactly(Partitioning.partitionOfShard("example.com", 3));

                // compaction keeps the latest value per key; a tombstone removes the key
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>(Topics.SOURCES, "example.org|k" + (i % 5), bytes("v" + i)));
                }
                producer.send(new ProducerRecord<>(Topics.SOURCES, "example.org|k0", null));
                producer.flush();
            }
            latest = readCompacted(kafka.bootstrapServers());
            assertThat(latest).doesNotContainKey("example.org|k0")
                    .containsEntry("example.org|k1", "v46").containsEntry("example.org|k4", "v49");
        }
        assertThat(Files.exists(dir.resolve("kafka-logs/meta.properties"))).isTrue();
        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0, 3)) {
            assertThat(again.bootstrapServers()).endsWith(":" + broker1Port);
            assertThat(readCompacted(again.bootstrapServers())).isEqualTo(latest);
        }
    }

    private static void assertTopicSettings(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var resources = Topics.ALL.stream().map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (Topics.Spec spec : Topics.ALL) {
                Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                assertThat(c.get("cleanup.policy").value()).as(spec.name()).isEqualTo(spec.compacted() ? "compact" : "delete");
            }
            var described = admin.describeTopics(Topics.ALL.stream().map(Topics.Spec::name).toList()).allTopicNames().get();
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
        }
    }

    /** The view a restoring stage builds: last value per key, tombstones removing keys. */
    private static Map<String, String> readCompacted(String bootstrap) {
        Map<String, String> view = new HashMap<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(new HashMap<>(KafkaSettings.reader(bootstrap, "it")))) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.SOURCES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.currentTimeMillis() + 30_000;
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        view.remove(r.key());
                    } else {
                        view.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return view;
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(new HashMap<String, Object>(KafkaSettings.producer(kafka.bootstrapServers(), "it")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
