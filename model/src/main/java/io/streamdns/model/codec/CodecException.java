package io.streamdns.model.codec;

/** A value that cannot be decoded: names the field (a JSON path) and the reason. Goes to the DLQ. */
public final class CodecException extends Exception {
    private final String field;
    private final String reason;

    public CodecException(String field, String reason, Throwable cause) {
        super((field == null || field.isEmpty() ? "" : "field '" + field + "': ") + reason, cause);
        this.field = field == null ? "" : field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
