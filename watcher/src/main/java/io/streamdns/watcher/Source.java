package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.streamdns.watcher.core.MappingResult;
import java.util.List;

/**
 * One kind of object the watcher maps to DNS endpoints, in the spirit of external-dns's {@code Source}: everything
 * the stage knows about a kind is here, so the safety rules (sync markers, budgets, identity, relist, orphan
 * collection) work on {@code (kind, namespace, name)} keys alone and hold for every source alike.
 *
 * <p>Sources extend {@link KindSource}, which holds the name, kind and type. A source builds its informers
 * through {@link KubeInformers} (which adds the namespace, label filter, resync
 * and retry-forever handling), maps one object by calling a pure mapper of {@code io.streamdns.watcher.core} with
 * what it looks up in the informers' stores, and names the objects it reads besides its own ({@link Dependency}):
 * when one of those changes, the objects that depend on it are mapped again.
 *
 * @param <T> the type of the objects it maps
 */
interface Source<T extends HasMetadata> {
    /** The {@code --source} value. */
    String name();

    /** The kind in {@code SourceRef} and record keys. */
    String kind();

    /** The type of its objects. */
    Class<T> type();

    /** Builds (not starts) the informer of its objects. */
    SharedIndexInformer<T> informer(KubeInformers informers);

    /** Builds (not starts) the informers of the objects its mapping reads, with who depends on them. */
    default List<Dependency<?>> dependencies(KubeInformers informers) {
        return List.of();
    }

    /** Endpoints and rejections of one object, from its state and the informers' stores (no I/O). */
    MappingResult map(T object, KubeInformers lookups);

    /**
     * After an object was mapped (on the verticle's context): a side effect some kinds need (a status written back).
     * Must not block: hand I/O to a worker.
     */
    default void mapped(T object, MappingResult result, KubeInformers informers) {
    }

    /** The API access it needs ({@link WatcherRbac}): what its informers read, what it writes. */
    List<WatcherRbac.Grant> rbac(WatcherConfig config);

    /** True when the kind is cluster-scoped (no namespace; {@code --namespace} does not apply). */
    default boolean clusterScoped() {
        return false;
    }

    default MappingResult mapAny(HasMetadata object, KubeInformers lookups) {
        return map(type().cast(object), lookups);
    }

    default void mappedAny(HasMetadata object, MappingResult result, KubeInformers informers) {
        mapped(type().cast(object), result, informers);
    }
}
