package io.streamdns.applier;

import io.vertx.core.Future;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plans of one partition, in offset order, one run's calls at a time. A run starts when the worker is free and takes
 * the head of the queue ({@link Processor} decides how much: the plans it can merge). The next run is formed as soon
 * as the previous run's calls are over, while that run's results and commit are still on their way (so Route 53's
 * slots are not left unused at run boundaries), but not before the run before that is published: at most one
 * run's publication is in flight beside a run's calls. Each run's publication follows the previous one's
 * ({@code previous}), so results stay in plan order and a commit never passes an outcome that is not on Kafka.
 * Records wait here until the partition's zones are loaded; fetching goes on while a run is in flight, so what
 * arrives meanwhile can merge into the next run, and pauses while {@code highWater} records or more wait.
 */
final class PartitionWorker {
    /** Starts a run over the queued records (head first). */
    interface Processor {
        /**
         * @param previous the previous run's publication: this run publishes and commits only after it succeeded
         *                 (and never when it failed)
         */
        Run start(PartitionWorker worker, List<KafkaConsumerRecord<String, byte[]>> queued, Future<Void> previous);

        /**
         * Whether a run over {@code queued} would leave some of it behind (a bound or a shared name ends it): such a
         * run is the same whenever it is formed, since records only join at the tail. Reads, changes nothing.
         */
        default boolean bounded(List<KafkaConsumerRecord<String, byte[]>> queued) {
            return false;
        }
    }

    /**
     * A started run: how many records from the head it took (at least 1); {@code applied}: its calls are over, the
     * next run may be formed (never fails); {@code published}: its outcomes are on Kafka and its offset committed
     * (fails when they are not, e.g. revoked meanwhile: no later run commits then).
     */
    record Run(int taken, Future<Void> applied, Future<Void> published) {
    }

    private final int partition;
    private final int highWater;
    private final Processor processor;
    private final Consumer<Boolean> pause;
    private final Supplier<Future<Void>> slot;
    private final Deque<KafkaConsumerRecord<String, byte[]>> queue = new ArrayDeque<>();
    /** The last started run's publication: the next run's publication follows it. */
    private Future<Void> published = Future.succeededFuture();
    /** Records the last run took, and whether it left some behind (bounded by its limits or a shared name). */
    private int lastTaken;
    private boolean lastBounded;
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
        // a backlog (the last run was bounded and as much waits again, or what waits already bounds a run, as after a
        // cold start's first small run): the next run is the same whenever it is formed, so it is formed now and its
        // compiling overlaps Route 53's pace instead of following the slot
        boolean full = lastBounded && queue.size() >= lastTaken || queue.size() > 1 && processor.bounded(List.copyOf(queue));
        Future<Void> when = full ? Future.succeededFuture() : slot.get();
        when.onComplete(ar -> start());
    }

    private void start() {
        if (closed || queue.isEmpty()) {
            busy = false;
            if (!closed) {
                resume();
            }
            return;
        }
        Future<Void> before = published;
        Run run = processor.start(this, List.copyOf(queue), before);
        published = run.published();
        lastTaken = Math.max(1, Math.min(run.taken(), queue.size()));
        lastBounded = lastTaken < queue.size();
        for (int i = lastTaken; i > 0; i--) {
            queue.poll();
        }
        if (queue.size() < highWater) {
            resume();
        }
        // the next run's calls follow this run's calls (per-name order); it waits for the run before this one to be
        // published, so one publication at most is pending beside a run's calls
        Future.join(run.applied(), before).onComplete(ar -> {
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
