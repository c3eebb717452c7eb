package io.streamdns.planner;

import static io.streamdns.planner.PlannerHarness.WAIT;
import static io.streamdns.planner.PlannerHarness.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Topics;
import io.streamdns.model.shard.Partitioning;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** Planners joining and leaving a group: co-partitioned assignment, and no create planned twice. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class PlannerRebalanceIT {
    @RegisterExtension
    static final BrokerRig RIG = new BrokerRig(Topics.DEFAULT_PARTITIONS);

    @Test
    void theRangeAssignorKeepsPartitionPOfEveryTopicOnOneMember() {
        List<KafkaConsumer<String, byte[]>> members = new ArrayList<>();
        try {
            for (String id : List.of("m1", "m2", "m3")) {
                KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(new HashMap<String, Object>(
                        PlannerVerticle.consumerConfig(RIG.bootstrap(), "g-copartition", id)));
                c.subscribe(PlannerVerticle.LIVE_TOPICS);
                members.add(c);
            }
            Await.until("18 partitions spread over 3 members", WAIT, () -> {
                members.forEach(m -> m.poll(Duration.ofMillis(50)));
                return members.stream().allMatch(m -> !m.assignment().isEmpty())
                        && members.stream().mapToInt(m -> m.assignment().size()).sum() == 18;
            });
            for (KafkaConsumer<String, byte[]> m : members) {
                Map<String, Set<Integer>> byTopic = m.assignment().stream().collect(Collectors.groupingBy(
                        TopicPartition::topic, Collectors.mapping(TopicPartition::partition, Collectors.toCollection(TreeSet::new))));
                assertThat(byTopic.keySet()).containsExactlyInAnyOrderElementsOf(PlannerVerticle.LIVE_TOPICS);
                assertThat(byTopic.values()).as("member %s", m.assignment()).allMatch(s -> s.equals(byTopic.get(Topics.SOURCES)));
            }
        } finally {
            members.forEach(KafkaConsumer::close);
        }
    }

    @Test
    void aPlannerJoiningAndOneLeavingPlanNoCreateTwice(Vertx vertx) throws Exception {
        // shards on at least two partitions, so each member owns some of them
        List<String> shards = new ArrayList<>();
        Set<Integer> used = new TreeSet<>();
        for (int i = 0; shards.size() < 3; i++) {
            String s = "rebal" + i + ".com";
            if (used.add(Partitioning.partitionOfShard(s, Topics.DEFAULT_PARTITIONS))) {
                shards.add(s);
            }
        }
        PlannerConfig config = PlannerConfig.fromMap(Map.of("domain-filter", String.join(",", shards),
                "group-id", "g-rebalance", "debounce", "50ms", "debounce-max", "500ms", "policy", "sync"));
        try (PlannerHarness h = new PlannerHarness(vertx, RIG.bootstrap());
             PlanTap tap = new PlanTap(RIG.bootstrap(), Set.copyOf(shards), true)) {
            PlannerHarness.Running a = h.deployReady(config, "p-a");
            int names = 60;
            for (int i = 0; i < names; i++) {
                String shard = shards.get(i % shards.size());
                h.source(shard, source("c1", "svc" + i, "1", 1000 + i, Endpoint.of("n" + i + "." + shard, "A", "192.0.2." + (i + 1))));
                if (i == 20) {
                    h.deployReady(config, "p-b"); // joins: the group rebalances while plans are in flight
                }
                if (i == 40) {
                    h.undeploy(a); // leaves: its partitions move to p-b
                }
            }
            // the tap puts a plan's record, then its TXT (a Kafka send between): wait for both, or the TXT count races
            Await.until("every name and its TXT applied", WAIT, () -> tap.zone.values().stream()
                    .filter(r -> r.type().equals("A")).count() == names
                    && tap.zone.values().stream().filter(r -> r.type().equals("TXT")).count() == names);
            for (int i = 0; i < names; i++) {
                String name = "n" + i + "." + shards.get(i % shards.size());
                assertThat(tap.createsOf(name)).as("creates of %s", name).isEqualTo(1);
            }
            assertThat(tap.duplicateCreates).hasValue(0);
            assertThat(tap.zone.values().stream().filter(r -> r.type().equals("TXT")).count()).isEqualTo(names);
        }
    }
}
