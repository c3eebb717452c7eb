package io.streamdns.applier.provider;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * What every single provider API call passes through: rate limiting, retry and the zone's circuit breaker live
 * behind it (one retry layer: the SDK's own retries are off).
 */
public interface CallGate {
    /**
     * @param operation e.g. ListResourceRecordSets
     * @param zoneId    the zone whose circuit guards the call, or null for account-wide calls
     * @param call      makes one attempt; called again for each retry
     */
    <T> Future<T> call(String operation, String zoneId, Supplier<Future<T>> call, CallStats stats);

    /** No limits, no retries: for tests of the layers above. */
    CallGate DIRECT = new CallGate() {
        @Override
        public <T> Future<T> call(String operation, String zoneId, Supplier<Future<T>> call, CallStats stats) {
            stats.attempt();
            return call.get();
        }
    };
}
