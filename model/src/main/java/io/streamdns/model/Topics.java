package io.streamdns.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The topics of a deployment and their settings, in one place. All share one partition count. */
public final class Topics {
    public static final String SOURCES = "streamdns.sources";
    public static final String ZONE_STATE = "streamdns.zone-state";
    public static final String PLANS = "streamdns.plans";
    public static final String RESULTS = "streamdns.results";
    public static final String DLQ = "streamdns.dlq";
    /** The settings every stage of the pipeline agrees on: one partition, one key ({@link #CONFIG_KEY}). */
    public static final String CONFIG = "streamdns.config";
    public static final String CONFIG_KEY = "pipeline";
    public static final int DEFAULT_PARTITIONS = 6;

    /** A topic and its cleanup settings. */
    public record Spec(String name, boolean compacted, Duration retention) {
        /** Kafka topic configs. */
        public Map<String, String> configs() {
            if (compacted) {
                return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0",
                        "segment.ms", Long.toString(Duration.ofHours(1).toMillis()));
            }
            return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
        }
    }

    /** The co-partitioned topics: partition p of each holds the same shards. */
    public static final List<Spec> ALL = List.of(
            new Spec(SOURCES, true, null),
            new Spec(ZONE_STATE, true, null),
            new Spec(PLANS, false, Duration.ofDays(7)),
            new Spec(RESULTS, false, Duration.ofDays(30)),
            new Spec(DLQ, false, Duration.ofDays(30)));

    /** Not sharded, so not in {@link #ALL}: one partition, compacted, never expires. */
    public static final Spec CONFIG_SPEC = new Spec(CONFIG, true, null);

    private Topics() {
    }

    public static Spec spec(String name) {
        if (name.equals(CONFIG)) {
            return CONFIG_SPEC;
        }
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + name));
    }
}
