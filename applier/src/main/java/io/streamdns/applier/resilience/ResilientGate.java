package io.streamdns.applier.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.streamdns.applier.metrics.ApplierMetrics;
import io.streamdns.applier.provider.CallGate;
import io.streamdns.applier.provider.CallStats;
import io.streamdns.applier.provider.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one resilience layer in front of the provider: zone circuit → (rate limit → cancelled? → attempt → classify →
 * backoff)*. Before every attempt the work's {@link CallStats#cancelled()} is checked, so a revoked applier never
 * lands a retried write after the new owner's. Nothing here blocks: waits are Vert.x timers.
 */
public final class ResilientGate implements CallGate {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientGate.class);

    private final Vertx vertx;
    private final AimdRateLimiter limiter;
    private final RetryPolicy retry;
    private final ZoneCircuits circuits;
    private final ApplierMetrics metrics;

    public ResilientGate(Vertx vertx, AimdRateLimiter limiter, RetryPolicy retry, ZoneCircuits circuits,
                         ApplierMetrics metrics) {
        this.vertx = vertx;
        this.limiter = limiter;
        this.retry = retry;
        this.circuits = circuits;
        this.metrics = metrics;
    }

    @Override
    public <T> Future<T> call(String operation, String zoneId, Supplier<Future<T>> call, CallStats stats) {
        CircuitBreaker cb = circuits.of(zoneId);
        if (!cb.tryAcquirePermission()) {
            metrics.call(operation, "circuit_open", 0);
            metrics.registryError();
            return Future.failedFuture(ProviderException.of(ProviderException.Kind.CIRCUIT_OPEN, "CircuitOpen",
                    "circuit of zone " + (zoneId == null ? ZoneCircuits.ACCOUNT : zoneId) + " is open after repeated failures"));
        }
        Promise<T> result = Promise.promise();
        long started = System.nanoTime();
        attempt(operation, zoneId, call, stats, 1, cb, started, result);
        return result.future();
    }

    private <T> void attempt(String op, String zoneId, Supplier<Future<T>> call, CallStats stats, int n,
                             CircuitBreaker cb, long started, Promise<T> result) {
        limiter.acquire().onComplete(ignored -> {
            if (stats.cancelled()) {
                // revoked meanwhile (a throttled retry can wait for seconds): the new owner may have written since,
                // so an old value must not land after it
                cb.releasePermission();
                metrics.call(op, "cancelled", 0);
                LOG.info("{} zone={}: attempt {} not made, the work was cancelled (partition revoked or stopping)",
                        op, zoneId, n);
                result.fail(new CancellationException(op + " cancelled before attempt " + n));
                return;
            }
            stats.attempt();
            long t0 = System.nanoTime();
            Future<T> f;
            try {
                f = call.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(ar -> {
                long took = System.nanoTime() - t0;
                if (ar.succeeded()) {
                    metrics.call(op, "success", took);
                    limiter.onSuccess();
                    cb.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    result.complete(ar.result());
                    return;
                }
                ProviderException pe = ar.cause() instanceof ProviderException p ? p
                        : new ProviderException(ProviderException.Kind.FATAL, ar.cause().getClass().getSimpleName(),
                        String.valueOf(ar.cause().getMessage()), List.of(), ar.cause());
                metrics.call(op, pe.kind().name().toLowerCase(Locale.ROOT), took);
                if (pe.kind() == ProviderException.Kind.THROTTLED) {
                    stats.throttled();
                    metrics.throttled(op);
                    limiter.onThrottle();
                }
                if (retry.shouldRetry(pe, n)) {
                    stats.retried();
                    metrics.retried(op);
                    long delay = retry.delayMillis(pe, n);
                    LOG.debug("{} zone={} attempt {} failed ({}), retrying in {} ms", op, zoneId, n, pe.code(), delay);
                    vertx.setTimer(Math.max(1, delay), id -> attempt(op, zoneId, call, stats, n + 1, cb, started, result));
                    return;
                }
                long total = System.nanoTime() - started;
                if (pe.kind() == ProviderException.Kind.REJECTED) {
                    cb.onSuccess(total, TimeUnit.NANOSECONDS); // the zone answered; the batch was at fault
                } else {
                    cb.onError(total, TimeUnit.NANOSECONDS, pe);
                }
                if (pe.kind().retryable()) {
                    LOG.warn("{} zone={} gave up after {} attempts: {}", op, zoneId, n, pe.getMessage());
                }
                metrics.registryError();
                result.fail(pe);
            });
        });
    }
}
