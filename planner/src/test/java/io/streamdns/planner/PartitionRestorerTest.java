package io.streamdns.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.planner.plan.DeleteBudget;
import io.streamdns.planner.plan.Planner;
import io.streamdns.runtime.kafka.ReadToEnd;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner's restore over {@link ReadToEnd}, through Kafka's MockConsumer. */
class PartitionRestorerTest {
    static final String SHARD = "example.com";
    static final TopicPartition SOURCES = new TopicPartition(Topics.SOURCES, 0);
    static final TopicPartition ZONE_STATE = new TopicPartition(Topics.ZONE_STATE, 0);
    static final TopicPartition PLANS = new TopicPartition(Topics.PLANS, 0);
    static final TopicPartition RESULTS = new TopicPartition(Topics.RESULTS, 0);

    /** MockConsumer has no offsetsForTimes: every recent plan and result starts at offset 0 here. */
    static MockConsumer<String, byte[]> consumer(Map<TopicPartition, Long> end) {
        MockConsumer<String, byte[]> c = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
            @Override
            public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
                    Map<TopicPartition, Long> times, Duration timeout) {
                Map<TopicPartition, OffsetAndTimestamp> out = new HashMap<>();
                times.forEach((tp, t) -> out.put(tp, end.get(tp) > 0 ? new OffsetAndTimestamp(0, t) : null));
                return out;
            }
        };
        c.updateBeginningOffsets(Map.of(SOURCES, 0L, ZONE_STATE, 0L, PLANS, 0L, RESULTS, 0L));
        c.updateEndOffsets(end);
        return c;
    }

    static ConsumerRecord<String, byte[]> source(long offset, String name) throws Exception {
        SourceState s = new SourceState("c1", "Service", "default", name, "uid-" + name, "1", 1,
                List.of(Endpoint.of(name + "." + SHARD, "A", "192.0.2.1")));
        return new ConsumerRecord<>(Topics.SOURCES, 0, offset, RecordKey.of(SHARD, s.ref().identity()), JsonCodec.encode(s));
    }

    @Test
    void rebuildsThePartitionLaysRecentPlansInFlightAndReportsOnlyUnreadMalformedRecords() throws Exception {
        long now = System.currentTimeMillis();
        MockConsumer<String, byte[]> c = consumer(Map.of(SOURCES, 3L, ZONE_STATE, 1L, PLANS, 1L, RESULTS, 0L));
        ChangePlan inFlight = new ChangePlan("p-old", SHARD, now - 1000, 0,
                List.of(Endpoint.of("www." + SHARD, "A", "192.0.2.1")), List.of(), List.of(), List.of(), List.of());
        c.schedulePollTask(() -> {
            try {
                c.addRecord(source(0, "www"));
                c.addRecord(new ConsumerRecord<>(Topics.SOURCES, 0, 1, "no-shard", "{}".getBytes(StandardCharsets.UTF_8)));
                c.addRecord(source(2, "api"));
                c.addRecord(new ConsumerRecord<>(Topics.ZONE_STATE, 0, 0, SHARD + "|Z1/x.example.com/A/",
                        "not json".getBytes(StandardCharsets.UTF_8)));
                c.addRecord(new ConsumerRecord<>(Topics.PLANS, 0, 0, RecordKey.of(SHARD, "p-old"), JsonCodec.encode(inFlight)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Planner planner = new Planner(PlannerConfig.fromMap(Map.of("domain-filter", SHARD, "policy", "sync")).planSettings());
        // the group read zone-state before (its malformed record was dead-lettered then), not sources
        Map<TopicPartition, Long> committed = Map.of(ZONE_STATE, 1L);
        Map<Integer, PartitionRestorer.Restored> out = PartitionRestorer.restore(c, committed, Set.of(0), planner,
                PlannerConfig.Tuning.DEFAULT, DeleteBudget.Settings.DEFAULT, now);

        PartitionRestorer.Restored r = out.get(0);
        assertThat(r.shards()).containsOnlyKeys(SHARD);
        assertThat(r.endOffsets()).isEqualTo(Map.of(Topics.SOURCES, 3L, Topics.ZONE_STATE, 1L, Topics.RESULTS, 0L));
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.inFlightPlans()).isEqualTo(1);
        assertThat(r.malformed()).singleElement().satisfies(m -> {
            assertThat(m.topic()).isEqualTo(Topics.SOURCES);
            assertThat(m.offset()).isEqualTo(1);
            assertThat(m.reason()).contains("no-shard");
        });
        List<String> creates = r.plans().stream().flatMap(o -> o.plan().create().stream())
                .filter(e -> e.recordType().equals("A")).map(Endpoint::dnsName).toList();
        assertThat(creates).as("www is in flight already: planned once, not twice").containsExactly("api." + SHARD);
    }

    static ChangePlan deleting(String shard, long at, int deletes, int ownedRecords) {
        List<Endpoint> gone = new java.util.ArrayList<>();
        for (int i = 0; i < deletes; i++) {
            gone.add(Endpoint.of("gone" + i + "." + shard, "A", "192.0.2.1"));
            gone.add(Endpoint.of("a-gone" + i + "." + shard, "TXT", "\"heritage=external-dns\"")); // not a record
        }
        return new ChangePlan("p" + at, shard, at, 0, List.of(), List.of(), List.of(), gone, List.of(), List.of(),
                ownedRecords);
    }

    static Stream<Arguments> ownedWhenPlanned() {
        Map<String, Integer> sevenNow = Map.of(SHARD, 7);
        return Stream.of(
                Arguments.of("plans say what they saw", List.of(deleting(SHARD, 10, 2, 10), deleting(SHARD, 20, 1, 8)),
                        sevenNow, new int[] {10, 8}),
                // an older planner's plans: what it owns now plus every delete since, not only the plan's own
                Arguments.of("older plans: now plus the deletes since", List.of(deleting(SHARD, 10, 2, 0),
                        deleting(SHARD, 20, 1, 0)), sevenNow, new int[] {10, 8}),
                Arguments.of("a mix: an older plan before a newer one", List.of(deleting(SHARD, 10, 2, 0),
                        deleting(SHARD, 20, 1, 12)), sevenNow, new int[] {10, 12}),
                Arguments.of("outside the window or of a shard not held: none", List.of(deleting(SHARD, 5, 4, 20),
                        deleting("other.org", 10, 1, 5), deleting(SHARD, 20, 1, 0)), sevenNow, new int[] {-1, -1, 8}),
                Arguments.of("shards apart", List.of(deleting(SHARD, 10, 2, 0), deleting("other.org", 15, 3, 0),
                        deleting(SHARD, 20, 1, 0)), Map.of(SHARD, 7, "other.org", 1), new int[] {10, 4, 8}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void ownedWhenPlanned(String title, List<ChangePlan> byTime, Map<String, Integer> ownedNow, int[] expected) {
        assertThat(PartitionRestorer.ownedWhenPlanned(byTime, ownedNow, 5)).containsExactly(expected);
    }
}
