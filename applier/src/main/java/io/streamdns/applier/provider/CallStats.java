package io.streamdns.applier.provider;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts provider calls made for one piece of work (a plan, a zone listing), retries included. */
public final class CallStats {
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger throttles = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

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
