package io.streamdns.runtime.kafka;

import io.streamdns.model.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What must hold for the streamdns topics that exist, checked at every start: the compacted topics are compacted
 * only (a compacted topic with time retention loses its oldest keys, and a lost {@code streamdns.sources} key reads
 * as a deleted object: a mass delete a week later), and the co-partitioned topics share one partition count. Pure.
 */
public final class TopicCheck {
    /** One topic as the broker describes it: its partition count and its {@code cleanup.policy}. */
    public record Described(int partitions, String cleanupPolicy) {
    }

    private TopicCheck() {
    }

    /**
     * @param topics              every streamdns topic (Topics.ALL and the config topic), as described
     * @param requestedPartitions {@code --partitions} when given explicitly, else null (then only for creation)
     * @return one line per problem, naming the topic, the setting and both values; empty when all is well
     */
    public static List<String> problems(Map<String, Described> topics, Integer requestedPartitions) {
        List<String> problems = new ArrayList<>();
        List<Topics.Spec> specs = new ArrayList<>(Topics.ALL);
        specs.add(Topics.CONFIG_SPEC);
        for (Topics.Spec spec : specs) {
            Described d = topics.get(spec.name());
            if (d == null) {
                problems.add("topic " + spec.name() + " is missing");
            } else if (spec.compacted() && !Set.of("compact").equals(policies(d.cleanupPolicy()))) {
                problems.add("topic " + spec.name() + ": cleanup.policy is '" + d.cleanupPolicy()
                        + "', must be 'compact' (no 'delete': time retention would expire its oldest keys, "
                        + "which read as deletions)");
            }
        }
        Described reference = topics.get(Topics.SOURCES);
        if (reference != null) {
            for (Topics.Spec spec : Topics.ALL) {
                Described d = topics.get(spec.name());
                if (d != null && d.partitions() != reference.partitions()) {
                    problems.add("topic " + spec.name() + ": partitions is " + d.partitions() + ", but "
                            + Topics.SOURCES + " has " + reference.partitions()
                            + " (every streamdns topic must have the same partition count: co-partitioning)");
                }
            }
            if (requestedPartitions != null && requestedPartitions != reference.partitions()) {
                problems.add("--partitions is " + requestedPartitions + ", but the existing topic " + Topics.SOURCES
                        + " has " + reference.partitions() + " partitions (the flag applies only when topics are "
                        + "created: drop it, or give " + reference.partitions() + ")");
            }
        }
        Described config = topics.get(Topics.CONFIG);
        if (config != null && config.partitions() != 1) {
            problems.add("topic " + Topics.CONFIG + ": partitions is " + config.partitions() + ", must be 1");
        }
        return problems;
    }

    private static Set<String> policies(String cleanupPolicy) {
        if (cleanupPolicy == null) {
            return Set.of();
        }
        return Arrays.stream(cleanupPolicy.split(",")).map(String::strip).filter(p -> !p.isEmpty())
                .collect(Collectors.toSet());
    }
}
