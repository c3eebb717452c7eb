package io.streamdns.applier;

import io.vertx.core.Future;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plans of one partition, in offset order, one run at a time. A run starts when the worker is free and takes the
 * head of the queue ({@link Processor} decides how much: the plans it can merge). Records wait here until the
 * partition's zones are loaded; fetching goes on while a run is in flight, so what arrives meanwhile can merge into
 * the next run, and pauses while {@code highWater} records or more wait.
 */
final class PartitionWorker {
    /** Starts a run over the queued records (head first). */
    interface Processor {
        Run start(PartitionWorker worker, List<KafkaConsumerRecord<String, byte[]>> queued);
    }

    /** A started run: how many records from the head it took (at least 1) and when it is done (never failed). */
    record Run(int taken, Future<Void> done) {
    }

    private final int partition;
    private final int highWater;
    private final Processor processor;
    private final Consumer<Boolean> pause;
    private final Supplier<Future<Void>> slot;
    private final Deque<KafkaConsumerRecord<String, byte[]>> queue = new ArrayDeque<>();
    private boolean ready;
    private boolean busy;
    private boolean paused;
    private boolean closed;

    /** @param pause called with true to pause fetching this partition, false to resume */
    PartitionWorker(int partition, int highWater, Processor processor, Consumer<Boolean> pause) {
        this(partition, highWater, processor, pause, Future::succeededFuture);
    }

    /**
     * @param slot completes when Route 53 may be called again (the rate limiter's next slot): a run is formed only
     *             then, so plans that arrive while the limiter holds the partition back go out in that same call
     */
    PartitionWorker(int partition, int highWater, Processor processor, Consumer<Boolean> pause,
                    Supplier<Future<Void>> slot) {
        this.partition = partition;
        this.highWater = Math.max(1, highWater);
        this.processor = processor;
        this.pause = pause;
        this.slot = slot;
    }

    int partition() {
        return partition;
    }

    boolean isClosed() {
        return closed;
    }

    void offer(KafkaConsumerRecord<String, byte[]> record) {
        if (closed) {
            return;
        }
        queue.add(record);
        if (!paused && queue.size() >= highWater) {
            paused = true;
            pause.accept(true);
        }
        drain();
    }

    /** The partition's zones are listed: plans may run. */
    void ready() {
        ready = true;
        drain();
    }

    /** Revoked or stopping: drop what waits; the running run finishes but is neither reported nor committed. */
    void close() {
        closed = true;
        queue.clear();
    }

    int waiting() {
        return queue.size();
    }

    private void drain() {
        if (closed || busy || !ready) {
            return;
        }
        if (queue.isEmpty()) {
            resume();
            return;
        }
        busy = true;
        slot.get().onComplete(ar -> start());
    }

    private void start() {
        if (closed || queue.isEmpty()) {
            busy = false;
            if (!closed) {
                resume();
            }
            return;
        }
        Run run = processor.start(this, List.copyOf(queue));
        for (int i = Math.max(1, Math.min(run.taken(), queue.size())); i > 0; i--) {
            queue.poll();
        }
        if (queue.size() < highWater) {
            resume();
        }
        run.done().onComplete(ar -> {
            busy = false;
            drain();
        });
    }

    private void resume() {
        if (paused) {
            paused = false;
            pause.accept(false);
        }
    }
}
