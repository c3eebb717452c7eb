package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.TestStages;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.planner.plan.Changes;
import io.streamdns.planner.plan.PlanChunker;
import io.streamdns.planner.plan.PlanSettings;
import io.streamdns.planner.plan.Planner;
import io.streamdns.planner.plan.ShardPlanner;
import io.streamdns.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract between planner and applier (DESIGN.md rules P2, A1–A3): for a plan the planner's shard planner
 * makes, the applier's zone-state and result, fed back into a shard planner, plan nothing further — both in the
 * planner that made the plan (with its in-flight overlay resolved by the result) and in a planner that starts from
 * the topics alone. A real applier (built by its command) against the Route 53 emulator through the SDK, on one
 * embedded broker; the planner side is the planner's pure core, so each row states exactly one step.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PlannerApplierContractIT {
    private static final String SHARD = "example.com";
    private static final String OWNER = "contract";
    private static final Planner PLANNER = new Planner(PlanSettings.defaults().withOwner(OWNER)
            .withDomainFilter(new DomainFilter(List.of(SHARD), List.of())));

    static Pipeline pipeline;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        pipeline = new Pipeline(SHARD);
        pipeline.deploy(TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=" + OWNER,
                "--domain-filter=" + SHARD, "--group-id=applier-contract");
        producer = new KafkaProducer<>(new HashMap<String, Object>(
                KafkaSettings.producer(pipeline.kafka.bootstrapServers(), "contract-test")));
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        pipeline.close();
    }

    /** One row: what the clusters want before and after; each step is planned, applied and fed back. */
    record Row(String name, List<List<SourceState>> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("create A", List.of(List.of(svc("a", "web1", ep("web1.example.com", "A", "192.0.2.1"))))),
                row("update targets and TTL", List.of(
                        List.of(svc("a", "web2", ep("web2.example.com", "A", "192.0.2.1"))),
                        List.of(svc("a", "web2", ep("web2.example.com", "A", "192.0.2.2", "192.0.2.3").withTtl(60))))),
                row("delete", List.of(
                        List.of(svc("a", "web3", ep("web3.example.com", "A", "192.0.2.1"))),
                        List.of())),
                row("A to CNAME (type change)", List.of(
                        List.of(svc("a", "web4", ep("web4.example.com", "A", "192.0.2.1"))),
                        List.of(svc("a", "web4", ep("web4.example.com", "CNAME", "lb.other.org"))))),
                row("ALIAS to an AWS load balancer", List.of(List.of(svc("a", "shop",
                        ep("shop.example.com", "CNAME", "k8s-shop-1.us-east-1.elb.amazonaws.com"))))),
                row("two clusters merged, then one leaves", List.of(
                        List.of(svc("a", "multi", ep("multi.example.com", "A", "192.0.2.10")),
                                svc("b", "multi", ep("multi.example.com", "A", "198.51.100.10"))),
                        List.of(svc("a", "multi", ep("multi.example.com", "A", "192.0.2.10"))))),
                row("two clusters' CNAMEs as weighted sets", List.of(
                        List.of(svc("a", "api", ep("api.example.com", "CNAME", "a.lb.other.org")),
                                svc("b", "api", ep("api.example.com", "CNAME", "b.lb.other.org"))))),
                row("AAAA and A of one name", List.of(List.of(svc("a", "dual",
                        ep("dual.example.com", "A", "192.0.2.20"), ep("dual.example.com", "AAAA", "2001:db8::20"))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void appliedPlansFedBackPlanNothingFurther(Row row) {
        Map<String, SourceState> previous = new LinkedHashMap<>();
        for (List<SourceState> step : row.steps()) {
            Map<String, SourceState> wanted = new LinkedHashMap<>();
            step.forEach(s -> wanted.put(s.ref().identity(), s));
            Set<String> names = names(previous, wanted);

            ShardPlanner planning = shardPlanner(readZoneState(), wanted, previous.keySet());
            ShardPlanner.ShardPlan plan = planning.plan(names);
            assertThat(plan.changes().isEmpty()).as("the step changes something").isFalse();
            List<ApplyResult> results = new ArrayList<>();
            for (Changes chunk : PlanChunker.split(plan.changes(), 500)) {
                ChangePlan cp = publish(chunk);
                planning.inFlight(cp.planId(), chunk, System.currentTimeMillis());
                ApplyResult result = awaitResult(cp.planId());
                assertThat(result.outcomes()).as("every change has one outcome, none refused")
                        .hasSize(cp.size())
                        .allMatch(o -> o.status() == ChangeOutcome.Status.APPLIED
                                || o.status() == ChangeOutcome.Status.ALREADY_DONE, "applied");
                results.add(result);
            }
            List<ZoneState> after = readZoneState();

            // the planner that made the plan: zone-state first (rule A2), then the result resolves the overlay
            after.forEach(z -> planning.putRecord(z.identity(), z.record()));
            for (ApplyResult r : results) {
                planning.resolve(r.planId(), r.status() == ApplyResult.Status.FAILED, r.outcomes(),
                        System.currentTimeMillis());
            }
            assertThat(planning.plan(names).changes().isEmpty()).as("same planner re-plans nothing: %s",
                    planning.plan(names).changes()).isTrue();
            assertThat(planning.hasInFlight()).as("zone-state confirmed every in-flight change").isFalse();

            // a planner that restores from the topics alone (a restart or a rebalance)
            ShardPlanner restored = shardPlanner(after, wanted, Set.of());
            assertThat(restored.plan(names).changes().isEmpty()).as("restored planner re-plans nothing: %s",
                    restored.plan(names).changes()).isTrue();

            // and the zone itself holds what was wanted
            assertZoneHolds(wanted, names);
            previous = wanted;
        }
    }

    private static void assertZoneHolds(Map<String, SourceState> wanted, Set<String> names) {
        List<ZoneRecord> zone = pipeline.zone.records();
        for (String name : names) {
            boolean wantedHere = wanted.values().stream().flatMap(s -> s.endpoints().stream())
                    .anyMatch(e -> e.dnsName().equals(name));
            List<ZoneRecord> atName = zone.stream().filter(r -> r.name().equals(name)).toList();
            if (wantedHere) {
                assertThat(atName).as("%s is in the zone", name).isNotEmpty();
            } else {
                assertThat(atName).as("%s was deleted", name).isEmpty();
            }
        }
    }

    private static ShardPlanner shardPlanner(List<ZoneState> zoneState, Map<String, SourceState> wanted,
                                             Set<String> gone) {
        ShardPlanner sp = new ShardPlanner(SHARD, PLANNER);
        zoneState.forEach(z -> sp.putRecord(z.identity(), z.record()));
        gone.forEach(id -> sp.putSource(id, null));
        wanted.forEach(sp::putSource);
        return sp;
    }

    private static Set<String> names(Map<String, SourceState> before, Map<String, SourceState> after) {
        Set<String> names = new TreeSet<>();
        Stream.concat(before.values().stream(), after.values().stream())
                .flatMap(s -> s.endpoints().stream()).forEach(e -> names.add(e.dnsName()));
        return names;
    }

    private static ChangePlan publish(Changes chunk) {
        ChangePlan plan = new ChangePlan(UUID.randomUUID().toString(), SHARD, System.currentTimeMillis(), 0,
                chunk.create(), chunk.updateOld(), chunk.updateNew(), chunk.delete(), List.of());
        try {
            producer.send(new ProducerRecord<>(Topics.PLANS, RecordKey.of(SHARD, plan.planId()), JsonCodec.encode(plan)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not publish the plan", e);
        }
        return plan;
    }

    record ZoneState(String identity, ZoneRecord record) {
    }

    /** Zone-state as a restoring planner reads it: every key's last value (null: tombstoned). */
    private static List<ZoneState> readZoneState() {
        Map<String, ZoneState> last = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.ZONE_STATE)) {
            String identity = RecordKey.parse(r.key()).identity();
            last.put(identity, new ZoneState(identity, r.value() == null ? null : decode(r.value(), ZoneRecord.class)));
        }
        return new ArrayList<>(last.values());
    }

    private static ApplyResult awaitResult(String planId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : readAll(Topics.RESULTS)) {
                if (r.key().endsWith("|" + planId)) {
                    return decode(r.value(), ApplyResult.class);
                }
            }
            Pipeline.sleep(100);
        }
        throw new AssertionError("no result for plan " + planId);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(new HashMap<String, Object>(
                KafkaSettings.reader(pipeline.kafka.bootstrapServers(), "contract-reader")))) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static <T> T decode(byte[] value, Class<T> type) {
        try {
            return JsonCodec.decode(value, type);
        } catch (Exception e) {
            throw new AssertionError("undecodable " + type.getSimpleName(), e);
        }
    }

    private static Arguments row(String name, List<List<SourceState>> steps) {
        return Arguments.of(new Row(name, steps));
    }

    private static SourceState svc(String cluster, String name, Endpoint... endpoints) {
        return new SourceState(cluster, "Service", "default", name, "uid-" + cluster + "-" + name, "1",
                System.currentTimeMillis(), List.of(endpoints));
    }

    private static Endpoint ep(String name, String type, String... targets) {
        return Endpoint.of(name, type, targets);
    }
}
