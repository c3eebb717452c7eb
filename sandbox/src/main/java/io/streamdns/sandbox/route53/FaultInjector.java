package io.streamdns.sandbox.route53;

import io.streamdns.sandbox.route53.store.Route53Error;
import java.util.Random;
import java.util.function.UnaryOperator;

/** Holds the current {@link FaultSettings} (changeable at any time) and draws the injected errors. */
public final class FaultInjector {
    private final Random random;
    private volatile FaultSettings settings;

    public FaultInjector(FaultSettings initial, long seed) {
        this.settings = initial;
        this.random = new Random(seed);
    }

    public FaultSettings settings() {
        return settings;
    }

    public void set(FaultSettings next) {
        settings = next;
    }

    /** Applies a change to the current settings, e.g. {@code update(f -> f.withOutage(true))}. */
    public synchronized FaultSettings update(UnaryOperator<FaultSettings> change) {
        settings = change.apply(settings);
        return settings;
    }

    public void internalErrorRate(double rate) {
        update(f -> f.withInternalErrorRate(rate));
    }

    public void unavailableRate(double rate) {
        update(f -> f.withUnavailableRate(rate));
    }

    public void latencyMs(long ms) {
        update(f -> f.withLatencyMs(ms));
    }

    public void outage(boolean on) {
        update(f -> f.withOutage(on));
    }

    public void clear() {
        settings = FaultSettings.NONE;
    }

    /** The error to answer instead of serving the request, or null. */
    Route53Error draw() {
        FaultSettings s = settings;
        if (s.internalErrorRate() == 0 && s.unavailableRate() == 0) {
            return null;
        }
        double x;
        synchronized (random) {
            x = random.nextDouble();
        }
        if (x < s.internalErrorRate()) {
            return Route53Error.internalFailure();
        }
        if (x < s.internalErrorRate() + s.unavailableRate()) {
            return Route53Error.serviceUnavailable();
        }
        return null;
    }
}
