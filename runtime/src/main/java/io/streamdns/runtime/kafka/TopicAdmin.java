package io.streamdns.runtime.kafka;

import io.streamdns.model.Topics;
import io.streamdns.runtime.Blocking;
import io.streamdns.runtime.config.StartRefusedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the streamdns topics with their settings when missing, then checks the settings of all of them
 * ({@link TopicCheck}): a stage refuses to run on topics that would lose or misplace its state. Blocking: call it
 * off the event loop (start-up, executeBlocking).
 */
@Blocking("the launching thread, before any verticle is deployed (and CLI commands)")
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /** {@link #ensureTopics(String, int, boolean, short)} with {@code partitions} only for creation. */
    public static int ensureTopics(String bootstrap, int partitions, short replicationFactor) {
        return ensureTopics(bootstrap, partitions, false, replicationFactor);
    }

    /**
     * @param partitions          partition count of the topics that are created
     * @param partitionsRequested whether {@code partitions} was asked for explicitly: then existing topics with
     *                            another count are refused too
     * @return the partition count all co-partitioned topics share
     * @throws StartRefusedException when an existing topic has settings streamdns cannot run on
     */
    public static int ensureTopics(String bootstrap, int partitions, boolean partitionsRequested,
                                   short replicationFactor) {
        List<Topics.Spec> specs = new ArrayList<>(Topics.ALL);
        specs.add(Topics.CONFIG_SPEC);
        List<String> names = specs.stream().map(Topics.Spec::name).toList();
        try (Admin admin = Admin.create(withTimeout(KafkaSettings.admin(bootstrap, "streamdns-topic-admin")))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = specs.stream().filter(s -> !existing.contains(s.name()))
                    .map(s -> new NewTopic(s.name(), s == Topics.CONFIG_SPEC ? 1 : partitions, replicationFactor)
                            .configs(s.configs()))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = untilKnown(() -> admin.describeTopics(names).allTopicNames()
                    .get(30, TimeUnit.SECONDS));
            Map<ConfigResource, Config> configs = untilKnown(() -> admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS));
            Map<String, TopicCheck.Described> topics = new HashMap<>();
            for (String name : names) {
                TopicDescription d = described.get(name);
                Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                ConfigEntry policy = c == null ? null : c.get(TopicConfig.CLEANUP_POLICY_CONFIG);
                if (d != null) {
                    topics.put(name, new TopicCheck.Described(d.partitions().size(),
                            policy == null ? null : policy.value()));
                }
            }
            List<String> problems = TopicCheck.problems(topics, partitionsRequested ? partitions : null);
            if (!problems.isEmpty()) {
                throw new StartRefusedException("the streamdns topics on " + bootstrap
                        + " have settings streamdns cannot run on", problems);
            }
            return topics.get(Topics.SOURCES).partitions();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create streamdns topics on " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /** An admin call that may run before the metadata of just-created topics reached the broker. */
    private interface AdminCall<T> {
        T call() throws ExecutionException, TimeoutException, InterruptedException;
    }

    /** Retries {@code call} for up to 15 s while the broker answers that it does not know a topic yet. */
    private static <T> T untilKnown(AdminCall<T> call) throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200); // a topic created a moment ago: its metadata is on its way
            }
        }
    }

    private static Map<String, Object> withTimeout(Map<String, String> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return c;
    }
}
