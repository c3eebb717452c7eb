package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.streamdns.model.SourceRef;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.watcher.core.IngressMapper;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.MappingResult;
import io.streamdns.watcher.core.ServiceMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informer objects → mapped endpoints → {@link SourcePublisher}: the full pass's objects, add/update events (the
 * store's newest state, skipped when that very object version was mapped already), slice and node changes, and
 * retractions. Call only on the verticle's context.
 */
final class ObjectMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectMapping.class);

    private final WatcherConfig config;
    private final MappingOptions options;
    private final Supplier<KubeInformers> informerSupplier;
    private final SourcePublisher publisher;
    private final InvalidEndpointReporter reporter;
    /**
     * identity → uid and resourceVersion of the object as last mapped, to skip events that bring nothing new. The
     * uid too: an API server rebuilt or replaced numbers resourceVersions anew, so an equal version of another
     * object (same name, new uid) is news.
     */
    private final Map<String, String> mappedVersion = new HashMap<>();

    ObjectMapping(WatcherConfig config, Supplier<KubeInformers> informers, SourcePublisher publisher,
                  InvalidEndpointReporter reporter) {
        this.config = config;
        this.options = config.mappingOptions();
        this.informerSupplier = informers;
        this.publisher = publisher;
        this.reporter = reporter;
    }

    private KubeInformers informers() {
        return informerSupplier.get();
    }

    /** One object of a full pass, read from the store now (null: deleted meanwhile, its delete retracts it). */
    void passOne(String kind, String namespace, String name) {
        switch (kind) {
            case ServiceMapper.KIND -> {
                Service svc = informers().service(namespace, name);
                if (svc != null) {
                    onService(svc, true);
                }
            }
            case IngressMapper.KIND -> {
                Ingress ing = informers().ingress(namespace, name);
                if (ing != null) {
                    apply(ref(IngressMapper.KIND, ing), ing, IngressMapper.map(ing, options), true);
                }
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }

    /** An object of this scope that no longer exists, per the synced informer caches. */
    boolean gone(SourceRef ref) {
        return collects(ref) && !exists(ref);
    }

    /**
     * A named scope owns its whole key space: what its flags no longer cover is tombstoned. The default scope
     * collects only the kinds and namespace it watches, as before scopes existed, so watchers that split one
     * cluster by --source or --namespace without scopes keep working.
     */
    private boolean collects(SourceRef ref) {
        if (!config.safety().scope().equals(ControlKeys.DEFAULT_SCOPE)) {
            return true;
        }
        boolean kind = (ref.kind().equals(ServiceMapper.KIND) && config.watchesServices())
                || (ref.kind().equals(IngressMapper.KIND) && config.watchesIngresses());
        return kind && (config.namespace() == null || config.namespace().equals(ref.namespace()));
    }

    private boolean exists(SourceRef ref) {
        return switch (ref.kind()) {
            case ServiceMapper.KIND -> informers().service(ref.namespace(), ref.name()) != null;
            case IngressMapper.KIND -> informers().ingress(ref.namespace(), ref.name()) != null;
            default -> true;
        };
    }

    private void onService(Service svc) {
        onService(svc, false);
    }

    private void onService(Service svc, boolean bulk) {
        String type = ServiceMapper.LOAD_BALANCER;
        List<EndpointSlice> slices = List.of();
        List<Node> nodes = List.of();
        if (svc.getSpec() != null) {
            type = svc.getSpec().getType() == null ? ServiceMapper.CLUSTER_IP : svc.getSpec().getType();
            boolean headless = "None".equals(svc.getSpec().getClusterIP());
            if (headless || type.equals(ServiceMapper.NODE_PORT)) {
                slices = informers().slicesOf(svc.getMetadata().getNamespace(), svc.getMetadata().getName());
            }
            if (type.equals(ServiceMapper.NODE_PORT)) {
                nodes = informers().nodes();
            }
        }
        apply(ref(ServiceMapper.KIND, svc), svc, ServiceMapper.map(svc, slices, nodes, options), bulk);
    }

    /**
     * An add/update event: maps the object's newest state from the store (an event queued behind a newer one must
     * not publish the older state), unless that very version was mapped already and published fine. The informer
     * hands every object of its initial list to the handlers after the full pass may have mapped it; a watch
     * restart or a resync repeats them all again: re-mapping 20,000 unchanged objects only to find equal hashes was
     * a third of the watcher's work at start. Slice and node changes re-map through their own paths.
     */
    void onServiceEvent(Service event) {
        Service svc = informers().service(event.getMetadata().getNamespace(), event.getMetadata().getName());
        if (svc != null && !alreadyMapped(ref(ServiceMapper.KIND, svc), svc)) {
            onService(svc);
        } // null: deleted meanwhile, its delete event retracts it
    }

    void onIngressEvent(Ingress event) {
        Ingress ing = informers().ingress(event.getMetadata().getNamespace(), event.getMetadata().getName());
        if (ing != null && !alreadyMapped(ref(IngressMapper.KIND, ing), ing)) {
            onIngress(ing);
        }
    }

    private boolean alreadyMapped(SourceRef ref, HasMetadata object) {
        String version = version(object);
        return version != null && version.equals(mappedVersion.get(ref.identity()))
                && !publisher.index().hasUnknown(ControlKeys.sourceIdentity(ref, config.safety().scope()));
    }

    private void onIngress(Ingress ing) {
        apply(ref(IngressMapper.KIND, ing), ing, IngressMapper.map(ing, options), false);
    }

    private void apply(SourceRef ref, HasMetadata object, MappingResult result, boolean bulk) {
        if (result.skipped() != null) {
            LOG.debug("{} skipped: {}", ref.identity(), result.skipped());
        }
        reporter.report(ref, object, result.rejections());
        var meta = object.getMetadata();
        String version = version(object);
        if (version != null) {
            mappedVersion.put(ref.identity(), version);
        } else {
            mappedVersion.remove(ref.identity());
        }
        publisher.publish(ref, new SourcePublisher.Seen(meta.getUid(), meta.getResourceVersion(),
                System.currentTimeMillis()), result.endpoints(), result.rejections(), bulk);
    }

    void retract(SourceRef ref) {
        mappedVersion.remove(ref.identity());
        reporter.forget(ref);
        publisher.retract(ref);
    }

    /** A slice changed: re-map its service, if we watch it. */
    void onSlice(EndpointSlice slice) {
        var labels = slice.getMetadata().getLabels();
        String svcName = labels == null ? null : labels.get(ServiceMapper.SERVICE_NAME_LABEL);
        Service svc = svcName == null ? null : informers().service(slice.getMetadata().getNamespace(), svcName);
        if (svc != null) {
            onService(svc);
        }
    }

    void onNodesChanged() {
        if (informers().services == null) {
            return;
        }
        for (Service svc : informers().services.getStore().list()) {
            if (svc.getSpec() != null && ServiceMapper.NODE_PORT.equals(svc.getSpec().getType())) {
                onService(svc);
            }
        }
    }

    SourceRef ref(String kind, HasMetadata o) {
        return new SourceRef(config.clusterName(), kind, o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    private static String version(HasMetadata object) {
        var meta = object.getMetadata();
        return meta.getResourceVersion() == null ? null : meta.getUid() + "/" + meta.getResourceVersion();
    }
}
