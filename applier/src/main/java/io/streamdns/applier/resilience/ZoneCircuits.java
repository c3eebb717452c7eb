package io.streamdns.applier.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.streamdns.applier.metrics.ApplierMetrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per zone (and one for account-wide calls): it opens when most of the recent calls failed past
 * their retries, refuses calls (without blocking) while open, and lets one probe through half-open after the wait.
 */
public final class ZoneCircuits {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneCircuits.class);
    public static final String ACCOUNT = "account";

    private final CircuitBreakerRegistry registry;
    private final ApplierMetrics metrics;

    public ZoneCircuits(Duration openWait, ApplierMetrics metrics) {
        this.metrics = metrics;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(6)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openWait)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    public CircuitBreaker of(String zoneId) {
        String name = zoneId == null ? ACCOUNT : zoneId;
        return registry.find(name).orElseGet(() -> {
            CircuitBreaker cb = registry.circuitBreaker(name);
            metrics.circuitState(name, 0);
            cb.getEventPublisher().onStateTransition(e -> {
                LOG.warn("circuit of zone {}: {}", name, e.getStateTransition());
                metrics.circuitState(name, code(e.getStateTransition().getToState()));
            });
            return cb;
        });
    }

    public CircuitBreaker.State state(String zoneId) {
        return of(zoneId).getState();
    }

    static int code(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
