package io.streamdns.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceRef;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.watcher.core.ObjectBound;
import io.streamdns.watcher.core.PublishedIndex;
import io.streamdns.watcher.core.Rejection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bound at the publisher, where every source's endpoints pass (DESIGN rule W8): an object over it publishes
 * nothing new, and what it had published stays (never a tombstone for a too-big object).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SourcePublisherTest {
    private static final SourceRef WEB = new SourceRef("c1", "Service", "default", "web");
    private static final String IDENTITY = "c1/Service/default/web";

    private Vertx vertx;
    private Context context;
    private MockProducer<String, byte[]> producer;
    private SimpleMeterRegistry registry;
    private PublishedIndex index;
    private SourcePublisher publisher;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        registry = new SimpleMeterRegistry();
        index = new PublishedIndex();
        publisher = publisher(new ObjectBound(1000, 8_192));
    }

    private SourcePublisher publisher(ObjectBound bound) {
        return new SourcePublisher(context, producer, new ShardResolver(List.of()), index, "default", bound, registry);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    /** Runs on the publisher's context, then waits until the producer took what it decided. */
    private <T> T onContext(Supplier<T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            T result = action.get();
            publisher.flush().onComplete(r -> done.complete(result));
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    private Optional<Rejection> publish(List<Endpoint> endpoints, List<Rejection> rejections) throws Exception {
        return onContext(() -> publisher.publish(WEB, new SourcePublisher.Seen("uid-1", "1", 1L), endpoints,
                rejections, false));
    }

    private static List<Endpoint> names(int n, String domain) {
        return IntStream.range(0, n).mapToObj(i -> Endpoint.of("h" + i + "." + domain, "A", "192.0.2.1")).toList();
    }

    private double refusedGauge() {
        return registry.get("streamdns.watcher.objects.refused").gauge().value();
    }

    @Test
    void anObjectOverTheBoundKeepsItsLastStateAndPublishesAgainOnceBackUnder() throws Exception {
        assertThat(publish(names(2, "example.com"), List.of())).isEmpty();
        assertThat(producer.history()).hasSize(1);
        Map<String, String> before = Map.copyOf(index.shardsOf(IDENTITY));

        Optional<Rejection> refusal = publish(names(1001, "example.com"), List.of());
        assertThat(refusal).get().extracting(Rejection::reason).isEqualTo(Rejection.TOO_MANY_ENDPOINTS);
        assertThat(refusal.get().name()).isEqualTo("service/default/web");
        assertThat(producer.history()).as("no state, no tombstone").hasSize(1);
        assertThat(index.shardsOf(IDENTITY)).isEqualTo(before);
        assertThat(refusedGauge()).isEqualTo(1);

        assertThat(publish(names(3, "example.com"), List.of())).isEmpty();
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.history().get(1).value()).isNotNull();
        assertThat(refusedGauge()).isZero();
    }

    @Test
    void aStateThatWouldNotFitOneRecordIsNotSent() throws Exception {
        List<String> targets = IntStream.range(0, 1000).mapToObj(i -> "10.0." + (i / 250) + "." + (i % 250 + 1))
                .toList();
        Endpoint big = new Endpoint("big.example.com", "A", targets, 0, null, Map.of(), Map.of());
        Optional<Rejection> refusal = publish(List.of(big), List.of());
        assertThat(refusal).get().extracting(Rejection::reason).isEqualTo(Rejection.STATE_TOO_LARGE);
        assertThat(refusal.get().detail()).contains("shard example.com", "more than the 8192 a record may have");
        assertThat(producer.history()).isEmpty();
        assertThat(index.shardsOf(IDENTITY)).isEmpty();
    }

    @Test
    void oneShardTooLargeHoldsEveryShardOfTheObject() throws Exception {
        publish(List.of(Endpoint.of("a.example.com", "A", "192.0.2.1"), Endpoint.of("a.example.org", "A",
                "192.0.2.1")), List.of());
        assertThat(producer.history()).hasSize(2);
        Map<String, String> before = Map.copyOf(index.shardsOf(IDENTITY));

        // example.com changes and fits, example.org changes and does not: neither is sent
        List<Endpoint> next = new ArrayList<>(List.of(Endpoint.of("a.example.com", "A", "192.0.2.2")));
        next.addAll(names(200, "example.org"));
        assertThat(publish(next, List.of())).get().extracting(Rejection::reason).isEqualTo(Rejection.STATE_TOO_LARGE);
        assertThat(producer.history()).hasSize(2);
        assertThat(index.shardsOf(IDENTITY)).isEqualTo(before);
    }

    @Test
    void aRefusalFromTheMappingNeverTurnsIntoTombstones() throws Exception {
        publish(names(2, "example.com"), List.of());
        assertThat(producer.history()).hasSize(1);

        Rejection fromMapping = new Rejection(Rejection.TOO_MANY_ENDPOINTS, "service/default/web",
                "claims more than 1000 endpoints");
        assertThat(publish(List.of(), List.of(fromMapping))).as("reported with the mapping's rejections").isEmpty();
        assertThat(producer.history()).hasSize(1);
        assertThat(index.shardsOf(IDENTITY)).hasSize(1);
        assertThat(refusedGauge()).isEqualTo(1);

        // deleting the object still retracts what it had published
        onContext(() -> {
            publisher.retract(WEB);
            return null;
        });
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.history().get(1).value()).isNull();
        assertThat(refusedGauge()).isZero();
    }

    @Test
    void theBoundFollowsTheEffectiveProducerConfig() {
        WatcherConfig config = WatcherConfig.fromMap(Map.of("cluster-name", "c1", "max-endpoints-per-object", "50"));
        ObjectBound bound = WatcherVerticle.objectBound(config, Map.of("max.request.size", "2097152"));
        assertThat(bound).isEqualTo(new ObjectBound(50, 2_097_152 - 209_715));
        assertThat(WatcherVerticle.objectBound(WatcherConfig.fromMap(Map.of("cluster-name", "c1")), Map.of()))
                .isEqualTo(ObjectBound.DEFAULT);
        assertThat(config.mappingOptions().maxEndpoints()).isEqualTo(50);
    }
}
