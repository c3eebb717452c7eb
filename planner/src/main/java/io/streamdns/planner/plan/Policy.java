package io.streamdns.planner.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** external-dns's {@code --policy}: which kinds of changes a plan may keep ({@code plan/policy.go}). */
public enum Policy {
    /** Create, update and delete. */
    SYNC("sync"),
    /** Create and update, never delete. */
    UPSERT_ONLY("upsert-only"),
    /** Create only. */
    CREATE_ONLY("create-only");

    private final String flagValue;

    Policy(String flagValue) {
        this.flagValue = flagValue;
    }

    public String flagValue() {
        return flagValue;
    }

    public boolean allowsUpdates() {
        return this != CREATE_ONLY;
    }

    public boolean allowsDeletes() {
        return this == SYNC;
    }

    public static List<String> flagValues() {
        return Arrays.stream(values()).map(Policy::flagValue).toList();
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Policy fromFlag(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (Policy p : values()) {
            if (p.flagValue.equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + flagValues());
    }
}
