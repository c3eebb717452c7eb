package io.streamdns.applier.resilience;

import io.streamdns.applier.provider.ProviderException;
import java.time.Duration;
import io.streamdns.runtime.Backoff;

/**
 * Exponential back-off (doubling, ±50 % jitter, {@link Backoff}) for the retryable kinds: throttling,
 * PriorRequestNotComplete, 5xx and timeouts. Throttles start from a longer base, as the AWS SDK does.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration throttleBase, Duration max) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(12, Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        backoff(base, max);
        backoff(throttleBase, max);
    }

    public boolean shouldRetry(ProviderException e, int attempt) {
        return e.kind().retryable() && attempt < maxAttempts;
    }

    /** Delay before attempt {@code attempt + 1}. */
    public long delayMillis(ProviderException e, int attempt) {
        return backoff(e.kind() == ProviderException.Kind.THROTTLED ? throttleBase : base, max).delayMillis(attempt);
    }

    private static Backoff backoff(Duration initial, Duration max) {
        return new Backoff(initial, max.compareTo(initial) < 0 ? initial : max, 2, 0.5);
    }
}
