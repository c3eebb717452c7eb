package io.streamdns.watcher;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * An informer's add/update/delete callbacks for one kind, counted and handed to {@code onContext} (which hops onto
 * the verticle's context): add and update upsert the new state, delete (also from a successful relist) retracts.
 */
final class ObjectHandler<T> implements ResourceEventHandler<T> {
    private final String kind;
    private final MeterRegistry registry;
    private final Consumer<T> upsert;
    private final Consumer<T> delete;
    private final Consumer<Runnable> onContext;

    ObjectHandler(String kind, MeterRegistry registry, Consumer<T> upsert, Consumer<T> delete,
                  Consumer<Runnable> onContext) {
        this.kind = kind;
        this.registry = registry;
        this.upsert = upsert;
        this.delete = delete;
        this.onContext = onContext;
    }

    @Override
    public void onAdd(T obj) {
        count("add");
        onContext.accept(() -> upsert.accept(obj));
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
        count("update");
        onContext.accept(() -> upsert.accept(newObj));
    }

    @Override
    public void onDelete(T obj, boolean finalStateUnknown) {
        count("delete");
        onContext.accept(() -> delete.accept(obj));
    }

    private void count(String action) {
        registry.counter("streamdns.watcher.events.in", "kind", kind, "action", action).increment();
    }
}
