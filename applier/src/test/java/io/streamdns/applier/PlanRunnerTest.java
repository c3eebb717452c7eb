package io.streamdns.applier;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdns.applier.batch.EndpointMapper;
import io.streamdns.applier.batch.Limits;
import io.streamdns.applier.batch.OwnershipGuard;
import io.streamdns.applier.batch.PlanCompiler;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneSelection;
import io.streamdns.applier.metrics.ApplierMetrics;
import io.streamdns.applier.state.ZoneCache;
import io.streamdns.applier.state.ZoneCatalog;
import io.streamdns.applier.state.ZoneStateKeeper;
import io.streamdns.applier.state.ZoneStatePublisher;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.DeadLetter;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.runtime.kafka.DeadLetters;
import io.streamdns.testsupport.Eventually;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commit order of a run through Kafka's mock clients: results and dead letters are retried until they are on
 * Kafka, and the offset is committed only after them (never past an outcome that is not there), or not at all when
 * the partition leaves us meanwhile.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlanRunnerTest {
    static final TopicPartition TP = new TopicPartition(Topics.PLANS, 0);
    Vertx vertx;
    FakeDnsProvider provider;
    Zone zone;
    /** results and dead letters; nothing completes until the test says so */
    MockProducer<String, byte[]> out;
    MockConsumer<String, byte[]> plans;
    /** commits to refuse before accepting */
    final AtomicInteger failCommits = new AtomicInteger();
    KafkaConsumer<String, byte[]> consumer;
    PlanRunner runner;
    PartitionWorker worker;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        provider = new FakeDnsProvider();
        zone = provider.zone("Z1", "example.com");
        ApplierMetrics metrics = ApplierMetrics.noop();
        ShardResolver shards = new ShardResolver(List.of());
        MockProducer<String, byte[]> zoneState = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        ZoneStateKeeper keeper = new ZoneStateKeeper(vertx, provider, new ZoneCatalog(provider,
                new ZoneSelection("", null, DomainFilter.ALL)), new ZoneCache(),
                new ZoneStatePublisher(KafkaProducer.create(vertx, zoneState), shards, 6, metrics), null, shards,
                DomainFilter.ALL, metrics, null);
        OwnershipGuard guard = new OwnershipGuard("me", TxtNameMapper.defaults());
        PlanExecutor executor = new PlanExecutor(provider, keeper, index -> new PlanCompiler(index, DomainFilter.ALL, guard,
                new EndpointMapper(true), Limits.ROUTE53), false, metrics);
        out = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        plans = new MockConsumer<>("earliest") {
            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                if (failCommits.getAndDecrement() > 0) {
                    throw new RebalanceInProgressException("rebalance in progress");
                }
                super.commitSync(offsets);
            }
        };
        plans.assign(Set.of(TP)); // MockConsumer reports commits of assigned partitions only
        consumer = KafkaConsumer.create(vertx, plans);
        KafkaProducer<String, byte[]> producer = KafkaProducer.create(vertx, out);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BooleanSupplier stopping = () -> false;
        runner = new PlanRunner(vertx, ApplierConfig.fromMap(Map.of("domain-filter", "example.com")), executor, consumer,
                producer, new DeadLetters("applier", producer, registry), registry, stopping);
        worker = new PartitionWorker(0, 50, runner, pause -> { });
        vertx.runOnContext(v -> worker.ready());
    }

    @AfterEach
    void tearDown() {
        consumer.close();
    }

    static KafkaConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
        return new KafkaConsumerRecordImpl<>(new ConsumerRecord<>(Topics.PLANS, 0, offset, key, value));
    }

    static ChangePlan plan(String id, String... names) {
        List<Endpoint> creates = Arrays.stream(names).map(n -> Endpoint.of(n, "A", "10.0.0.1")).toList();
        return new ChangePlan(id, "example.com", 1L, 1L, creates, List.of(), List.of(), List.of(), List.of());
    }

    void offer(long offset, ChangePlan plan) {
        offer(record(offset, plan.shard() + "|" + plan.planId(), JsonCodec.encode(plan)));
    }

    void offer(KafkaConsumerRecord<String, byte[]> r) {
        vertx.runOnContext(v -> worker.offer(r));
    }

    Long committed() {
        OffsetAndMetadata m = plans.committed(Set.of(TP)).get(TP);
        return m == null ? null : m.offset();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.until(what, Duration.ofSeconds(20), condition);
    }

    /** The send attempts so far (MockProducer keeps failed ones in its history too). */
    List<ProducerRecord<String, byte[]>> sends() {
        return out.history();
    }

    static KafkaConsumerRecord<String, byte[]> planRecord(long offset, ChangePlan plan) {
        return record(offset, plan.shard() + "|" + plan.planId(), JsonCodec.encode(plan));
    }

    static Stream<Arguments> queues() {
        KafkaConsumerRecord<String, byte[]> undecodable = record(0, "example.com|bad", "{\"v\":1}".getBytes());
        return Stream.of(
                Arguments.of("one plan", List.of(planRecord(0, plan("p1", "a.example.com"))), false),
                Arguments.of("disjoint plans within the bounds", List.of(planRecord(0, plan("p1", "a.example.com")),
                        planRecord(1, plan("p2", "b.example.com", "c.example.com"))), false),
                Arguments.of("a name shared with an earlier plan ends the run", List.of(
                        planRecord(0, plan("p1", "a.example.com")), planRecord(1, plan("p2", "a.example.com"))), true),
                Arguments.of("more plans than --max-merged-plans", List.of(planRecord(0, plan("p1", "a.example.com")),
                        planRecord(1, plan("p2", "b.example.com")), planRecord(2, plan("p3", "c.example.com")),
                        planRecord(3, plan("p4", "d.example.com"))), true),
                Arguments.of("more changes than --max-merged-changes", List.of(
                        planRecord(0, plan("p1", "a.example.com", "b.example.com", "c.example.com")),
                        planRecord(1, plan("p2", "d.example.com", "e.example.com"))), true),
                Arguments.of("a first plan over the bounds alone is taken whole", List.of(planRecord(0, plan("p1",
                        "a.example.com", "b.example.com", "c.example.com", "d.example.com", "e.example.com"))), false),
                Arguments.of("undecodable and foreign plans are taken and never end it", List.of(undecodable,
                        planRecord(1, plan("p1", "x.other.org", "y.other.org", "z.other.org", "w.other.org")),
                        planRecord(2, plan("p2", "a.example.com")), planRecord(3, plan("p3", "b.example.com"))), false));
    }

    /** Bounds of 3 plans and 4 changes: a run over a queue that leaves some behind is the same whenever it is formed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("queues")
    void aQueueIsBoundedWhenARunOverItWouldLeaveSomeBehind(String title, List<KafkaConsumerRecord<String, byte[]>> queued,
                                                         boolean bounded) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PlanRunner small = new PlanRunner(vertx, ApplierConfig.fromMap(Map.of("domain-filter", "example.com",
                "max-merged-plans", "3", "max-merged-changes", "4")), null, consumer, null, null, registry, () -> false);
        assertThat(small.bounded(queued)).isEqualTo(bounded);
        assertThat(sends()).as("a look ahead sends nothing").isEmpty();
    }

    @Test
    void aResultThatFailsToPublishIsRetriedAndTheOffsetWaitsForIt() throws Exception {
        offer(7, plan("p1", "www.example.com"));
        await("first result send", () -> sends().size() == 1);
        assertThat(provider.zones.get(zone)).as("the Route 53 write happened").hasSize(1);
        // five failures in a row (a publisher that gives up after five would commit past the result next run)
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(out.errorNext(new TimeoutException("broker down"))).isTrue();
            int expected = attempt + 1;
            await("attempt " + expected, () -> sends().size() == expected);
            assertThat(committed()).as("nothing committed while the result is not on Kafka").isNull();
        }
        assertThat(out.completeNext()).isTrue();
        await("commit after the result", () -> committed() != null);
        assertThat(committed()).isEqualTo(8L);
        ProducerRecord<String, byte[]> sent = sends().get(5);
        assertThat(sent.topic()).isEqualTo(Topics.RESULTS);
        ApplyResult r = JsonCodec.decode(sent.value(), ApplyResult.class);
        assertThat(r.planId()).isEqualTo("p1");
        assertThat(r.status()).isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(provider.applyCalls.get()).as("the plan is not applied again").isEqualTo(1);
    }

    @Test
    void theNextRunsCallsGoWhileAResultIsNotOnKafkaButItsResultAndCommitWait() throws Exception {
        offer(1, plan("p1", "a.example.com"));
        await("first result send", () -> sends().size() == 1);
        offer(2, plan("p2", "b.example.com"));
        await("p2 applied while p1's result is in flight", () -> provider.applyCalls.get() == 2);
        out.errorNext(new TimeoutException("broker down"));
        await("retry", () -> sends().size() == 2);
        offer(3, plan("p3", "c.example.com"));
        Thread.sleep(200);
        assertThat(sends()).as("p2's result waits for p1's").hasSize(2);
        assertThat(committed()).as("nothing committed while p1's result is not on Kafka").isNull();
        assertThat(provider.applyCalls.get()).as("p3 waits: one publication at most pending beside a run").isEqualTo(2);
        out.completeNext();
        await("commit past p1", () -> Long.valueOf(2).equals(committed()));
        await("p2's result sent, p3 applied", () -> sends().size() == 3 && provider.applyCalls.get() == 3);
        assertThat(committed()).as("p2 committed only once its result is on Kafka").isEqualTo(2L);
        out.completeNext();
        await("commit past p2", () -> Long.valueOf(3).equals(committed()));
        await("p3's result sent", () -> sends().size() == 4);
        out.completeNext();
        await("commit past p3", () -> Long.valueOf(4).equals(committed()));
        assertThat(sends()).extracting(s -> JsonCodec.decode(s.value(), ApplyResult.class).planId())
                .containsExactly("p1", "p1", "p2", "p3");
    }

    @Test
    void aRunAfterAFailedPublicationIsAppliedButNeitherReportedNorCommitted() throws Exception {
        var records = List.of(record(6, "example.com|p2", JsonCodec.encode(plan("p2", "b.example.com"))));
        PartitionWorker own = new PartitionWorker(0, 50, runner, pause -> { });
        var published = new java.util.concurrent.CompletableFuture<Boolean>();
        vertx.runOnContext(v -> runner.start(own, records, io.vertx.core.Future.failedFuture("p1's result never got on Kafka"))
                .published().onComplete(ar -> published.complete(ar.succeeded())));
        assertThat(published.get(10, TimeUnit.SECONDS)).as("the failure carries over").isFalse();
        assertThat(provider.applyCalls.get()).as("its calls went (a replay finds them ALREADY_DONE)").isEqualTo(1);
        Thread.sleep(100);
        assertThat(sends()).as("no result ahead of p1's").isEmpty();
        assertThat(committed()).as("no commit past p1").isNull();
    }

    @Test
    void aRevokedPartitionWhoseResultIsNotOnKafkaCommitsNoLaterRun() throws Exception {
        offer(1, plan("p1", "a.example.com"));
        await("first result send", () -> sends().size() == 1);
        offer(2, plan("p2", "b.example.com"));
        await("p2 applied", () -> provider.applyCalls.get() == 2);
        vertx.runOnContext(v -> worker.close());
        Thread.sleep(50);
        out.errorNext(new TimeoutException("broker down"));
        Thread.sleep(500);
        assertThat(sends()).as("neither p1 retried nor p2 reported").hasSize(1);
        assertThat(committed()).isNull();
    }

    @Test
    void aFailedCommitIsRetriedWhileThePartitionIsOurs() throws Exception {
        failCommits.set(3); // e.g. a rebalance in progress that keeps the partition here
        offer(4, plan("p1", "www.example.com"));
        await("result", () -> sends().size() == 1);
        out.completeNext();
        await("commit after three refusals", () -> Long.valueOf(5).equals(committed()));
        assertThat(failCommits.get()).isNegative();
        assertThat(sends()).as("the result is sent once").hasSize(1);
    }

    @Test
    void aDeadLetterThatFailsToSendIsRetriedBeforeTheCommit() throws Exception {
        offer(record(3, "example.com|bad", "{\"v\":1}".getBytes()));
        await("dead letter sent", () -> sends().size() == 1);
        out.errorNext(new TimeoutException("broker down"));
        await("retry", () -> sends().size() == 2);
        assertThat(committed()).isNull();
        out.completeNext();
        await("commit", () -> committed() != null);
        assertThat(committed()).isEqualTo(4L);
        assertThat(sends()).allSatisfy(s -> assertThat(s.topic()).isEqualTo(Topics.DLQ));
        assertThat(JsonCodec.decode(sends().get(1).value(), DeadLetter.class).offset()).isEqualTo(3);
    }

    @Test
    void aPlanUnderAMalformedKeyIsDeadLetteredAndTheNextGoodPlanIsApplied() throws Exception {
        ChangePlan wrongKey = plan("p-wrong", "a.example.com");
        offer(record(10, "not-a-key", JsonCodec.encode(wrongKey)));
        offer(record(11, "other.org|p-wrong", JsonCodec.encode(wrongKey)));
        offer(12, plan("p-good", "b.example.com"));
        await("two dead letters and a result", () -> {
            out.completeNext();
            return sends().size() == 3 && Long.valueOf(13).equals(committed());
        });
        assertThat(sends()).extracting(ProducerRecord::topic).containsExactly(Topics.DLQ, Topics.DLQ, Topics.RESULTS);
        assertThat(JsonCodec.decode(sends().get(0).value(), DeadLetter.class).reason())
                .contains("key 'not-a-key' is not the plan's example.com|p-wrong");
        assertThat(JsonCodec.decode(sends().get(2).value(), ApplyResult.class).planId()).isEqualTo("p-good");
        assertThat(provider.zones.get(zone)).as("only the good plan applied").containsOnlyKeys("b.example.com/A/");
    }

    @Test
    void aPlanWithNothingInsideTheFilterIsAnsweredWithTheReason() throws Exception {
        offer(5, plan("p-foreign", "www.other.org"));
        await("result", () -> sends().size() == 1);
        out.completeNext();
        await("commit", () -> committed() != null);
        ApplyResult r = JsonCodec.decode(sends().get(0).value(), ApplyResult.class);
        assertThat(r.planId()).isEqualTo("p-foreign");
        assertThat(r.status()).isEqualTo(ApplyResult.Status.NOTHING_TO_DO);
        assertThat(r.outcomes()).as("no verdict on changes another applier may own").isEmpty();
        assertThat(r.note()).contains("--domain-filter").contains("example.com");
        assertThat(provider.applyCalls.get()).isZero();
    }

    @Test
    void aRevokedPartitionStopsRetryingAndCommitsNothing() throws Exception {
        offer(9, plan("p1", "www.example.com"));
        await("first result send", () -> sends().size() == 1);
        vertx.runOnContext(v -> worker.close());
        Thread.sleep(50);
        out.errorNext(new TimeoutException("broker down"));
        Thread.sleep(500); // several backoffs' worth
        assertThat(sends()).as("no retry once the partition is gone").hasSize(1);
        assertThat(committed()).isNull();
    }
}
