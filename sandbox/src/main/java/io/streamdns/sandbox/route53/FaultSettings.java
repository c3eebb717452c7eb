package io.streamdns.sandbox.route53;

/**
 * Injected faults: the share of requests answered HTTP 500 {@code InternalFailure} and HTTP 503
 * {@code ServiceUnavailable}, latency added to every answer, and a full outage (every request answered
 * 503, or its connection closed without an answer).
 */
public record FaultSettings(double internalErrorRate, double unavailableRate, long latencyMs, boolean outage,
                            OutageMode outageMode) {
    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, false, OutageMode.UNAVAILABLE);

    /** How an outage shows: 503 answers, or connections closed without an answer. */
    public enum OutageMode { UNAVAILABLE, RESET }

    public FaultSettings {
        if (!(internalErrorRate >= 0 && internalErrorRate <= 1) || !(unavailableRate >= 0 && unavailableRate <= 1)
                || internalErrorRate + unavailableRate > 1) {
            throw new IllegalArgumentException("error rates must be within 0..1 and sum to at most 1: "
                    + internalErrorRate + ", " + unavailableRate);
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency must not be negative: " + latencyMs);
        }
        outageMode = outageMode == null ? OutageMode.UNAVAILABLE : outageMode;
    }

    public FaultSettings withInternalErrorRate(double rate) {
        return new FaultSettings(rate, unavailableRate, latencyMs, outage, outageMode);
    }

    public FaultSettings withUnavailableRate(double rate) {
        return new FaultSettings(internalErrorRate, rate, latencyMs, outage, outageMode);
    }

    public FaultSettings withLatencyMs(long ms) {
        return new FaultSettings(internalErrorRate, unavailableRate, ms, outage, outageMode);
    }

    public FaultSettings withOutage(boolean on) {
        return new FaultSettings(internalErrorRate, unavailableRate, latencyMs, on, outageMode);
    }

    public FaultSettings withOutageMode(OutageMode mode) {
        return new FaultSettings(internalErrorRate, unavailableRate, latencyMs, outage, mode);
    }
}
