package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Objects of another kind that a source's mapping reads (a Service's EndpointSlices and Nodes, a route's Gateways):
 * a change to one re-maps the objects that depend on it.
 *
 * @param kind       for the events-in metric
 * @param informer   built through {@link KubeInformers}, usually shared between sources
 * @param relevant   the part of an object that matters (an update that leaves it equal re-maps nothing)
 * @param dependants the objects of the source to map again when this object changed (read from the stores)
 */
record Dependency<D>(String kind, SharedIndexInformer<D> informer, Function<D, Object> relevant,
                     BiFunction<D, KubeInformers, Collection<? extends HasMetadata>> dependants) {
    /** Every change matters. */
    static <D> Dependency<D> of(String kind, SharedIndexInformer<D> informer,
                                BiFunction<D, KubeInformers, Collection<? extends HasMetadata>> dependants) {
        return new Dependency<>(kind, informer, d -> d, dependants);
    }

    boolean changed(D before, D after) {
        return !Objects.equals(relevant.apply(before), relevant.apply(after));
    }

    static Collection<? extends HasMetadata> none() {
        return List.of();
    }
}
