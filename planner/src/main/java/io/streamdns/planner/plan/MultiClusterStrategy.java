package io.streamdns.planner.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** {@code --multi-cluster}: what to do when several clusters claim the same name, type and set identifier. */
public enum MultiClusterStrategy {
    /** A/AAAA targets are unioned into one record set; CNAME/ALIAS claims become weighted sets per cluster. */
    MERGE("merge"),
    /** Every multi-cluster claim becomes a weighted set per cluster ({@code SetIdentifier=<cluster>}). */
    WEIGHTED("weighted"),
    /** The claim of the lexicographically first (cluster, resource) wins. */
    FIRST_WINS("first-wins");

    private final String flagValue;

    MultiClusterStrategy(String flagValue) {
        this.flagValue = flagValue;
    }

    public String flagValue() {
        return flagValue;
    }

    public static List<String> flagValues() {
        return Arrays.stream(values()).map(MultiClusterStrategy::flagValue).toList();
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static MultiClusterStrategy fromFlag(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (MultiClusterStrategy s : values()) {
            if (s.flagValue.equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + flagValues());
    }
}
