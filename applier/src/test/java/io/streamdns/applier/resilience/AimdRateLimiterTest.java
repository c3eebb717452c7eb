package io.streamdns.applier.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AimdRateLimiterTest {

    @Test
    void multiplicativeDecreaseToAFloorAdditiveIncreaseToTheConfiguredRate(Vertx vertx) {
        long[] now = {0};
        AimdRateLimiter limiter = new AimdRateLimiter(vertx, 5, () -> now[0]);
        assertThat(limiter.rate()).isEqualTo(5);
        List<Double> seen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            limiter.onThrottle();
            seen.add(limiter.rate());
            now[0] += TimeUnit.SECONDS.toNanos(10); // one throttle per slot interval counts
        }
        assertThat(seen.get(0)).isEqualTo(2.5);
        assertThat(seen.get(1)).isEqualTo(1.25);
        assertThat(seen).allSatisfy(r -> assertThat(r).isGreaterThanOrEqualTo(0.25));
        assertThat(seen.get(seen.size() - 1)).isEqualTo(0.25);
        for (int i = 0; i < 200; i++) {
            limiter.onSuccess();
        }
        assertThat(limiter.rate()).isEqualTo(5);
    }

    @Test
    void whenFreeWaitsForTheNextSlotWithoutTakingIt(Vertx vertx) {
        long[] now = {0};
        AimdRateLimiter limiter = new AimdRateLimiter(vertx, 5, () -> now[0]);
        assertThat(limiter.whenFree().isComplete()).as("idle: free at once").isTrue();
        assertThat(limiter.whenFree().isComplete()).as("asking takes no slot").isTrue();
        assertThat(limiter.acquire().isComplete()).isTrue();
        assertThat(limiter.whenFree().isComplete()).as("the next slot is 200 ms away").isFalse();
        now[0] += TimeUnit.MILLISECONDS.toNanos(200);
        assertThat(limiter.whenFree().isComplete()).isTrue();
        assertThat(limiter.acquire().isComplete()).as("the slot whenFree saw is still there").isTrue();
    }

    @Test
    void aBurstOfThrottlesHalvesOnce(Vertx vertx) {
        AimdRateLimiter limiter = new AimdRateLimiter(vertx, 4);
        limiter.onThrottle();
        limiter.onThrottle();
        limiter.onThrottle();
        assertThat(limiter.rate()).isEqualTo(2);
    }

    @Test
    void acquireNeverBlocksAndGrantsInOrder(Vertx vertx) throws Exception {
        AimdRateLimiter limiter = new AimdRateLimiter(vertx, 20);
        List<Integer> order = new ArrayList<>();
        List<Future<Void>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            all.add(limiter.acquire().onSuccess(v -> {
                synchronized (order) {
                    order.add(n);
                }
            }));
        }
        assertThat(all.get(0).isComplete()).isTrue();
        assertThat(all.get(4).isComplete()).as("the fifth slot is 200 ms away: a timer, not a wait").isFalse();
        Future.all(all).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }
}
