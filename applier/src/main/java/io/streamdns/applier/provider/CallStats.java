package io.streamdns.applier.provider;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Counts provider calls made for one piece of work (a plan, a zone listing), retries included, and says whether the
 * work was cancelled (its partition revoked): the gate checks that before every attempt.
 */
public final class CallStats {
    private final BooleanSupplier cancelled;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger throttles = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    public CallStats() {
        this(() -> false);
    }

    /** @param cancelled true once no further attempt may be made (a revoked applier must not write) */
    public CallStats(BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }

    public void attempt() {
        attempts.incrementAndGet();
    }

    public void throttled() {
        throttles.incrementAndGet();
    }

    public void retried() {
        retries.incrementAndGet();
    }

    public int attempts() {
        return attempts.get();
    }

    public int throttles() {
        return throttles.get();
    }

    public int retries() {
        return retries.get();
    }
}
