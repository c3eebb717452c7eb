package io.streamdns.applier.provider;

import java.util.List;

/** A provider call that failed, classified so the one retry layer and the circuit breaker can decide. */
public final class ProviderException extends RuntimeException {
    public enum Kind {
        /** Rate exceeded: slow down and retry. */
        THROTTLED(true),
        /** PriorRequestNotComplete: the zone is still applying an earlier batch; retry. */
        BUSY(true),
        /** 5xx, timeouts, connection problems: retry. */
        TRANSIENT(true),
        /** The batch itself was refused (InvalidChangeBatch, InvalidInput): isolate the bad changes. */
        REJECTED(false),
        /** The zone is gone (NoSuchHostedZone). */
        NOT_FOUND(false),
        /** Anything else: access denied, bad credentials, ... */
        FATAL(false),
        /** Not sent: the zone's circuit is open. */
        CIRCUIT_OPEN(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final String code;
    private final List<String> messages;

    public ProviderException(Kind kind, String code, String message, List<String> messages, Throwable cause) {
        super(code + ": " + message, cause, false, false);
        this.kind = kind;
        this.code = code;
        this.messages = messages == null || messages.isEmpty() ? List.of(message) : List.copyOf(messages);
    }

    public static ProviderException of(Kind kind, String code, String message) {
        return new ProviderException(kind, code, message, List.of(), null);
    }

    public Kind kind() {
        return kind;
    }

    /** Provider error code, e.g. Throttling, InvalidChangeBatch. */
    public String code() {
        return code;
    }

    /** The provider's own messages (InvalidChangeBatch carries one per problem). */
    public List<String> messages() {
        return messages;
    }
}
