package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.streamdns.model.SourceRef;
import io.streamdns.runtime.ops.ExternalDnsMetrics;
import io.streamdns.watcher.core.MappingRejection;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports dropped endpoints, and objects refused whole, once per object version: a log line each (at most
 * {@value #MAX_LINES}, then one line with the counts), the counter {@code streamdns.watcher.invalid.endpoints{reason}}
 * for every one, and with {@code --emit-events} a Warning Event on the object ({@value #EVENT_REASON}, or
 * {@value #REFUSED_REASON} when the object is refused).
 * Resyncs and unrelated re-maps of the same version report nothing again. Call only on the verticle's context.
 */
final class InvalidEndpointReporter {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidEndpointReporter.class);
    static final String EVENT_REASON = "InvalidDNSEndpoint";
    /** The Event reason when the whole object is refused (the bound, DESIGN rule W8): nothing new is published. */
    static final String REFUSED_REASON = "DNSEndpointsRefused";
    /** Log lines per reported object version; the rest is summed up in one line. */
    static final int MAX_LINES = 20;
    private static final int MAX_MESSAGE = 1000;
    static final String COMPONENT = "streamdns-watcher";

    private final MeterRegistry registry;
    private final Vertx vertx;
    private final KubernetesClient client;
    private final boolean emitEvents;
    private final Map<String, String> reportedVersion = new HashMap<>();
    private final ExternalDnsMetrics edns;
    /** Per object: its source type and how many of its endpoints are rejected now (external-dns's gauge). */
    private final Map<String, Invalid> invalidNow = new HashMap<>();
    private final Map<String, AtomicLong> invalidBySource = new ConcurrentHashMap<>();

    private record Invalid(String sourceType, int count) {
    }

    InvalidEndpointReporter(MeterRegistry registry, Vertx vertx, KubernetesClient client, boolean emitEvents) {
        this.registry = registry;
        this.vertx = vertx;
        this.client = client;
        this.emitEvents = emitEvents;
        this.edns = ExternalDnsMetrics.of(registry);
    }

    /**
     * {@code external_dns_source_invalid_endpoints{record_type, source_type}}: the object's endpoints rejected now
     * for their configuration (not those the domain filter leaves out: external-dns drops those silently). A
     * rejection does not know the record type it would have had: {@code record_type="unknown"}, as external-dns
     * labels what it cannot tell.
     */
    private void invalidNow(SourceRef ref, List<MappingRejection> rejections) {
        int n = (int) rejections.stream().filter(r -> !r.code().equals(MappingRejection.DOMAIN_FILTER)).count();
        Invalid now = n == 0 ? null : new Invalid(ref.kind().toLowerCase(java.util.Locale.ROOT), n);
        Invalid before = now == null ? invalidNow.remove(ref.identity()) : invalidNow.put(ref.identity(), now);
        if (before != null) {
            invalid(before.sourceType()).addAndGet(-before.count());
        }
        if (now != null) {
            invalid(now.sourceType()).addAndGet(now.count());
        }
    }

    private AtomicLong invalid(String sourceType) {
        return invalidBySource.computeIfAbsent(sourceType, t -> {
            AtomicLong holder = new AtomicLong();
            edns.gauge("source_invalid_endpoints", "Number of endpoints currently rejected due to invalid "
                    + "configuration, partitioned by record type and source.",
                    Tags.of("record_type", "unknown", "source_type", t), this, holder::get);
            return holder;
        });
    }

    /** The watcher stopped: its objects no longer count. */
    void close() {
        edns.withdraw(this);
    }

    void report(SourceRef ref, HasMetadata object, List<MappingRejection> rejections) {
        String identity = ref.identity();
        invalidNow(ref, rejections);
        if (rejections.isEmpty()) {
            reportedVersion.remove(identity);
            return;
        }
        String version = object.getMetadata().getResourceVersion() + "/" + rejections.hashCode();
        if (version.equals(reportedVersion.put(identity, version))) {
            return;
        }
        // an object may hold 20,000 bad names: a bounded number of lines, every rejection counted
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < rejections.size(); i++) {
            MappingRejection r = rejections.get(i);
            if (i < MAX_LINES) {
                LOG.warn("{} rv={}: {} {}", identity, object.getMetadata().getResourceVersion(),
                        r.refusesObject() ? "refused:" : "dropped", r);
            }
            counts.merge(r.code(), 1, Integer::sum);
        }
        if (rejections.size() > MAX_LINES) {
            LOG.warn("{} rv={}: {} more rejections not logged ({} in all: {})", identity,
                    object.getMetadata().getResourceVersion(), rejections.size() - MAX_LINES, rejections.size(),
                    counts);
        }
        counts.forEach((reason, n) -> registry.counter("streamdns.watcher.invalid.endpoints", "reason", reason)
                .increment(n));
        if (emitEvents) {
            emit(object, rejections);
        }
    }

    void forget(SourceRef ref) {
        reportedVersion.remove(ref.identity());
        invalidNow(ref, List.of());
    }

    private void emit(HasMetadata object, List<MappingRejection> rejections) {
        StringBuilder message = new StringBuilder();
        for (MappingRejection r : rejections) {
            if (message.length() > MAX_MESSAGE) {
                break;
            }
            message.append(message.length() == 0 ? "" : "; ").append(r);
        }
        if (message.length() > MAX_MESSAGE) {
            message.setLength(MAX_MESSAGE - 3);
            message.append("...");
        }
        boolean refused = rejections.stream().anyMatch(MappingRejection::refusesObject);
        String now = Instant.now().toString();
        var meta = object.getMetadata();
        var event = new EventBuilder().withNewMetadata()
                .withName(meta.getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .withNamespace(meta.getNamespace()).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(object.getApiVersion())
                        .withKind(object.getKind()).withName(meta.getName()).withNamespace(meta.getNamespace())
                        .withUid(meta.getUid()).withResourceVersion(meta.getResourceVersion()).build())
                .withType("Warning").withReason(refused ? REFUSED_REASON : EVENT_REASON)
                .withMessage(message.toString())
                .withNewSource().withComponent(COMPONENT).endSource()
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withReportingComponent(COMPONENT).build();
        // the fabric8 call blocks: keep it off the event loop; an Event that cannot be written is only logged
        vertx.executeBlocking(() -> client.v1().events().inNamespace(meta.getNamespace()).resource(event).create(),
                false).onFailure(e -> LOG.warn("cannot write Event for {}/{}: {}", meta.getNamespace(),
                meta.getName(), e.toString()));
    }
}
