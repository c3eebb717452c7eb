package io.streamdns.planner;

import io.streamdns.model.DeadLetter;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.ops.Metrics;
import io.streamdns.runtime.ops.Readiness;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Deploys planners against a broker and writes what watchers and appliers would. */
final class PlannerHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    final Vertx vertx;
    final String bootstrap;
    final KafkaProducer<String, byte[]> producer;

    /** A deployed planner and its process context. */
    record Running(String deploymentId, StageContext context) {
        boolean ready() {
            return context.readiness().isReady();
        }
    }

    PlannerHarness(Vertx vertx, String bootstrap) {
        this.vertx = vertx;
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(new HashMap<String, Object>(KafkaSettings.producer(bootstrap, "it-writer")));
    }

    /** A planner for one domain, quick debounce, its own group. */
    static PlannerConfig config(String domain, String group, Map<String, String> more) {
        Map<String, String> m = new HashMap<>(Map.of("domain-filter", domain, "group-id", group, "debounce", "100ms",
                "debounce-max", "1s", "policy", "sync"));
        m.putAll(more);
        return PlannerConfig.fromMap(m);
    }

    Running deploy(PlannerConfig config, String instance) {
        StageContext ctx = new StageContext(bootstrap, Metrics.newRegistry(), new Readiness(), instance);
        String id = vertx.deployVerticle(new PlannerVerticle(config, ctx)).await();
        return new Running(id, ctx);
    }

    Running deployReady(PlannerConfig config, String instance) {
        Running r = deploy(config, instance);
        Await.until(instance + " ready", WAIT, r::ready);
        return r;
    }

    void undeploy(Running r) {
        vertx.undeploy(r.deploymentId()).await();
    }

    static SourceState source(String cluster, String name, String rv, long observedAt, Endpoint... endpoints) {
        return new SourceState(cluster, "Service", "default", name, "uid-" + name, rv, observedAt, List.of(endpoints));
    }

    void source(String shard, SourceState s) {
        send(Topics.SOURCES, RecordKey.of(shard, s.ref().identity()), JsonCodec.encode(s));
    }

    /** What a watcher writes after a full pass: a sync marker of (cluster, default scope) on every partition. */
    void synced(String cluster) {
        for (int p = 0; p < Topics.DEFAULT_PARTITIONS; p++) {
            SyncMarker m = new SyncMarker(cluster, "uid-" + cluster, ControlKeys.DEFAULT_SCOPE, Map.of(), p,
                    System.currentTimeMillis(), 0, 0);
            try {
                producer.send(new ProducerRecord<>(Topics.SOURCES, p, ControlKeys.syncMarker(cluster,
                        ControlKeys.DEFAULT_SCOPE), JsonCodec.encode(m))).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    void zone(String shard, ZoneRecord r) {
        send(Topics.ZONE_STATE, RecordKey.of(shard, r.identity()), JsonCodec.encode(r));
    }

    void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every dead letter so far. */
    List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(new HashMap<String, Object>(KafkaSettings.reader(bootstrap, "it-dlq")))) {
            List<TopicPartition> tps = c.partitionsFor(Topics.DLQ).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(JsonCodec.decode(r.value(), DeadLetter.class));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Override
    public void close() {
        producer.close();
    }
}
