package io.streamdns.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdns.planner.plan.DebounceSchedule;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Vert.x timers around the schedule: a burst becomes one batch; a steady stream still fires by the maximum wait. */
@ExtendWith(VertxExtension.class)
class DebouncerTest {

    @Test
    void aBurstOfTouchesBecomesOneBatch(Vertx vertx, VertxTestContext ctx) {
        Counter coalesced = new SimpleMeterRegistry().counter("c");
        Debouncer[] d = new Debouncer[1];
        vertx.runOnContext(v -> {
            d[0] = new Debouncer(vertx, 50, 5000, shard -> ctx.verify(() -> {
                DebounceSchedule.Batch batch = d[0].take(shard);
                assertThat(batch.names()).containsExactlyInAnyOrder("www.ex.com", "api.ex.com");
                assertThat(batch.earliestEventAt()).isEqualTo(1001);
                assertThat(coalesced.count()).isEqualTo(99);
                assertThat(d[0].isPending(shard)).isFalse();
                ctx.completeNow();
            }), coalesced, System::currentTimeMillis);
            for (int i = 0; i < 100; i++) { // all on one event-loop turn: no timer can fire in between
                d[0].touch("ex.com", Set.of("www.ex.com"), i == 0 ? 0 : 1000 + i);
            }
            d[0].touch("ex.com", Set.of("api.ex.com"), 0);
            d[0].touch("ex.com", Set.of(), 1);
        });
    }

    @Test
    void aSteadyStreamFiresByTheMaximumWait(Vertx vertx, VertxTestContext ctx) {
        Debouncer[] d = new Debouncer[1];
        vertx.runOnContext(v -> {
            long[] periodic = new long[1];
            // the quiet time (1 minute) never passes while touches go on: only the maximum wait can fire it
            d[0] = new Debouncer(vertx, 60_000, 200, shard -> ctx.verify(() -> {
                vertx.cancelTimer(periodic[0]);
                assertThat(d[0].take(shard).names()).containsExactly("busy.ex.com");
                ctx.completeNow();
            }), new SimpleMeterRegistry().counter("c"), System::currentTimeMillis);
            periodic[0] = vertx.setPeriodic(20, id -> d[0].touch("ex.com", Set.of("busy.ex.com"), 0));
        });
    }
}
