package io.streamdns.runtime.kafka;

import io.streamdns.runtime.Blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * "Read these partitions to their end", the one loop every restore shares (watcher state, planner partitions,
 * applier zone state, the pipeline's settings, audit): the end offsets are taken once at the start, every record
 * below them goes to the handler, records that arrive meanwhile are left to the live consumer. The timeout is per
 * quiet stretch, not for the whole read: a long restore that keeps making progress is never cut off, a broker that
 * stopped answering is noticed after {@code quiet}. Blocking: start-up thread or a worker, never an event loop.
 */
@Blocking("the start-up thread or a worker (executeBlocking), never an event loop")
public final class ReadToEnd {
    /** How long one poll waits; the loop re-checks positions in between. */
    private static final Duration POLL = Duration.ofMillis(200);

    private ReadToEnd() {
    }

    /** The read stopped making progress; names the partitions still short of their end. */
    public static final class StalledException extends IllegalStateException {
        public StalledException(String message) {
            super(message);
        }
    }

    /**
     * @param consumer   a consumer with {@code partitions} assigned and positioned where reading starts (seekToBeginning
     *                   for compacted state, a time or an offset for the rest)
     * @param partitions the partitions to read
     * @param quiet      how long the read may go without a record before it gives up
     * @param each       receives each record below its partition's end offset, in poll order
     * @return the end offsets the read went to: where a live consumer takes over
     * @throws StalledException when no record arrived for {@code quiet} while partitions were still short of their end
     */
    public static Map<TopicPartition, Long> read(Consumer<String, byte[]> consumer, Collection<TopicPartition> partitions,
                                                 Duration quiet, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, quiet));
        List<TopicPartition> pending = new ArrayList<>(partitions);
        long deadline = System.nanoTime() + quiet.toNanos();
        while (true) {
            pending.removeIf(tp -> consumer.position(tp, quiet) >= end.getOrDefault(tp, 0L));
            if (pending.isEmpty()) {
                return end;
            }
            if (System.nanoTime() > deadline) {
                throw new StalledException("reading " + pending + " to their end made no progress for " + quiet);
            }
            var batch = consumer.poll(POLL);
            if (!batch.isEmpty()) {
                deadline = System.nanoTime() + quiet.toNanos();
            }
            for (ConsumerRecord<String, byte[]> r : batch) {
                Long stop = end.get(new TopicPartition(r.topic(), r.partition()));
                if (stop != null && r.offset() < stop) {
                    each.accept(r);
                }
            }
        }
    }
}
