package io.streamdns.watcher;

import static org.assertj.core.api.Assertions.fail;

import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.testsupport.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads {@code streamdns.sources} from the beginning, incrementally; tests wait on it with a deadline. */
final class SourcesTopic implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /** One object record: key and decoded value (null = tombstone). */
    record Rec(String key, SourceState state) {
        boolean isTombstone() {
            return state == null;
        }
    }

    /** A sync marker as read, with the partition it was written to and its position among all records read. */
    record Marker(int partition, long offset, int seq, SyncMarker marker) {
    }

    /** An object record's partition and position among all records read (for ordering assertions). */
    record Placed(int partition, long offset, int seq, Rec rec) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Rec> records = new ArrayList<>();
    private final List<Placed> placed = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<String> otherControl = new ArrayList<>();
    private int seq;
    private final Set<String> garbageExpected = new HashSet<>();

    SourcesTopic(String bootstrap) {
        consumer = new KafkaConsumer<>(new HashMap<String, Object>(KafkaSettings.reader(bootstrap, "it-reader")));
        List<TopicPartition> tps = consumer.partitionsFor(Topics.SOURCES).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
    }

    /** Everything read so far, in topic order per partition. */
    List<Rec> records() {
        poll();
        return List.copyOf(records);
    }

    /** Object records with their partitions, in the order read. */
    List<Placed> placed() {
        poll();
        return List.copyOf(placed);
    }

    /** A test wrote an undecodable value for this key on purpose: skip it instead of failing. */
    void expectUndecodable(String key) {
        garbageExpected.add(key);
    }

    /** Every sync marker read so far, in the order read. */
    List<Marker> markers() {
        poll();
        return List.copyOf(markers);
    }

    /** Markers of one cluster and scope. */
    List<Marker> markers(String cluster, String scope) {
        return markers().stream().filter(m -> m.marker().cluster().equals(cluster) && m.marker().scope().equals(scope))
                .toList();
    }

    List<Rec> recordsOf(String key) {
        return records().stream().filter(r -> r.key().equals(key)).toList();
    }

    /** The compacted view: latest value per key, tombstoned keys removed. */
    Map<String, SourceState> latest() {
        Map<String, SourceState> view = new HashMap<>();
        for (Rec r : records()) {
            if (r.isTombstone()) {
                view.remove(r.key());
            } else {
                view.put(r.key(), r.state());
            }
        }
        return view;
    }

    /** Polls the topic until the condition holds or the deadline passes (then fails with the description). */
    void await(String description, Predicate<SourcesTopic> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.test(this)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + description + "\nrecords: " + records);
            }
            poll();
        }
    }

    /** Waits for a condition that is not about the topic (readiness, API requests), checking every 50 ms. */
    static void until(String description, BooleanSupplier condition) {
        Eventually.until(description, DEADLINE, condition);
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            try {
                if (ControlKeys.isControl(r.key())) {
                    if (r.key().startsWith("!sync|") && r.value() != null) {
                        markers.add(new Marker(r.partition(), r.offset(), seq++,
                                JsonCodec.decode(r.value(), SyncMarker.class)));
                    } else {
                        otherControl.add(r.key());
                    }
                    continue;
                }
                if (garbageExpected.contains(r.key()) && r.value() != null && r.value().length > 0 && r.value()[0] != '{') {
                    continue;
                }
                Rec rec = new Rec(r.key(), r.value() == null ? null : JsonCodec.decode(r.value(), SourceState.class));
                records.add(rec);
                placed.add(new Placed(r.partition(), r.offset(), seq++, rec));
            } catch (CodecException e) {
                throw new AssertionError("undecodable record " + r.key() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
