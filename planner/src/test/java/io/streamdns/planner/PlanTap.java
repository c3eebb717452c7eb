package io.streamdns.planner;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code streamdns.plans} of some shards on a thread of its own and, as an applier would, can turn each plan
 * into zone state and an {@link ApplyResult}. It keeps the zone as Route 53 would: a CREATE of an existing record
 * set is rejected and counted, so a duplicate create shows.
 */
final class PlanTap implements AutoCloseable {
    static final String ZONE = "Z1";

    final List<ChangePlan> plans = new CopyOnWriteArrayList<>();
    final AtomicInteger duplicateCreates = new AtomicInteger();
    /** The zone as the fake applier keeps it: identity → record. */
    final Map<String, ZoneRecord> zone = new ConcurrentHashMap<>();
    private final Set<String> shards;
    private final boolean apply;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private final String bootstrap;

    PlanTap(String bootstrap, Set<String> shards, boolean apply) {
        this.bootstrap = bootstrap;
        this.shards = shards;
        this.apply = apply;
        this.thread = new Thread(this::run, "plan-tap");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                new HashMap<String, Object>(KafkaSettings.reader(bootstrap, "plan-tap")));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                     new HashMap<String, Object>(KafkaSettings.producer(bootstrap, "fake-applier")))) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.PLANS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    ChangePlan plan = JsonCodec.decode(r.value(), ChangePlan.class);
                    if (!shards.contains(plan.shard())) {
                        continue;
                    }
                    plans.add(plan);
                    if (apply) {
                        applyPlan(plan, producer);
                    }
                }
            }
        } catch (Exception e) {
            if (!stop.get()) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void applyPlan(ChangePlan plan, KafkaProducer<String, byte[]> producer) throws Exception {
        List<ChangeOutcome> outcomes = new ArrayList<>();
        for (Endpoint d : plan.delete()) {
            ZoneRecord r = record(plan.shard(), d);
            zone.remove(r.identity());
            producer.send(new ProducerRecord<>(Topics.ZONE_STATE, RecordKey.of(plan.shard(), r.identity()), null)).get();
            outcomes.add(outcome(ChangeOutcome.Action.DELETE, d, ChangeOutcome.Status.APPLIED));
        }
        for (Endpoint u : plan.updateNew()) {
            put(plan.shard(), u, producer);
            outcomes.add(outcome(ChangeOutcome.Action.UPDATE, u, ChangeOutcome.Status.APPLIED));
        }
        for (Endpoint c : plan.create()) {
            ZoneRecord r = record(plan.shard(), c);
            if (zone.containsKey(r.identity())) {
                duplicateCreates.incrementAndGet();
                outcomes.add(outcome(ChangeOutcome.Action.CREATE, c, ChangeOutcome.Status.REJECTED));
                continue;
            }
            put(plan.shard(), c, producer);
            outcomes.add(outcome(ChangeOutcome.Action.CREATE, c, ChangeOutcome.Status.APPLIED));
        }
        boolean rejected = outcomes.stream().anyMatch(o -> o.status() == ChangeOutcome.Status.REJECTED);
        ApplyResult result = new ApplyResult(plan.planId(), plan.shard(),
                rejected ? ApplyResult.Status.PARTIAL : ApplyResult.Status.APPLIED, List.of("C1"), outcomes, 1,
                System.currentTimeMillis(), System.currentTimeMillis(), plan.earliestEventAt(), -1);
        producer.send(new ProducerRecord<>(Topics.RESULTS, RecordKey.of(plan.shard(), plan.planId()),
                JsonCodec.encode(result))).get();
    }

    private void put(String shard, Endpoint e, KafkaProducer<String, byte[]> producer) throws Exception {
        ZoneRecord r = record(shard, e);
        zone.put(r.identity(), r);
        producer.send(new ProducerRecord<>(Topics.ZONE_STATE, RecordKey.of(shard, r.identity()), JsonCodec.encode(r))).get();
    }

    /** The record as Route 53 would list it: an unset TTL is 300, an alias has an alias target. */
    static ZoneRecord record(String shard, Endpoint e) {
        Map<String, String> props = new TreeMap<>(e.providerSpecific());
        boolean alias = "true".equals(props.remove(ProviderProperties.ALIAS));
        String health = props.remove(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH);
        props.keySet().removeIf(k -> !k.startsWith("aws/"));
        if (alias) {
            return new ZoneRecord(ZONE, shard, e.dnsName(), e.recordType(), 0, List.of(), e.setIdentifier(),
                    new AliasTarget("Z35SXDOTRQ7X7K", e.targets().get(0), "true".equals(health)), props);
        }
        return new ZoneRecord(ZONE, shard, e.dnsName(), e.recordType(), e.ttl() == 0 ? 300 : e.ttl(), e.targets(),
                e.setIdentifier(), null, props);
    }

    private static ChangeOutcome outcome(ChangeOutcome.Action action, Endpoint e, ChangeOutcome.Status status) {
        return new ChangeOutcome(action, e.dnsName(), e.recordType(), e.setIdentifier(), status, ZONE, null);
    }

    /** Plans that create a record (not TXT) named {@code name}. */
    long createsOf(String name) {
        return plans.stream().flatMap(p -> p.create().stream())
                .filter(e -> e.dnsName().equals(name) && !e.recordType().equals("TXT")).count();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
    }
}
