package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.runtime.ops.ExternalDnsMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one generation (a relist builds new ones): one per enabled {@link Source} for the objects it
 * maps (in {@code --namespace}, filtered by {@code --label-filter} on the server), plus the informers of the objects
 * their mappings read, built once per name and shared between sources. They retry list/watch failures forever with
 * back-off instead of stopping, and never start out empty: a failed list leaves the cache as it was, so nothing is
 * derived from it. The stores are the lookups of every mapping.
 */
final class KubeInformers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubeInformers.class);

    final KubernetesClient client;
    final WatcherConfig config;
    private final MeterRegistry registry;
    private final Map<String, SharedIndexInformer<? extends HasMetadata>> byKind = new LinkedHashMap<>();
    private final Map<String, SharedIndexInformer<?>> shared = new LinkedHashMap<>();
    private final List<SharedIndexInformer<?>> all = new ArrayList<>();

    /** Builds nothing yet: {@link #watch} and {@link #shared} do, per source. */
    KubeInformers(KubernetesClient client, WatcherConfig config, MeterRegistry registry) {
        this.client = client;
        this.config = config;
        this.registry = registry;
    }

    /** Builds the informer of a source's objects and registers it as the store of its kind. */
    <T extends HasMetadata> SharedIndexInformer<T> watch(Source<T> source) {
        SharedIndexInformer<T> informer = add(source.kind(), source.informer(this));
        byKind.put(source.kind(), informer);
        return informer;
    }

    /** A namespaced kind in {@code --namespace} (all when unset), under {@code --label-filter}, with the resync. */
    <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>> SharedIndexInformer<T>
    namespaced(MixedOperation<T, L, R> op) {
        String ns = config.namespace();
        return labelled(ns == null ? op.inAnyNamespace() : op.inNamespace(ns), config.labelFilter())
                .runnableInformer(config.resyncPeriod().toMillis());
    }

    /** A namespaced kind a mapping reads: in {@code --namespace}, no label filter, no resync. */
    <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>> SharedIndexInformer<T>
    lookup(MixedOperation<T, L, R> op, String namespace) {
        return (namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace)).runnableInformer(0);
    }

    private static <T extends HasMetadata> Informable<T> labelled(FilterWatchListDeletable<T, ?, ?> op,
                                                                  String selector) {
        return selector == null ? op : op.withLabelSelector(selector);
    }

    /** The informer of that name, built on first use (several sources read EndpointSlices, Nodes or Gateways). */
    @SuppressWarnings("unchecked")
    <D> SharedIndexInformer<D> shared(String name, Supplier<SharedIndexInformer<D>> build) {
        return (SharedIndexInformer<D>) shared.computeIfAbsent(name, n -> add(n, build.get()));
    }

    /** The shared informer of that name, or null when no source built it. */
    @SuppressWarnings("unchecked")
    <D> SharedIndexInformer<D> shared(String name) {
        return (SharedIndexInformer<D>) shared.get(name);
    }

    private <T> SharedIndexInformer<T> add(String kind, SharedIndexInformer<T> informer) {
        // Default: an initial list failure stops the informer. We retry forever (with back-off) and stay unready.
        informer.exceptionHandler((started, t) -> {
            registry.counter("streamdns.watcher.kube.errors", "kind", kind).increment();
            ExternalDnsMetrics.of(registry).counter("source_errors", "Number of Source errors.").increment();
            LOG.warn("{} list/watch failed ({}), retrying: {}", kind, started ? "after sync" : "before sync",
                    t.toString());
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

    /** True when a source of this kind is enabled (its informer exists). */
    boolean watches(String kind) {
        return byKind.containsKey(kind);
    }

    /** The object of a watched kind from its store, or null (gone, or the kind is not watched). */
    HasMetadata object(String kind, String namespace, String name) {
        SharedIndexInformer<? extends HasMetadata> informer = byKind.get(kind);
        return informer == null ? null
                : informer.getStore().getByKey(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    /** Objects of a watched kind under an index key of its informer (none when not watched). */
    List<? extends HasMetadata> byIndex(String kind, String index, String key) {
        SharedIndexInformer<? extends HasMetadata> informer = byKind.get(kind);
        return informer == null ? List.of() : informer.getIndexer().byIndex(index, key);
    }

    /** Every object of a watched kind in its store (none when not watched). */
    List<? extends HasMetadata> objects(String kind) {
        SharedIndexInformer<? extends HasMetadata> informer = byKind.get(kind);
        return informer == null ? List.of() : informer.getStore().list();
    }

    @Override
    public void close() {
        all.forEach(SharedIndexInformer::stop);
    }
}
