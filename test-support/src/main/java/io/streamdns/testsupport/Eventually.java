package io.streamdns.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one "wait until" of the test suites: polls a condition (or an assertion) until it holds or the time is up,
 * then fails naming what was awaited. Never on an event loop: tests call it from their own thread.
 */
public final class Eventually {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 25;

    private Eventually() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            pause();
        }
    }

    /** Polls until the supplier gives a non-null value, and returns it. */
    public static <T> T value(String what, Duration timeout, java.util.function.Supplier<T> supplier) {
        java.util.concurrent.atomic.AtomicReference<T> box = new java.util.concurrent.atomic.AtomicReference<>();
        until(what, timeout, () -> {
            box.set(supplier.get());
            return box.get() != null;
        });
        return box.get();
    }

    /** Runs the assertions until they pass; on time-out rethrows the last failure with what was awaited. */
    public static void untilAsserted(String what, Duration timeout, Runnable assertions) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertions.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    AssertionError out = new AssertionError("not within " + timeout.toMillis() + " ms: " + what
                            + ": " + e.getMessage(), e);
                    throw out;
                }
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
