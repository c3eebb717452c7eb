package io.streamdns.planner;

import io.streamdns.testsupport.Eventually;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The planner tests' short names for {@link io.streamdns.testsupport.Eventually}. */
final class Await {
    private Await() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        Eventually.until(what, timeout, condition);
    }

    static <T> T value(String what, Duration timeout, Supplier<T> supplier) {
        return Eventually.value(what, timeout, supplier);
    }
}
