package io.streamdns.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The named worker pool restores run on (watcher state, planner partitions, applier zone state): reading a large
 * compacted topic to its end takes minutes, longer than the default pool's 60 s before Vert.x reports a blocked
 * thread, and must not hold default workers that short blocking calls need meanwhile. Shared by name, so the stages
 * of one process (e.g. {@code run}) share its threads. Keep the handle referenced while its tasks run and close it
 * when done: Vert.x releases a shared pool whose last handle is garbage collected, interrupting the running restore.
 */
public final class RestoreWorkers {
    public static final String NAME = "streamdns-restore";
    /** Watcher, planner and applier restoring at once in one process, plus one more planner assignment. */
    public static final int SIZE = 4;
    /** Long enough for a large restore (each read also stops after its own quiet time); past it, a warning. */
    public static final Duration MAX_EXECUTE_TIME = Duration.ofMinutes(30);

    private RestoreWorkers() {
    }

    public static WorkerExecutor create(Vertx vertx) {
        return vertx.createSharedWorkerExecutor(NAME, SIZE, MAX_EXECUTE_TIME.toNanos(), TimeUnit.NANOSECONDS);
    }
}
