package io.streamdns.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReadToEndTest {
    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final TopicPartition P1 = new TopicPartition("t", 1);

    static MockConsumer<String, byte[]> consumer(long end0, long end1) {
        MockConsumer<String, byte[]> c = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        c.assign(List.of(P0, P1));
        c.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        c.updateEndOffsets(Map.of(P0, end0, P1, end1));
        c.seekToBeginning(List.of(P0, P1));
        return c;
    }

    static ConsumerRecord<String, byte[]> record(TopicPartition tp, long offset) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "k" + offset, new byte[] {(byte) offset});
    }

    @Test
    void readsEveryPartitionToTheEndTakenAtTheStart() {
        MockConsumer<String, byte[]> c = consumer(2, 1);
        c.schedulePollTask(() -> {
            c.addRecord(record(P0, 0));
            c.addRecord(record(P1, 0));
        });
        // a record that lands while reading is beyond the end: the live consumer's, not the restore's
        c.schedulePollTask(() -> {
            c.addRecord(record(P0, 1));
            c.addRecord(record(P1, 1));
        });
        List<String> seen = new ArrayList<>();
        Map<TopicPartition, Long> end = ReadToEnd.read(c, List.of(P0, P1), Duration.ofSeconds(5),
                r -> seen.add(r.partition() + "@" + r.offset()));
        assertThat(end).containsEntry(P0, 2L).containsEntry(P1, 1L);
        assertThat(seen).containsExactlyInAnyOrder("0@0", "1@0", "0@1");
    }

    @Test
    void emptyPartitionsNeedNoPoll() {
        MockConsumer<String, byte[]> c = consumer(0, 0);
        assertThat(ReadToEnd.read(c, List.of(P0, P1), Duration.ofSeconds(5), r -> {
            throw new AssertionError("no record expected");
        })).containsEntry(P0, 0L);
    }

    @Test
    void aReadWithoutProgressStopsAfterTheQuietTimeNamingThePartitions() {
        MockConsumer<String, byte[]> c = consumer(3, 0);
        assertThatThrownBy(() -> ReadToEnd.read(c, List.of(P0, P1), Duration.ofMillis(300), r -> { }))
                .isInstanceOf(ReadToEnd.StalledException.class).hasMessageContaining("[t-0]")
                .hasMessageContaining("no progress");
    }
}
