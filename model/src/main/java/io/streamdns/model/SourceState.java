package io.streamdns.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What one Kubernetes object wants in one shard: the value of {@code streamdns.sources}, keyed
 * {@code <shard>|<cluster/kind/namespace/name>}. A tombstone (null value) means it wants nothing there.
 *
 * @param observedAt epoch millis when the watcher saw the change (start of the end-to-end latency)
 */
public record SourceState(String cluster, String kind, String namespace, String name, String uid,
                          String resourceVersion, long observedAt, List<Endpoint> endpoints) {
    public SourceState {
        Require.text(cluster, "cluster");
        Require.text(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Require.text(name, "name");
        endpoints = Require.list(endpoints);
    }

    @JsonIgnore
    public SourceRef ref() {
        return new SourceRef(cluster, kind, namespace, name);
    }
}
