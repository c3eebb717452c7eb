package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.model.SourceRef;
import io.streamdns.watcher.core.Rejection;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports dropped endpoints once per object version: a log line each, the counter
 * {@code streamdns.watcher.invalid.endpoints{reason}}, and with {@code --emit-events} a Warning Event on the object.
 * Resyncs and unrelated re-maps of the same version report nothing again. Call only on the verticle's context.
 */
final class InvalidEndpointReporter {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidEndpointReporter.class);
    static final String EVENT_REASON = "InvalidDNSEndpoint";
    static final String COMPONENT = "streamdns-watcher";

    private final MeterRegistry registry;
    private final Vertx vertx;
    private final KubernetesClient client;
    private final boolean emitEvents;
    private final Map<String, String> reportedVersion = new HashMap<>();

    InvalidEndpointReporter(MeterRegistry registry, Vertx vertx, KubernetesClient client, boolean emitEvents) {
        this.registry = registry;
        this.vertx = vertx;
        this.client = client;
        this.emitEvents = emitEvents;
    }

    void report(SourceRef ref, HasMetadata object, List<Rejection> rejections) {
        String identity = ref.identity();
        if (rejections.isEmpty()) {
            reportedVersion.remove(identity);
            return;
        }
        String version = object.getMetadata().getResourceVersion() + "/" + rejections.hashCode();
        if (version.equals(reportedVersion.put(identity, version))) {
            return;
        }
        for (Rejection r : rejections) {
            LOG.warn("{} rv={}: dropped {}", identity, object.getMetadata().getResourceVersion(), r);
            registry.counter("streamdns.watcher.invalid.endpoints", "reason", r.reason()).increment();
        }
        if (emitEvents) {
            emit(object, rejections);
        }
    }

    void forget(SourceRef ref) {
        reportedVersion.remove(ref.identity());
    }

    private void emit(HasMetadata object, List<Rejection> rejections) {
        String message = String.join("; ", rejections.stream().map(Rejection::toString).toList());
        if (message.length() > 1000) {
            message = message.substring(0, 997) + "...";
        }
        String now = Instant.now().toString();
        var meta = object.getMetadata();
        var event = new EventBuilder().withNewMetadata()
                .withName(meta.getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .withNamespace(meta.getNamespace()).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(object.getApiVersion())
                        .withKind(object.getKind()).withName(meta.getName()).withNamespace(meta.getNamespace())
                        .withUid(meta.getUid()).withResourceVersion(meta.getResourceVersion()).build())
                .withType("Warning").withReason(EVENT_REASON).withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withReportingComponent(COMPONENT).build();
        // the fabric8 call blocks: keep it off the event loop; an Event that cannot be written is only logged
        vertx.executeBlocking(() -> client.v1().events().inNamespace(meta.getNamespace()).resource(event).create(),
                false).onFailure(e -> LOG.warn("cannot write Event for {}/{}: {}", meta.getNamespace(),
                meta.getName(), e.toString()));
    }
}
