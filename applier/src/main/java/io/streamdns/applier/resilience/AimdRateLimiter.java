package io.streamdns.applier.resilience;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token scheduler that never blocks: each {@link #acquire()} gets the next free slot at the current rate and
 * completes then, through a Vert.x timer (FIFO). The rate adapts AIMD-style: a throttle halves it (at most once per
 * slot interval, down to a twentieth of the configured rate); each success adds a tenth of it back, up to the
 * configured rate.
 */
public final class AimdRateLimiter {
    private final Vertx vertx;
    private final LongSupplier clock;
    private final double maxRate;
    private final double floor;
    private final double step;
    private double rate;
    private long nextSlotNanos;
    private long lastDecreaseNanos;
    private boolean decreased;

    /** @param ratePerSecond this instance's share: {@code --aws-api-rate / --aws-api-rate-share} */
    public AimdRateLimiter(Vertx vertx, double ratePerSecond) {
        this(vertx, ratePerSecond, System::nanoTime);
    }

    AimdRateLimiter(Vertx vertx, double ratePerSecond, LongSupplier nanoClock) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.vertx = vertx;
        this.clock = nanoClock;
        this.maxRate = ratePerSecond;
        this.floor = Math.max(0.05, ratePerSecond / 20);
        this.step = Math.max(0.01, ratePerSecond / 10);
        this.rate = ratePerSecond;
        this.nextSlotNanos = clock.getAsLong();
    }

    /** Completes (on the caller's context) when the call may go. */
    public Future<Void> acquire() {
        long delayNanos;
        synchronized (this) {
            long now = clock.getAsLong();
            long slot = Math.max(now, nextSlotNanos);
            nextSlotNanos = slot + intervalNanos();
            delayNanos = slot - now;
        }
        long delayMs = TimeUnit.NANOSECONDS.toMillis(delayNanos);
        if (delayMs < 1) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        vertx.setTimer(delayMs, id -> p.complete());
        return p.future();
    }

    /**
     * Completes (on the caller's context) when the next slot is due, without taking it: a caller that builds its
     * request only then packs in everything that arrived while it waited, instead of waiting a slot with a request
     * built too early.
     */
    public Future<Void> whenFree() {
        long delayNanos;
        synchronized (this) {
            delayNanos = nextSlotNanos - clock.getAsLong();
        }
        long delayMs = TimeUnit.NANOSECONDS.toMillis(delayNanos);
        if (delayMs < 1) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        vertx.setTimer(delayMs, id -> p.complete());
        return p.future();
    }

    /** Multiplicative decrease: Route 53 said "Rate exceeded". */
    public synchronized void onThrottle() {
        long now = clock.getAsLong();
        // concurrent throttles of one burst count once
        if (decreased && now - lastDecreaseNanos < intervalNanos()) {
            return;
        }
        decreased = true;
        lastDecreaseNanos = now;
        rate = Math.max(floor, rate * 0.5);
        // let the current burst drain at the new pace
        nextSlotNanos = Math.max(nextSlotNanos, now + intervalNanos());
    }

    /** Additive increase back towards the configured rate. */
    public synchronized void onSuccess() {
        rate = Math.min(maxRate, rate + step);
    }

    public synchronized double rate() {
        return rate;
    }

    public double maxRate() {
        return maxRate;
    }

    private long intervalNanos() {
        return (long) (1_000_000_000L / rate);
    }
}
