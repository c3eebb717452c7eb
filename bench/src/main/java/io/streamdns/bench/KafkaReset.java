package io.streamdns.bench;

import io.streamdns.model.Topics;
import io.streamdns.runtime.kafka.TopicAdmin;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Deletes and recreates the streamdns topics of a shared broker so a rig starts from empty topics. */
public final class KafkaReset {
    private KafkaReset() {
    }

    public static void recreateTopics(String bootstrap, int partitions) {
        Set<String> ours = Topics.ALL.stream().map(Topics.Spec::name).collect(Collectors.toSet());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(ours::contains).collect(Collectors.toSet());
            if (!present.isEmpty()) {
                admin.deleteTopics(present).all().get(30, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(ours::contains)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("streamdns topics still present 30 s after their deletion");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reset the streamdns topics: " + e.getMessage(), e);
        }
        // a topic just deleted may linger in the broker's metadata for a moment: retry creation briefly
        for (int attempt = 1; ; attempt++) {
            try {
                TopicAdmin.ensureTopics(bootstrap, partitions, (short) 1);
                return;
            } catch (IllegalStateException e) {
                if (attempt >= 20) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
