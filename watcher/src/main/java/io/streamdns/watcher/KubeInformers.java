package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.watcher.core.ServiceMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers a watcher needs: Services and Ingresses (in {@code --namespace}, filtered by {@code --label-filter}
 * on the server), EndpointSlices and Nodes only when a watched service type reads them. They retry list/watch
 * failures forever with back-off instead of stopping, and never start out empty: a failed list leaves the cache as
 * it was, so nothing is derived from it.
 */
final class KubeInformers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubeInformers.class);
    /** EndpointSlices indexed by {@code <namespace>/<service name>}. */
    static final String BY_SERVICE = "service";

    final SharedIndexInformer<Service> services;
    final SharedIndexInformer<Ingress> ingresses;
    final SharedIndexInformer<EndpointSlice> slices;
    final SharedIndexInformer<Node> nodes;
    private final List<SharedIndexInformer<?>> all = new ArrayList<>();

    private final MeterRegistry registry;

    /** Builds the informers without starting them. */
    KubeInformers(KubernetesClient client, WatcherConfig config, MeterRegistry registry) {
        this.registry = registry;
        long resync = config.resyncPeriod().toMillis();
        String ns = config.namespace();
        String labels = config.labelFilter();
        services = config.watchesServices() ? add(labelled(ns == null ? client.services().inAnyNamespace()
                : client.services().inNamespace(ns), labels).runnableInformer(resync)) : null;
        ingresses = config.watchesIngresses() ? add(labelled(ns == null
                ? client.network().v1().ingresses().inAnyNamespace()
                : client.network().v1().ingresses().inNamespace(ns), labels).runnableInformer(resync)) : null;
        if (config.needsEndpointSlices()) {
            Informable<EndpointSlice> op = ns == null ? client.discovery().v1().endpointSlices().inAnyNamespace()
                    : client.discovery().v1().endpointSlices().inNamespace(ns);
            slices = add(op.runnableInformer(0));
            slices.addIndexers(Map.of(BY_SERVICE, s -> {
                String svc = s.getMetadata().getLabels() == null ? null
                        : s.getMetadata().getLabels().get(ServiceMapper.SERVICE_NAME_LABEL);
                return svc == null ? List.of() : List.of(s.getMetadata().getNamespace() + "/" + svc);
            }));
        } else {
            slices = null;
        }
        nodes = config.needsNodes() ? add(client.nodes().runnableInformer(0)) : null;
    }

    private static <T extends HasMetadata> Informable<T> labelled(FilterWatchListDeletable<T, ?, ?> op,
                                                                  String selector) {
        return selector == null ? op : op.withLabelSelector(selector);
    }

    private <T> SharedIndexInformer<T> add(SharedIndexInformer<T> informer) {
        // Default: an initial list failure stops the informer. We retry forever (with back-off) and stay unready.
        String kind = informer.getApiTypeClass().getSimpleName();
        informer.exceptionHandler((started, t) -> {
            registry.counter("streamdns.watcher.kube.errors", "kind", kind).increment();
            LOG.warn("{} list/watch failed ({}), retrying: {}", informer.getApiTypeClass().getSimpleName(),
                    started ? "after sync" : "before sync", t.toString());
            return true;
        });
        all.add(informer);
        return informer;
    }

    <T> void handle(SharedIndexInformer<T> informer, ResourceEventHandler<T> handler) {
        if (informer != null) {
            informer.addEventHandler(handler);
        }
    }

    /** Starts all informers; completes once every one has listed successfully (synced). */
    CompletableFuture<Void> start() {
        return CompletableFuture.allOf(all.stream().map(i -> i.start().toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    boolean hasSynced() {
        return all.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    List<EndpointSlice> slicesOf(String namespace, String service) {
        return slices == null ? List.of() : slices.getIndexer().byIndex(BY_SERVICE, namespace + "/" + service);
    }

    List<Node> nodes() {
        return nodes == null ? List.of() : nodes.getStore().list();
    }

    Service service(String namespace, String name) {
        return services == null ? null : services.getStore().getByKey(namespace + "/" + name);
    }

    Ingress ingress(String namespace, String name) {
        return ingresses == null ? null : ingresses.getStore().getByKey(namespace + "/" + name);
    }

    @Override
    public void close() {
        all.forEach(SharedIndexInformer::stop);
    }
}
