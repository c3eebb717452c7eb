package io.streamdns.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The Vert.x of a process that runs stages. Vert.x hands each new context the next of its event loops in turn (by
 * default 2 per core), and a stage's start creates contexts besides its verticle's, so with 4 loops (2 cores) the
 * applier of {@code streamdns run} got the watcher's loop: on a cold start its first plans and calls waited behind
 * the watcher's start-up pass (200–2,400 ms in {@code burst}). Two loops per stage and two more keep the stages of one
 * process on loops of their own; an idle loop costs a thread and nothing else.
 */
public final class StageVertx {
    private StageVertx() {
    }

    /** At least 2 × {@code stages} + 2 event loops, never fewer than Vert.x's default. */
    public static int eventLoops(int stages) {
        return Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, 2 * Math.max(1, stages) + 2);
    }

    public static Vertx create(int stages) {
        return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops(stages)));
    }
}
