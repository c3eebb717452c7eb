package io.streamdns.watcher;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * The informer callbacks of a {@link Dependency}: counted, updates that leave the relevant part equal ignored (node
 * heartbeats), every other change handed to {@code changed}. Runs on informer threads: {@code changed} must hop
 * onto the verticle's context itself.
 */
final class DependencyHandler<D> implements ResourceEventHandler<D> {
    private final Dependency<D> dependency;
    private final MeterRegistry registry;
    private final Consumer<D> changed;

    DependencyHandler(Dependency<D> dependency, MeterRegistry registry, Consumer<D> changed) {
        this.dependency = dependency;
        this.registry = registry;
        this.changed = changed;
    }

    @Override
    public void onAdd(D obj) {
        count("add");
        changed.accept(obj);
    }

    @Override
    public void onUpdate(D oldObj, D newObj) {
        count("update");
        if (dependency.changed(oldObj, newObj)) {
            changed.accept(newObj);
        }
    }

    @Override
    public void onDelete(D obj, boolean finalStateUnknown) {
        count("delete");
        changed.accept(obj);
    }

    private void count(String action) {
        registry.counter("streamdns.watcher.events.in", "kind", dependency.kind(), "action", action).increment();
    }
}
