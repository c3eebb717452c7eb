package io.streamdns.runtime.kafka;

import io.streamdns.model.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates the streamdns topics with their settings when missing, and checks that they share one partition
 * count. Blocking: call it off the event loop (start-up, executeBlocking).
 */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /** @return the partition count all topics share */
    public static int ensureTopics(String bootstrap, int partitions, short replicationFactor) {
        try (Admin admin = Admin.create(withTimeout(KafkaSettings.admin(bootstrap, "streamdns-topic-admin")))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(s -> !existing.contains(s.name()))
                    .map(s -> new NewTopic(s.name(), partitions, replicationFactor).configs(s.configs()))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = admin.describeTopics(
                    Topics.ALL.stream().map(Topics.Spec::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
            Set<Integer> counts = described.values().stream().map(d -> d.partitions().size())
                    .collect(java.util.stream.Collectors.toSet());
            if (counts.size() != 1) {
                throw new IllegalStateException("streamdns topics must share one partition count (co-partitioning), found "
                        + described.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().partitions().size()).toList());
            }
            return counts.iterator().next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create streamdns topics on " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> withTimeout(Map<String, String> config) {
        Map<String, Object> c = new java.util.HashMap<>(config);
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return c;
    }
}
