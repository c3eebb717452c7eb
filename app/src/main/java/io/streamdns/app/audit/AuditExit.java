package io.streamdns.app.audit;

/** Exit codes of {@code streamdns audit}. */
public final class AuditExit {
    /** The trail knows the name. */
    public static final int FOUND = 0;
    /** Nothing on the trail mentions the name (or the streamdns topics are missing). */
    public static final int NOTHING_KNOWN = 1;
    /** Bad input: a malformed name or flag, a wrong usage. */
    public static final int BAD_INPUT = 2;
    /** The broker is unreachable, or there is no embedded broker data in --data-dir. */
    public static final int UNREACHABLE = 3;

    private AuditExit() {
    }
}
