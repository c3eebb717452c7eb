package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * Nodes matter only through their addresses and schedulability; heartbeats are ignored. Runs on informer threads:
 * {@code changed} must hop onto the verticle's context itself.
 */
final class NodeHandler implements ResourceEventHandler<Node> {
    private final MeterRegistry registry;
    private final Runnable changed;

    NodeHandler(MeterRegistry registry, Runnable changed) {
        this.registry = registry;
        this.changed = changed;
    }

    @Override
    public void onAdd(Node node) {
        count("add");
        changed.run();
    }

    @Override
    public void onUpdate(Node oldNode, Node newNode) {
        count("update");
        if (!Objects.equals(relevant(oldNode), relevant(newNode))) {
            changed.run();
        }
    }

    @Override
    public void onDelete(Node node, boolean finalStateUnknown) {
        count("delete");
        changed.run();
    }

    private void count(String action) {
        registry.counter("streamdns.watcher.events.in", "kind", "Node", "action", action).increment();
    }

    private static List<Object> relevant(Node n) {
        return List.of(String.valueOf(n.getStatus() == null ? null : n.getStatus().getAddresses()),
                String.valueOf(n.getSpec() == null ? null : n.getSpec().getUnschedulable()));
    }
}
