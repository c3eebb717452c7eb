package io.streamdns.runtime;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * The one exponential back-off of every retry loop: attempt n (from 1) waits {@code initial × multiplier^(n-1)}, spread
 * by ±{@code jitter} of itself, never more than {@code max}. Resilience4j's {@link IntervalFunction} computes it.
 * Immutable; callers keep their own attempt count.
 */
public final class Backoff {
    /** Kafka sends and commits that must get through (results, dead letters, plans, offsets): 100 ms doubling to 5 s. */
    public static final Backoff KAFKA = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2, 0.2);

    private final Duration initial;
    private final Duration max;
    private final double multiplier;
    private final double jitter;
    private final IntervalFunction interval;
    /** The attempt from which every delay is {@code max}: IntervalFunction's cost grows with the attempt. */
    private final int saturated;

    /**
     * @param multiplier at least 1
     * @param jitter     0 (exact) up to below 1: the delay is spread uniformly over ±jitter of the exponential one
     */
    public Backoff(Duration initial, Duration max, double multiplier, double jitter) {
        if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 1 ms <= initial <= max, got " + initial + " and " + max);
        }
        if (multiplier < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("back-off needs multiplier >= 1 and 0 <= jitter < 1, got " + multiplier
                    + " and " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.multiplier = multiplier;
        this.jitter = jitter;
        int n = 1;
        for (double d = initial.toMillis() * (1 - jitter); d < max.toMillis() && multiplier > 1 && n < 64; n++) {
            d *= multiplier;
        }
        this.saturated = n;
        this.interval = jitter == 0 ? IntervalFunction.ofExponentialBackoff(initial, multiplier, max)
                : IntervalFunction.ofExponentialRandomBackoff(initial, multiplier, jitter, max);
    }

    public static Backoff of(Duration initial, Duration max) {
        return new Backoff(initial, max, 2, 0.2);
    }

    /** Milliseconds to wait before the next try after {@code attempt} failed tries (1 = the first failed). */
    public long delayMillis(int attempt) {
        return interval.apply(Math.min(saturated, Math.max(1, attempt)));
    }

    public Backoff withJitter(double j) {
        return new Backoff(initial, max, multiplier, j);
    }

    public Duration initial() {
        return initial;
    }

    public Duration max() {
        return max;
    }

    public double multiplier() {
        return multiplier;
    }

    public double jitter() {
        return jitter;
    }

    @Override
    public String toString() {
        return initial.toMillis() + " ms ×" + multiplier + " to " + max.toMillis() + " ms ±" + Math.round(jitter * 100) + "%";
    }
}
