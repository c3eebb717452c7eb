package io.streamdns.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.runtime.kafka.ReadToEnd;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The watcher's restore over {@link ReadToEnd}, through Kafka's MockConsumer. */
class StateRestorerTest {
    static final TopicPartition P0 = new TopicPartition(Topics.SOURCES, 0);
    static final TopicPartition P1 = new TopicPartition(Topics.SOURCES, 1);

    static MockConsumer<String, byte[]> sources(long end0, long end1) {
        MockConsumer<String, byte[]> c = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        Node n = new Node(0, "localhost", 9092);
        c.updatePartitions(Topics.SOURCES, List.of(new PartitionInfo(Topics.SOURCES, 0, n, null, null),
                new PartitionInfo(Topics.SOURCES, 1, n, null, null)));
        c.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        c.updateEndOffsets(Map.of(P0, end0, P1, end1));
        return c;
    }

    static ConsumerRecord<String, byte[]> rec(TopicPartition tp, long offset, String key, byte[] value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, key, value);
    }

    static ConsumerRecord<String, byte[]> object(TopicPartition tp, long offset, String cluster, String name) throws Exception {
        SourceState s = new SourceState(cluster, "Service", "default", name, "uid-" + name, "1", 1,
                List.of(Endpoint.of(name + ".example.com", "A", "192.0.2.1")));
        return rec(tp, offset, RecordKey.of("example.com", s.ref().identity()), JsonCodec.encode(s));
    }

    @Test
    void keepsThisClustersObjectsAndMarkersAndReportsUndecodableValues() throws Exception {
        MockConsumer<String, byte[]> c = sources(4, 2);
        SyncMarker marker = new SyncMarker("c1", "uid-c1", ControlKeys.DEFAULT_SCOPE, Map.of(), 1, 5, 0, 0);
        c.schedulePollTask(() -> {
            try {
                c.addRecord(object(P0, 0, "c1", "web"));
                c.addRecord(object(P0, 1, "c2", "other")); // another cluster's
                c.addRecord(rec(P0, 2, "c1/Service/default/broken", "{}".getBytes(StandardCharsets.UTF_8))); // no shard
                c.addRecord(rec(P0, 3, "example.com|c1/Service/default/bad", "not json".getBytes(StandardCharsets.UTF_8)));
                c.addRecord(rec(P1, 0, ControlKeys.syncMarker("c1", ControlKeys.DEFAULT_SCOPE), JsonCodec.encode(marker)));
                c.addRecord(object(P1, 1, "c1", "api"));
                c.addRecord(object(P1, 2, "c1", "late")); // past the end taken at the start: the live consumer's
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        StateRestorer.Restored r = StateRestorer.restore(c, "c1", ControlKeys.DEFAULT_SCOPE, Duration.ofSeconds(5));
        assertThat(r.index().identities()).containsExactlyInAnyOrder("c1/Service/default/web",
                "c1/Service/default/api", "c1/Service/default/bad");
        assertThat(r.index().hasUnknown("c1/Service/default/bad")).as("kept, to be overwritten or tombstoned").isTrue();
        assertThat(r.undecodable()).singleElement().satisfies(u -> {
            assertThat(u.offset()).isEqualTo(3);
            assertThat(u.key()).isEqualTo("example.com|c1/Service/default/bad");
            assertThat(u.reason()).isNotBlank();
        });
        assertThat(r.markers()).containsExactly(marker);
        assertThat(r.partitions()).isEqualTo(2);
        assertThat(r.approvalsFrom()).isEqualTo(4);
        assertThat(r.records()).isEqualTo(6);
    }

    @Test
    void aBrokerThatStopsAnsweringEndsTheRestoreAfterTheQuietTime() {
        MockConsumer<String, byte[]> c = sources(3, 0);
        assertThatThrownBy(() -> StateRestorer.restore(c, "c1", ControlKeys.DEFAULT_SCOPE, Duration.ofMillis(300)))
                .isInstanceOf(ReadToEnd.StalledException.class).hasMessageContaining(Topics.SOURCES + "-0");
    }
}
