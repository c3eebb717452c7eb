package io.streamdns.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopicCheckTest {

    /** The topics as streamdns creates them, with {@code partitions} partitions. */
    static Map<String, TopicCheck.Described> good(int partitions) {
        Map<String, TopicCheck.Described> m = new HashMap<>();
        for (Topics.Spec s : Topics.ALL) {
            m.put(s.name(), new TopicCheck.Described(partitions, s.configs().get("cleanup.policy")));
        }
        m.put(Topics.CONFIG, new TopicCheck.Described(1, "compact"));
        return m;
    }

    static Map<String, TopicCheck.Described> with(String topic, int partitions, String policy) {
        Map<String, TopicCheck.Described> m = good(6);
        m.put(topic, new TopicCheck.Described(partitions, policy));
        return m;
    }

    @Test
    void topicsAsCreatedPass() {
        assertThat(TopicCheck.problems(good(6), null)).isEmpty();
        assertThat(TopicCheck.problems(good(6), 6)).isEmpty();
        assertThat(TopicCheck.problems(good(1), null)).isEmpty();
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("sources with time retention", with(Topics.SOURCES, 6, "delete"), null,
                        List.of("topic streamdns.sources: cleanup.policy is 'delete', must be 'compact'")),
                Arguments.of("sources compact and delete", with(Topics.SOURCES, 6, "compact,delete"), null,
                        List.of("topic streamdns.sources: cleanup.policy is 'compact,delete'")),
                Arguments.of("zone state with time retention", with(Topics.ZONE_STATE, 6, "delete, compact"), null,
                        List.of("topic streamdns.zone-state: cleanup.policy is 'delete, compact'")),
                Arguments.of("config topic not compacted", with(Topics.CONFIG, 1, "delete"), null,
                        List.of("topic streamdns.config: cleanup.policy is 'delete'")),
                Arguments.of("config topic with partitions", with(Topics.CONFIG, 3, "compact"), null,
                        List.of("topic streamdns.config: partitions is 3, must be 1")),
                Arguments.of("plans with another count", with(Topics.PLANS, 8, "delete"), null,
                        List.of("topic streamdns.plans: partitions is 8, but streamdns.sources has 6")),
                Arguments.of("explicit --partitions differs", good(6), 12,
                        List.of("--partitions is 12, but the existing topic streamdns.sources has 6 partitions")),
                Arguments.of("a topic missing", without(Topics.RESULTS), null,
                        List.of("topic streamdns.results is missing")));
    }

    static Map<String, TopicCheck.Described> without(String topic) {
        Map<String, TopicCheck.Described> m = good(6);
        m.remove(topic);
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void badSettingsAreNamed(String title, Map<String, TopicCheck.Described> topics, Integer requested,
                             List<String> expected) {
        List<String> problems = TopicCheck.problems(topics, requested);
        assertThat(problems).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(problems.get(i)).startsWith(expected.get(i));
        }
    }

    @Test
    void nonCompactedTopicsMayHaveAnyRetention() {
        assertThat(TopicCheck.problems(with(Topics.RESULTS, 6, "delete"), null)).isEmpty();
    }
}
