package io.streamdns.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What one Kubernetes object wants in one shard: the value of {@code streamdns.sources}, keyed
 * {@code <shard>|<cluster/kind/namespace/name>}. A tombstone (null value) means it wants nothing there.
 * {@code rejected} lists the names of this shard the object asked for that the watcher refused, with the reason.
 *
 * @param observedAt epoch millis when the watcher saw the change (start of the end-to-end latency)
 */
public record SourceState(String cluster, String kind, String namespace, String name, String uid,
                          String resourceVersion, long observedAt, List<Endpoint> endpoints, List<Rejection> rejected) {
    public SourceState {
        Require.text(cluster, "cluster");
        Require.text(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Require.text(name, "name");
        endpoints = Require.list(endpoints);
        rejected = Require.list(rejected);
    }

    /** A state with nothing rejected. */
    public SourceState(String cluster, String kind, String namespace, String name, String uid, String resourceVersion,
                       long observedAt, List<Endpoint> endpoints) {
        this(cluster, kind, namespace, name, uid, resourceVersion, observedAt, endpoints, List.of());
    }

    @JsonIgnore
    public SourceRef ref() {
        return new SourceRef(cluster, kind, namespace, name);
    }
}
