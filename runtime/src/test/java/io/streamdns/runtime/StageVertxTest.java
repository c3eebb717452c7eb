package io.streamdns.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StageVertxTest {
    @ParameterizedTest(name = "{0} stage(s): at least {1} event loops")
    @CsvSource({
            "0,  4",
            "1,  4",
            "3,  8",
            "12, 26",
    })
    void twoLoopsPerStageAndTwoMoreNeverBelowTheDefault(int stages, int atLeast) {
        assertThat(StageVertx.eventLoops(stages))
                .isEqualTo(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, atLeast));
    }

    /** A stage whose start makes a context besides its own, as the stages' starts do. */
    static final class Stage extends VerticleBase {
        final List<String> threads;

        Stage(List<String> threads) {
            this.threads = threads;
        }

        @Override
        public Future<?> start() {
            threads.add(Thread.currentThread().getName());
            new Thread(() -> vertx.getOrCreateContext()).start();
            return vertx.executeBlocking(() -> {
                Thread.sleep(50);
                return null;
            });
        }
    }

    @Test
    void theStagesOfOneProcessRunOnEventLoopsOfTheirOwn() {
        Vertx vertx = StageVertx.create(3);
        try {
            List<String> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                vertx.deployVerticle(new Stage(threads)).await();
            }
            assertThat(threads).as("one loop per stage").doesNotHaveDuplicates().hasSize(3);
        } finally {
            vertx.close().await();
        }
    }
}
