package io.streamdns.app.audit;

/** A reason audit cannot answer, with the exit code it ends with ({@link AuditExit}). */
public final class AuditFailure extends RuntimeException {
    private final int exitCode;

    public AuditFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public AuditFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
