package io.streamdns.app;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.runtime.Blocking;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.streamdns.runtime.ops.Readiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code run --once}, external-dns's {@code --once} for cron and CI: after the stages are ready, waits until the
 * pipeline is quiet (the planners' group has read every source and zone state, the appliers' group every plan, and
 * no plan or result was written for a while), then sums up the results written since the start. Blocking: the
 * command's main thread.
 */
@Blocking("the command's main thread: a CLI command, never an event loop")
final class OnceRun {
    private final String bootstrap;
    private final Map<TopicPartition, Long> resultsFrom;

    private OnceRun(String bootstrap, Map<TopicPartition, Long> resultsFrom) {
        this.bootstrap = bootstrap;
        this.resultsFrom = resultsFrom;
    }

    /** Notes where {@code streamdns.results} ends before the stages start. */
    static OnceRun begin(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(new HashMap<>(KafkaSettings.admin(bootstrap, "streamdns-once")))) {
            return new OnceRun(bootstrap, ends(admin, List.of(Topics.RESULTS)));
        }
    }

    /** What one run did: results by status, the changes they carried, the plans that failed. */
    record Summary(Map<ApplyResult.Status, Integer> byStatus, int changes, List<String> failed) {
        int plans() {
            return byStatus.values().stream().mapToInt(Integer::intValue).sum();
        }

        boolean ok() {
            return failed.isEmpty();
        }

        String text() {
            return "once: " + plans() + " plans applied or answered " + byStatus + ", " + changes + " changes"
                    + (failed.isEmpty() ? "" : "; failed or partial: " + failed);
        }
    }

    /**
     * @param groups the planners' and the appliers' consumer groups
     * @param quiet  how long plans and results must stay unchanged (longer than the planner's debounce bound)
     */
    Summary await(Readiness readiness, String plannerGroup, String applierGroup, Duration quiet, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!readiness.isReady()) {
            check(deadline, "the pipeline is not ready: " + readiness.snapshot());
            Thread.sleep(100);
        }
        try (Admin admin = Admin.create(new HashMap<>(KafkaSettings.admin(bootstrap, "streamdns-once")))) {
            Map<TopicPartition, Long> last = null;
            long quietSince = System.nanoTime();
            while (true) {
                check(deadline, "the pipeline did not settle");
                Map<TopicPartition, Long> written = ends(admin, List.of(Topics.PLANS, Topics.RESULTS));
                boolean caughtUp = lag(admin, plannerGroup, List.of(Topics.SOURCES, Topics.ZONE_STATE)) == 0
                        && lag(admin, applierGroup, List.of(Topics.PLANS)) == 0;
                if (!written.equals(last) || !caughtUp) {
                    last = written;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince >= quiet.toNanos()) {
                    return summary();
                }
                Thread.sleep(250);
            }
        }
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("--once: " + what + " in time");
        }
    }

    /** Records of the group's topics not yet committed; a partition the group never committed counts whole. */
    private static long lag(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, Long> ends = ends(admin, topics);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> starts = starts(admin, topics);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long from = c != null ? c.offset() : starts.getOrDefault(e.getKey(), 0L);
            lag += Math.max(0, e.getValue() - from);
        }
        return lag;
    }

    private Summary summary() {
        Map<ApplyResult.Status, Integer> byStatus = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        int changes = 0;
        Map<String, Object> config = new HashMap<>(KafkaSettings.reader(bootstrap, "streamdns-once"));
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            c.assign(resultsFrom.keySet());
            resultsFrom.forEach(c::seek);
            Map<TopicPartition, Long> end = c.endOffsets(resultsFrom.keySet());
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue;
                    }
                    ApplyResult result = JsonCodec.decode(r.value(), ApplyResult.class);
                    byStatus.merge(result.status(), 1, Integer::sum);
                    changes += result.outcomes().size();
                    if (result.status() == ApplyResult.Status.FAILED || result.status() == ApplyResult.Status.PARTIAL) {
                        failed.add(result.shard() + "|" + result.planId());
                    }
                }
            }
        } catch (CodecException e) {
            throw new IllegalStateException("--once: a result could not be read: " + e.getMessage(), e);
        }
        return new Summary(byStatus, changes, failed);
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics) throws Exception {
        return offsets(admin, topics, OffsetSpec.latest());
    }

    private static Map<TopicPartition, Long> starts(Admin admin, List<String> topics) throws Exception {
        return offsets(admin, topics, OffsetSpec.earliest());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<String> topics, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), spec)));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }
}
