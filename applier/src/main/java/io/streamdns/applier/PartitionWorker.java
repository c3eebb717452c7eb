package io.streamdns.applier;

import io.vertx.core.Future;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Plans of one partition, strictly one at a time in offset order. Records wait here (the partition is paused while
 * any wait or run, resumed when the queue is empty) until the partition's zones are loaded.
 */
final class PartitionWorker {
    private final int partition;
    private final Function<KafkaConsumerRecord<String, byte[]>, Future<Void>> process;
    private final Consumer<Boolean> pause;
    private final Deque<KafkaConsumerRecord<String, byte[]>> queue = new ArrayDeque<>();
    private boolean ready;
    private boolean busy;
    private boolean paused;
    private boolean closed;

    /** @param pause called with true to pause fetching this partition, false to resume */
    PartitionWorker(int partition, Function<KafkaConsumerRecord<String, byte[]>, Future<Void>> process,
                    Consumer<Boolean> pause) {
        this.partition = partition;
        this.process = process;
        this.pause = pause;
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
        if (!paused) {
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

    /** Revoked or stopping: drop what waits; the running plan finishes but is neither reported nor committed. */
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
        KafkaConsumerRecord<String, byte[]> next = queue.poll();
        if (next == null) {
            if (paused) {
                paused = false;
                pause.accept(false);
            }
            return;
        }
        busy = true;
        process.apply(next).onComplete(ar -> {
            busy = false;
            drain();
        });
    }
}
