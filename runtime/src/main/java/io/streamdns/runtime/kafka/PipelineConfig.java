package io.streamdns.runtime.kafka;

import io.streamdns.runtime.Blocking;

import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.runtime.config.PipelineSettings;
import io.streamdns.runtime.config.StartRefusedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline, one configuration: the {@link PipelineSettings} on {@code streamdns.config} (key
 * {@value Topics#CONFIG_KEY}). The first stage that starts writes what it knows; every later stage compares the
 * fields it has and refuses to start on a disagreement, and adds the fields the record lacks. Changing a setting
 * is deliberate: {@code streamdns config set}. Blocking: start-up thread only.
 *
 * <p>Kafka has no compare-and-set, so a stage's write is a proposal on top of the record it read (header
 * {@value #BASED_ON}: that record's offset, or -1 / a tombstone's offset when it read none). Reading the partition in
 * offset order, a proposal takes effect only when it is based on the record in effect at that point; a proposal
 * that lost a race (two stages starting at once on an empty topic, both based on "none") is ignored: the record at
 * the lowest offset wins, deterministically, and the loser refuses to start naming the flag and both values. Plain
 * records ({@code config set}, older stages) always take effect. Since compaction keeps only the latest record, a
 * stage that finds an ignored proposal with other values at the end writes the settings in effect again.
 */
@Blocking("the launching thread, before any verticle is deployed (and CLI commands)")
public final class PipelineConfig {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineConfig.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.CONFIG, 0);
    /** The header of a proposal: the offset of the record it was based on. */
    public static final String BASED_ON = "streamdns-based-on";
    /** Proposals a stage makes before it gives up adding its fields (others keep winning the race). */
    private static final int ATTEMPTS = 5;

    private PipelineConfig() {
    }

    /**
     * What the partition holds: the settings in effect (null: none), the offset of the record that put them in
     * effect (or of the tombstone that removed them, -1 when there is none), and the latest record's settings.
     */
    public record Folded(PipelineSettings settings, long inEffectAt, PipelineSettings latest) {
        boolean latestIgnored() {
            return latest != null && !latest.equals(settings);
        }
    }

    /**
     * Compares {@code mine} with the pipeline's settings, proposes the fields the pipeline lacks, and reads the
     * partition again, so that two stages starting at once with different flags cannot both pass.
     *
     * @return the pipeline's settings after this stage joined
     * @throws StartRefusedException naming every flag whose value differs, with both values
     */
    public static PipelineSettings agree(String bootstrap, PipelineSettings mine, String stage) {
        Folded now = fold(bootstrap);
        for (int attempt = 1; ; attempt++) {
            PipelineSettings pipeline = now.settings() == null ? PipelineSettings.NONE : now.settings();
            refuseOnDisagreement(mine, pipeline, stage, bootstrap, now);
            PipelineSettings merged = pipeline.orElse(mine);
            if (now.settings() != null && merged.equals(pipeline)) {
                reassertIfNeeded(bootstrap, now, stage);
                return pipeline;
            }
            if (attempt > ATTEMPTS) {
                LOG.warn("[{}] could not add {} to the pipeline's settings after {} proposals (others kept writing); "
                        + "they agree, starting", stage, merged.describe(), ATTEMPTS);
                return pipeline;
            }
            write(bootstrap, merged, now.inEffectAt());
            now = fold(bootstrap);
            if (merged.equals(now.settings())) {
                LOG.info("[{}] pipeline settings on {}: {}", stage, Topics.CONFIG, merged.describe());
            }
        }
    }

    private static void refuseOnDisagreement(PipelineSettings mine, PipelineSettings pipeline, String stage,
                                             String bootstrap, Folded now) {
        List<String> problems = new ArrayList<>(mine.disagreements(pipeline));
        if (!problems.isEmpty()) {
            reassertIfNeeded(bootstrap, now, stage); // e.g. our own losing proposal is the latest record
            problems.add("every stage of a pipeline must agree on these (" + Topics.CONFIG + " holds them); fix this "
                    + "stage's flags, or change the pipeline deliberately: streamdns config set --flag=value");
            throw new StartRefusedException(stage + "'s flags disagree with the pipeline's settings", problems);
        }
    }

    /** Compaction keeps only the latest record: when that is an ignored proposal, the settings in effect go last. */
    private static void reassertIfNeeded(String bootstrap, Folded now, String stage) {
        if (now.settings() != null && now.latestIgnored()) {
            LOG.info("[{}] the latest record on {} is a proposal that lost a race; writing the settings in effect "
                    + "again", stage, Topics.CONFIG);
            write(bootstrap, now.settings(), now.inEffectAt());
        }
    }

    /** The settings in effect; empty when none were ever written (or the last was deleted). */
    public static Optional<PipelineSettings> read(String bootstrap) {
        return Optional.ofNullable(fold(bootstrap).settings());
    }

    private static Folded fold(String bootstrap) {
        Map<String, Object> c = new HashMap<>(KafkaSettings.reader(bootstrap, "streamdns-config-reader"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            ReadToEnd.read(consumer, List.of(PARTITION), TIMEOUT, records::add);
            return fold(records);
        }
    }

    /**
     * The settings in effect after these records of the partition, in offset order (pure). A record another key
     * holds is not ours; a tombstone removes the settings; a proposal takes effect only when based on the record in
     * effect (the first record read takes effect whatever it was based on: compaction may have removed that).
     */
    public static Folded fold(List<ConsumerRecord<String, byte[]>> records) {
        PipelineSettings settings = null;
        PipelineSettings latest = null;
        long at = -1;
        boolean first = true;
        for (ConsumerRecord<String, byte[]> r : records) {
            if (!Topics.CONFIG_KEY.equals(r.key())) {
                continue;
            }
            Long basedOn = basedOn(r);
            if (r.value() == null) {
                settings = null;
                latest = null;
                at = r.offset();
            } else {
                latest = decode(r);
                if (first || basedOn == null || basedOn == at) {
                    settings = latest;
                    at = r.offset();
                }
            }
            first = false;
        }
        return new Folded(settings, at, latest);
    }

    private static Long basedOn(ConsumerRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader(BASED_ON);
        if (h == null) {
            return null;
        }
        try {
            return Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return null; // unreadable: taken as a plain write
        }
    }

    private static PipelineSettings decode(ConsumerRecord<String, byte[]> r) {
        try {
            return JsonCodec.decode(r.value(), PipelineSettings.class);
        } catch (CodecException e) {
            throw new StartRefusedException("the pipeline's settings cannot be read", List.of(Topics.CONFIG
                    + " key " + Topics.CONFIG_KEY + " at offset " + r.offset() + ": " + e.getMessage()
                    + " (rewrite it: streamdns config set)"));
        }
    }

    /** Replaces the pipeline's settings, unconditionally ({@code streamdns config set}). */
    public static void write(String bootstrap, PipelineSettings settings) {
        send(bootstrap, new ProducerRecord<>(Topics.CONFIG, 0, Topics.CONFIG_KEY, JsonCodec.encode(settings)));
    }

    /** Proposes settings on top of the record at {@code basedOn} (the one in effect when read; -1: none). */
    static void write(String bootstrap, PipelineSettings settings, long basedOn) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.CONFIG, 0, Topics.CONFIG_KEY,
                JsonCodec.encode(settings));
        r.headers().add(BASED_ON, Long.toString(basedOn).getBytes(StandardCharsets.UTF_8));
        send(bootstrap, r);
    }

    private static void send(String bootstrap, ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                new HashMap<String, Object>(KafkaSettings.producer(bootstrap, "streamdns-config-writer")))) {
            // partition given: the shard partitioner needs <shard>|<identity> keys, and this topic has one partition
            producer.send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + Topics.CONFIG, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + Topics.CONFIG + " on " + bootstrap + ": " + e.getMessage(), e);
        }
    }
}
