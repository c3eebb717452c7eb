package io.streamdns.runtime.kafka;

import io.streamdns.runtime.Blocking;

import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.runtime.config.PipelineSettings;
import io.streamdns.runtime.config.StartRefusedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline, one configuration: the {@link PipelineSettings} on {@code streamdns.config} (key
 * {@value Topics#CONFIG_KEY}). The first stage that starts writes what it knows; every later stage compares the
 * fields it has and refuses to start on a disagreement, and adds the fields the record lacks. Changing a setting
 * is deliberate: {@code streamdns config set}. Blocking: start-up thread only.
 */
@Blocking("the launching thread, before any verticle is deployed (and CLI commands)")
public final class PipelineConfig {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineConfig.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.CONFIG, 0);

    private PipelineConfig() {
    }

    /**
     * Compares {@code mine} with the pipeline's settings, records the fields the pipeline lacks, and reads the
     * record back so that two stages starting at once with different flags cannot both pass on an empty topic.
     *
     * @return the pipeline's settings after this stage joined
     * @throws StartRefusedException naming every flag whose value differs, with both values
     */
    public static PipelineSettings agree(String bootstrap, PipelineSettings mine, String stage) {
        Optional<PipelineSettings> stored = read(bootstrap);
        PipelineSettings pipeline = stored.orElse(PipelineSettings.NONE);
        refuseOnDisagreement(mine, pipeline, stage);
        PipelineSettings merged = pipeline.orElse(mine);
        if (stored.isEmpty() || !merged.equals(pipeline)) {
            write(bootstrap, merged);
            LOG.info("[{}] pipeline settings on {}: {}", stage, Topics.CONFIG, merged.describe());
            pipeline = read(bootstrap).orElse(PipelineSettings.NONE);
            refuseOnDisagreement(mine, pipeline, stage);
        }
        return pipeline;
    }

    private static void refuseOnDisagreement(PipelineSettings mine, PipelineSettings pipeline, String stage) {
        List<String> problems = new ArrayList<>(mine.disagreements(pipeline));
        if (!problems.isEmpty()) {
            problems.add("every stage of a pipeline must agree on these (" + Topics.CONFIG + " holds them); fix this "
                    + "stage's flags, or change the pipeline deliberately: streamdns config set --flag=value");
            throw new StartRefusedException(stage + "'s flags disagree with the pipeline's settings", problems);
        }
    }

    /** The latest settings on the topic; empty when none were ever written (or the last was deleted). */
    public static Optional<PipelineSettings> read(String bootstrap) {
        Map<String, Object> c = new HashMap<>(KafkaSettings.reader(bootstrap, "streamdns-config-reader"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            byte[][] latest = new byte[1][];
            ReadToEnd.read(consumer, List.of(PARTITION), TIMEOUT, r -> {
                if (Topics.CONFIG_KEY.equals(r.key())) {
                    latest[0] = r.value();
                }
            });
            if (latest[0] == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(JsonCodec.decode(latest[0], PipelineSettings.class));
            } catch (CodecException e) {
                throw new StartRefusedException("the pipeline's settings cannot be read", List.of(Topics.CONFIG
                        + " key " + Topics.CONFIG_KEY + ": " + e.getMessage() + " (rewrite it: streamdns config set)"));
            }
        }
    }

    /** Replaces the pipeline's settings (the first stage, a stage adding fields, {@code streamdns config set}). */
    public static void write(String bootstrap, PipelineSettings settings) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                new HashMap<String, Object>(KafkaSettings.producer(bootstrap, "streamdns-config-writer")))) {
            // partition given: the shard partitioner needs <shard>|<identity> keys, and this topic has one partition
            producer.send(new ProducerRecord<>(Topics.CONFIG, 0, Topics.CONFIG_KEY, JsonCodec.encode(settings)))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + Topics.CONFIG, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + Topics.CONFIG + " on " + bootstrap + ": " + e.getMessage(), e);
        }
    }
}
