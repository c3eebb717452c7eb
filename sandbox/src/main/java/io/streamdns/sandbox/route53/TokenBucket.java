package io.streamdns.sandbox.route53;

import java.util.function.LongSupplier;

/**
 * Route 53's per-account request quota: a token bucket refilled at {@code ratePerSecond} up to
 * {@code burst} tokens. A rate of 0 turns throttling off. Thread-safe; the clock is injectable.
 */
public final class TokenBucket {
    private final LongSupplier nanoTime;
    private double ratePerSecond;
    private int burst;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        configure(ratePerSecond, burst);
    }

    public static TokenBucket system(double ratePerSecond, int burst) {
        return new TokenBucket(ratePerSecond, burst, System::nanoTime);
    }

    /** New rate and burst (burst 0: the rate rounded up, at least 1); the bucket starts full. */
    public synchronized void configure(double ratePerSecond, int burst) {
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond) || burst < 0) {
            throw new IllegalArgumentException("rate and burst must not be negative: " + ratePerSecond + ", " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst > 0 ? burst : (int) Math.max(1, Math.ceil(ratePerSecond));
        this.tokens = this.burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes a token if one is there; always true when throttling is off. */
    public synchronized boolean tryAcquire() {
        if (ratePerSecond <= 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * ratePerSecond / 1e9);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    public synchronized double ratePerSecond() {
        return ratePerSecond;
    }

    public synchronized int burst() {
        return burst;
    }
}
