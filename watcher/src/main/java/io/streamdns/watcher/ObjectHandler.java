package io.streamdns.watcher;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * An informer's add/update/delete callbacks for one kind, counted and handed to {@code onContext} (which hops onto
 * the verticle's context): add and update upsert the new state, a watch's delete retracts; a delete the informer
 * inferred from a relist (final state unknown) goes to {@code relisted}, which checks orphans under the budget.
 */
final class ObjectHandler<T> implements ResourceEventHandler<T> {
    private final Counter adds;
    private final Counter updates;
    private final Counter deletes;
    private final Consumer<T> upsert;
    private final Consumer<T> delete;
    private final Consumer<T> relisted;
    private final Consumer<Runnable> onContext;

    ObjectHandler(String kind, MeterRegistry registry, Consumer<T> upsert, Consumer<T> delete, Consumer<T> relisted,
                  Consumer<Runnable> onContext) {
        // looked up once: a lookup by name and tags per event was a measurable part of the informer thread's work
        this.adds = counter(registry, kind, "add");
        this.updates = counter(registry, kind, "update");
        this.deletes = counter(registry, kind, "delete");
        this.upsert = upsert;
        this.delete = delete;
        this.relisted = relisted;
        this.onContext = onContext;
    }

    @Override
    public void onAdd(T obj) {
        adds.increment();
        onContext.accept(() -> upsert.accept(obj));
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
        updates.increment();
        onContext.accept(() -> upsert.accept(newObj));
    }

    @Override
    public void onDelete(T obj, boolean finalStateUnknown) {
        deletes.increment();
        onContext.accept(() -> (finalStateUnknown ? relisted : delete).accept(obj));
    }

    private static Counter counter(MeterRegistry registry, String kind, String action) {
        return registry.counter("streamdns.watcher.events.in", "kind", kind, "action", action);
    }
}
