package io.streamdns.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.DeadLetter;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.planner.plan.DeleteBudget;
import io.streamdns.planner.plan.Planner;
import io.streamdns.runtime.kafka.DeadLetters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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

/**
 * The live batch through Kafka's mock clients (DESIGN P4): offsets are committed only once the plans covering them
 * are on Kafka; a slice that throws neither drops the rest of the batch nor its own names (planned again, then
 * dead-lettered with the reason); a failed commit is retried and not recorded as done.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS) // beyond the 60 s liveness waits, so a failure names its wait
class LivePlanningTest {
    static final String SHARD = "example.com";
    static final TopicPartition SOURCES = new TopicPartition(Topics.SOURCES, 0);

    Vertx vertx;
    Context ctx;
    /** plans and dead letters; nothing completes until the test says so */
    MockProducer<String, byte[]> out;
    MockConsumer<String, byte[]> in;
    final AtomicInteger failCommits = new AtomicInteger();
    /** a slice holding one of these names throws, as often as the count says */
    final Map<String, Integer> poison = new ConcurrentHashMap<>();
    SimpleMeterRegistry registry;
    KafkaConsumer<String, byte[]> consumer;
    LiveRecords records;
    PartitionState ps;
    LivePlanning planning;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        ctx = vertx.getOrCreateContext();
        out = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        in = new MockConsumer<>("earliest") {
            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                if (failCommits.getAndDecrement() > 0) {
                    throw new RebalanceInProgressException("rebalance in progress");
                }
                super.commitSync(offsets);
            }
        };
        in.assign(Set.of(SOURCES)); // MockConsumer reports commits of assigned partitions only
        registry = new SimpleMeterRegistry();
        onContext(() -> {
            Planner planner = new Planner(PlannerConfig.fromMap(Map.of("domain-filter", SHARD, "policy", "sync"))
                    .planSettings());
            PlannerMetrics metrics = new PlannerMetrics(registry);
            Map<Integer, PartitionState> partitions = new HashMap<>();
            Map<String, PartitionState> byShard = new HashMap<>();
            ps = new PartitionState(0, 1, DeleteBudget.Settings.DEFAULT);
            ps.restoring = false;
            partitions.put(0, ps);
            KafkaProducer<String, byte[]> producer = KafkaProducer.create(vertx, out);
            consumer = KafkaConsumer.create(vertx, in);
            DeadLetters dlq = new DeadLetters("planner", producer, registry);
            PlanPublisher.Refusals refusals = (s, n, why, now) -> planning.refused(s, n, why, now);
            Debouncer debouncer = new Debouncer(vertx, 20, 200, s -> planning.flush(s), metrics.coalesced,
                    System::currentTimeMillis);
            RefusalBackoff backoff = new RefusalBackoff(20, 100);
            PlanPublisher publisher = new PlanPublisher(producer, metrics, 500, refusals, () -> { });
            LivePlanning.SlicePlanner slicer = (sp, names) -> {
                if (names.stream().anyMatch(n -> poison.computeIfPresent(n, (k, left) -> left - 1) != null
                        && poison.get(n) >= 0)) {
                    throw new IllegalStateException("boom in " + names);
                }
                return sp.plan(names);
            };
            planning = new LivePlanning(vertx, partitions, byShard, debouncer, backoff, publisher, dlq, consumer,
                    metrics, 2, () -> false, slicer, System::currentTimeMillis);
            records = new LiveRecords(planner, metrics, dlq, byShard, debouncer, backoff, refusals);
        });
    }

    @AfterEach
    void tearDown() {
        consumer.close();
    }

    void onContext(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ctx.runOnContext(v -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(10, TimeUnit.SECONDS);
    }

    /**
     * Watchers' states of one Service per name, read by the live consumer in one go (so they fall due together) at
     * offsets from {@code offset} on.
     */
    void sources(long offset, String... names) throws Exception {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (String name : names) {
            SourceState s = new SourceState("c1", "Service", "default", name, "uid-" + name, "1", 1000,
                    List.of(Endpoint.of(name, "A", "192.0.2.1")));
            batch.add(new ConsumerRecord<>(Topics.SOURCES, 0, offset++, RecordKey.of(SHARD, s.ref().identity()),
                    JsonCodec.encode(s)));
        }
        onContext(() -> batch.forEach(r -> records.process(ps, new KafkaConsumerRecordImpl<>(r))));
    }

    Long committed() {
        OffsetAndMetadata m = in.committed(Set.of(SOURCES)).get(SOURCES);
        return m == null ? null : m.offset();
    }

    List<ProducerRecord<String, byte[]>> sends() {
        return out.history();
    }

    /** The names the plans sent so far create. */
    List<String> planned() throws Exception {
        List<String> names = new ArrayList<>();
        for (ProducerRecord<String, byte[]> r : sends()) {
            if (r.topic().equals(Topics.PLANS)) {
                JsonCodec.decode(r.value(), ChangePlan.class).create().stream()
                        .filter(e -> e.recordType().equals("A")).forEach(e -> names.add(e.dnsName()));
            }
        }
        return names;
    }

    double counter(String name) {
        return registry.counter(name).count();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        // generous: a liveness wait, not a timing; a starved CI machine must not fail it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void offsetsAreCommittedOnlyOnceThePlansCoveringThemAreOnKafka() throws Exception {
        sources(0, "a.example.com", "b.example.com", "c.example.com");
        await("two slices sent", () -> sends().size() == 2);
        Thread.sleep(100);
        assertThat(committed()).as("nothing committed while no plan is on Kafka").isNull();
        assertThat(out.completeNext()).isTrue(); // a and b
        await("commit up to c", () -> Long.valueOf(2).equals(committed()));
        Thread.sleep(100);
        assertThat(committed()).as("c's plan is not on Kafka yet").isEqualTo(2L);
        assertThat(out.completeNext()).isTrue();
        await("commit past c", () -> Long.valueOf(3).equals(committed()));
        assertThat(planned()).containsExactly("a.example.com", "b.example.com", "c.example.com");
    }

    @Test
    void aSliceThatThrowsIsReportedTheRestIsPlannedAndItsNameIsRetriedThenDeadLettered() throws Exception {
        poison.put("n3.example.com", Integer.MAX_VALUE);
        sources(0, "n1.example.com", "n2.example.com", "n3.example.com", "n4.example.com", "n5.example.com");
        // slices [n1 n2] [n3 n4] [n5]: the second throws, its halves [n3] [n4] go alone, n3 throws again
        // at least: on a starved machine n3's four retries and its dead letter may all be sent before this thread
        // looks again (an exact == 3 then waited for ever)
        await("the rest of the batch sent", () -> sends().size() >= 3);
        assertThat(sends().subList(0, 3)).allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.PLANS));
        assertThat(planned()).containsExactly("n1.example.com", "n2.example.com", "n4.example.com", "n5.example.com");
        for (int i = 0; i < 3; i++) {
            out.completeNext();
        }
        await("commit up to n3", () -> Long.valueOf(2).equals(committed()));
        assertThat(counter("streamdns.planner.plan.errors")).isGreaterThanOrEqualTo(2);
        // n3 is planned again after its back-off, and after the fifth failure alone dead-lettered
        await("the dead letter", () -> sends().size() == 4);
        assertThat(committed()).as("n3's offset waits until its dead letter is on Kafka").isEqualTo(2L);
        assertThat(counter("streamdns.planner.plan.errors")).isEqualTo(1 + LivePlanning.MAX_PLAN_ATTEMPTS);
        ProducerRecord<String, byte[]> sent = sends().get(3);
        assertThat(sent.topic()).isEqualTo(Topics.DLQ);
        DeadLetter letter = JsonCodec.decode(sent.value(), DeadLetter.class);
        assertThat(letter.topic()).isEqualTo(Topics.SOURCES);
        assertThat(letter.offset()).isEqualTo(2);
        assertThat(letter.key()).isEqualTo("example.com|n3.example.com");
        assertThat(letter.reason()).contains("planning n3.example.com failed 5 times").contains("boom in [n3.example.com]");
        out.completeNext();
        await("commit past the batch", () -> Long.valueOf(5).equals(committed()));
        Thread.sleep(300);
        assertThat(sends()).as("n3 is not planned again once dead-lettered").hasSize(4);
    }

    @Test
    void aNameThatFailsOnceIsPlannedAgainAfterItsBackoff() throws Exception {
        poison.put("x.example.com", 1);
        sources(0, "x.example.com");
        await("planned after the back-off", () -> sends().size() == 1);
        assertThat(counter("streamdns.planner.plan.errors")).isEqualTo(1);
        assertThat(committed()).isIn(null, 0L);
        out.completeNext();
        await("commit", () -> Long.valueOf(1).equals(committed()));
        assertThat(planned()).containsExactly("x.example.com");
    }

    @Test
    void aPlanThatCannotBeProducedKeepsItsOffsetAndIsPlannedAgain() throws Exception {
        sources(0, "www.example.com");
        await("first send", () -> sends().size() == 1);
        assertThat(out.errorNext(new TimeoutException("broker down"))).isTrue();
        await("sent again after the back-off", () -> sends().size() == 2);
        assertThat(committed()).as("the offset waits for a plan on Kafka").isIn(null, 0L);
        assertThat(out.completeNext()).isTrue();
        await("commit", () -> Long.valueOf(1).equals(committed()));
        assertThat(planned()).containsExactly("www.example.com", "www.example.com");
    }

    @Test
    void aFailedCommitIsRetriedAndNotRecordedAsDone() throws Exception {
        failCommits.set(3);
        sources(0, "www.example.com");
        await("plan sent", () -> sends().size() == 1);
        out.completeNext();
        await("commit after three refusals", () -> Long.valueOf(1).equals(committed()));
        assertThat(failCommits.get()).isNegative();
        assertThat(counter("streamdns.planner.commit.failures")).isEqualTo(3);
        assertThat(ps.committed).containsEntry(Topics.SOURCES, 1L);
    }
}
