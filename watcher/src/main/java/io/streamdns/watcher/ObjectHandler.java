package io.streamdns.watcher;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * An informer's add/update/delete callbacks for one kind, counted and handed to {@code onContext} (which hops onto
 * the verticle's context): add and update upsert the new state, a watch's delete retracts; a delete the informer
 * inferred from a relist (final state unknown) goes to {@code relisted}, which checks orphans under the budget.
 */
final class ObjectHandler<T> implements ResourceEventHandler<T> {
    private final String kind;
    private final MeterRegistry registry;
    private final Consumer<T> upsert;
    private final Consumer<T> delete;
    private final Consumer<T> relisted;
    private final Consumer<Runnable> onContext;

    ObjectHandler(String kind, MeterRegistry registry, Consumer<T> upsert, Consumer<T> delete, Consumer<T> relisted,
                  Consumer<Runnable> onContext) {
        this.kind = kind;
        this.registry = registry;
        this.upsert = upsert;
        this.delete = delete;
        this.relisted = relisted;
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
        onContext.accept(() -> (finalStateUnknown ? relisted : delete).accept(obj));
    }

    private void count(String action) {
        registry.counter("streamdns.watcher.events.in", "kind", kind, "action", action).increment();
    }
}
