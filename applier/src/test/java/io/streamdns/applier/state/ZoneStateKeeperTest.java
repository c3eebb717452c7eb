package io.streamdns.applier.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdns.applier.batch.Change;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneSelection;
import io.streamdns.applier.metrics.ApplierMetrics;
import io.streamdns.applier.provider.CallStats;
import io.streamdns.applier.provider.DnsProvider;
import io.streamdns.model.DeadLetter;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.runtime.kafka.DeadLetters;
import io.streamdns.testsupport.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The assignment listing against what the topic says: tombstones only of managed zones, malformed records to the DLQ. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ZoneStateKeeperTest {
    static final Set<Integer> ALL = Set.of(0, 1, 2, 3, 4, 5);
    static final Zone OURS = new Zone("Z1", "example.com", false);
    Vertx vertx;
    MockProducer<String, byte[]> zoneState;
    MockProducer<String, byte[]> dlq;
    final Map<String, ZoneRecord> onTopic = new HashMap<>();
    final List<ZoneStateReader.Malformed> malformed = new ArrayList<>();
    ZoneStateKeeper keeper;

    /** One zone holding one set. */
    static final class OneZone implements DnsProvider {
        @Override
        public Future<List<Zone>> zones(CallStats stats) {
            return Future.succeededFuture(List.of(OURS));
        }

        @Override
        public Future<List<RecordSet>> records(Zone zone, CallStats stats) {
            return Future.succeededFuture(List.of(new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), null, null, null)));
        }

        @Override
        public Future<List<RecordSet>> recordsAt(Zone zone, String name, CallStats stats) {
            return records(zone, stats);
        }

        @Override
        public Future<Accepted> apply(Zone zone, List<Change> changes, String comment,
                                      CallStats stats) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        zoneState = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        dlq = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        DnsProvider provider = new OneZone();
        ShardResolver shards = new ShardResolver(List.of());
        ApplierMetrics metrics = ApplierMetrics.noop();
        keeper = new ZoneStateKeeper(vertx, provider, new ZoneCatalog(provider, new ZoneSelection("", null, DomainFilter.ALL)),
                new ZoneCache(), new ZoneStatePublisher(KafkaProducer.create(vertx, zoneState), shards, 6, metrics),
                partitions -> new ZoneStateReader.Snapshot(new HashMap<>(onTopic), List.copyOf(malformed)), shards,
                DomainFilter.ALL, metrics, new DeadLetters("applier", KafkaProducer.create(vertx, dlq), new SimpleMeterRegistry()));
    }

    static ZoneRecord record(String zoneId, String zone, String name) {
        return new ZoneRecord(zoneId, zone, name, "A", 300, List.of("10.9.9.9"), null, null, Map.of());
    }

    void assign() throws Exception {
        Future<Void> f = Future.future(p -> vertx.runOnContext(v -> keeper.onAssigned(ALL).onComplete(p)));
        f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    Map<String, byte[]> published() {
        Map<String, byte[]> out = new HashMap<>();
        zoneState.history().forEach(r -> out.put(r.key(), r.value()));
        return out;
    }

    @Test
    void onlyRecordsOfManagedZonesAreTombstoned() throws Exception {
        onTopic.put("example.com|Z1/gone.example.com/A/", record("Z1", "example.com", "gone.example.com"));
        // another applier group's zone (other filter, other account) on the shared topic
        onTopic.put("other.org|Z9/www.other.org/A/", record("Z9", "other.org", "www.other.org"));
        assign();
        Map<String, byte[]> out = published();
        assertThat(out).containsKey("example.com|Z1/www.example.com/A/");
        assertThat(out).containsEntry("example.com|Z1/gone.example.com/A/", null);
        assertThat(out).doesNotContainKey("other.org|Z9/www.other.org/A/");
    }

    @Test
    void malformedRecordsGoToTheDeadLetterQueueAndTheListingGoesOn() throws Exception {
        malformed.add(new ZoneStateReader.Malformed(2, 17, "no-separator", "{}".getBytes(), "malformed zone-state key: x"));
        malformed.add(new ZoneStateReader.Malformed(2, 18, "example.com|Z1/bad.example.com/A/", "nope".getBytes(),
                "undecodable zone-state value: y"));
        onTopic.put("example.com|Z1/bad.example.com/A/", null); // its latest value did not decode
        assign();
        assertThat(published()).as("listed and published despite the bad records")
                .containsKey("example.com|Z1/www.example.com/A/")
                .containsEntry("example.com|Z1/bad.example.com/A/", null);
        // the dead letters go out beside the listing (the assignment does not wait for them)
        Eventually.until("two dead letters sent", () -> dlq.history().size() == 2);
        assertThat(dlq.history()).extracting(ProducerRecord::topic).containsOnly(Topics.DLQ);
        List<DeadLetter> letters = new ArrayList<>();
        for (ProducerRecord<String, byte[]> r : dlq.history()) {
            letters.add(JsonCodec.decode(r.value(), DeadLetter.class));
        }
        assertThat(letters).extracting(DeadLetter::topic, DeadLetter::offset).containsExactly(
                Tuple.tuple(Topics.ZONE_STATE, 17L), Tuple.tuple(Topics.ZONE_STATE, 18L));
        assertThat(letters.get(0).reason()).contains("malformed zone-state key");
    }

    @Test
    void theReaderReportsMalformedKeysAndValuesWithoutStopping() {
        Map<String, ZoneRecord> live = new HashMap<>();
        List<ZoneStateReader.Malformed> bad = new ArrayList<>();
        byte[] good = JsonCodec.encode(record("Z1", "example.com", "www.example.com"));
        ZoneStateReader.accept(live, bad, 0, 1, null, good);
        ZoneStateReader.accept(live, bad, 0, 2, "no-separator", good);
        ZoneStateReader.accept(live, bad, 0, 3, "|empty-shard", good);
        ZoneStateReader.accept(live, bad, 0, 4, "example.com|Z1/x.example.com/A/", "{not json".getBytes());
        ZoneStateReader.accept(live, bad, 0, 5, "example.com|Z1/www.example.com/A/", good);
        ZoneStateReader.accept(live, bad, 0, 6, "example.com|Z1/old.example.com/A/", good);
        ZoneStateReader.accept(live, bad, 0, 7, "example.com|Z1/old.example.com/A/", null);
        assertThat(bad).extracting(ZoneStateReader.Malformed::offset).containsExactly(1L, 2L, 3L, 4L);
        assertThat(bad.get(3).reason()).startsWith("undecodable zone-state value");
        assertThat(live).containsOnlyKeys("example.com|Z1/x.example.com/A/", "example.com|Z1/www.example.com/A/");
        assertThat(live.get("example.com|Z1/x.example.com/A/")).isNull();
    }
}
