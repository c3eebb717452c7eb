package io.streamdns.applier.resilience;

import io.streamdns.applier.provider.ProviderException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with equal jitter (half fixed, half random) for the retryable kinds: throttling,
 * PriorRequestNotComplete, 5xx and timeouts. Throttles start from a longer base, as the AWS SDK does.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration throttleBase, Duration max) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(12, Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public boolean shouldRetry(ProviderException e, int attempt) {
        return e.kind().retryable() && attempt < maxAttempts;
    }

    /** Delay before attempt {@code attempt + 1}. */
    public long delayMillis(ProviderException e, int attempt) {
        long b = (e.kind() == ProviderException.Kind.THROTTLED ? throttleBase : base).toMillis();
        long cap = max.toMillis();
        long exp = attempt >= 30 ? cap : Math.min(cap, b << Math.max(0, attempt - 1));
        long half = Math.max(1, exp / 2);
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }
}
