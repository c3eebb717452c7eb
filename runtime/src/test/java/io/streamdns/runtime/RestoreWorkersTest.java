package io.streamdns.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RestoreWorkersTest {
    @Test
    void restoresRunOnTheirOwnNamedPoolSharedByName() {
        Vertx vertx = Vertx.vertx();
        try {
            WorkerExecutor a = RestoreWorkers.create(vertx);
            WorkerExecutor b = RestoreWorkers.create(vertx);
            String thread = a.executeBlocking(() -> Thread.currentThread().getName()).await();
            assertThat(thread).startsWith(RestoreWorkers.NAME).doesNotContain("vert.x-worker");
            a.close().await();
            assertThat(b.executeBlocking(() -> Thread.currentThread().getName()).await())
                    .as("one handle closed, the pool stays for the other").startsWith(RestoreWorkers.NAME);
        } finally {
            vertx.close().await();
        }
    }
}
