package io.streamdns.watcher;

import io.streamdns.model.Topics;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.control.DeleteApproval;
import io.streamdns.runtime.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows partition 0 of {@code streamdns.sources} from where the restore ended, for this cluster's watcher delete
 * approvals ({@code !approve|<cluster>}, written by {@code streamdns approve-deletes --cluster}): held tombstones
 * go out as soon as one arrives, not at the next resync. Handlers run on the verticle's context.
 */
final class ApprovalReader {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalReader.class);
    private final KafkaConsumer<String, byte[]> consumer;

    private ApprovalReader(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    static Future<ApprovalReader> start(Vertx vertx, String bootstrap, String clientId, String cluster, long from,
                                        Consumer<DeleteApproval> onApproval) {
        KafkaConsumer<String, byte[]> consumer = KafkaConsumer.create(vertx,
                KafkaSettings.reader(bootstrap, clientId));
        String key = ControlKeys.clusterApproval(cluster);
        consumer.exceptionHandler(e -> LOG.warn("reading delete approvals of {}: {}", cluster, e.toString()));
        TopicPartition p0 = new TopicPartition(Topics.SOURCES, 0);
        // the handler only after assign and seek: setting it starts the poll loop, and every later call waits for
        // the running poll (1 s) to return, which held the watcher's start up by a second
        return consumer.assign(p0).compose(v -> consumer.seek(p0, from)).map(v -> {
            consumer.handler(r -> onRecord(r, key, cluster, onApproval));
            return new ApprovalReader(consumer);
        });
    }

    private static void onRecord(KafkaConsumerRecord<String, byte[]> r, String key, String cluster,
                                 Consumer<DeleteApproval> onApproval) {
        if (!key.equals(r.key()) || r.value() == null) {
            return;
        }
        try {
            DeleteApproval a = JsonCodec.decode(r.value(), DeleteApproval.class);
            LOG.info("delete approval for cluster {} by {} valid until {}: {}", cluster, a.approvedBy(),
                    Instant.ofEpochMilli(a.validUntil()), a.reason());
            onApproval.accept(a);
        } catch (CodecException e) {
            LOG.warn("{} at offset {} is undecodable, ignored: {}", key, r.offset(), e.getMessage());
        }
    }

    Future<Void> close() {
        return consumer.close();
    }
}
