package io.streamdns.runtime.config;

/**
 * A flag with a bad value, thrown by every stage's {@code *Config.fromMap}: the message names the flag, so the
 * command line (and the environment variable behind it) can be fixed from the message alone.
 */
public final class InvalidFlagException extends IllegalArgumentException {
    private final String flag;
    private final String reason;

    /** @param flag the flag name without dashes, e.g. {@code cluster-name} */
    public InvalidFlagException(String flag, String reason) {
        super("--" + flag + ": " + reason);
        this.flag = flag;
        this.reason = reason;
    }

    /** The flag name without dashes. */
    public String flag() {
        return flag;
    }

    public String reason() {
        return reason;
    }
}
