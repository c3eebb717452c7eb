package io.streamdns.model.control;

import io.streamdns.model.Require;

/**
 * A cluster retired on purpose ({@code streamdns clusters retire}): written on every partition of
 * {@code streamdns.sources} (key {@link ControlKeys#retirement}) after the cluster's keys and markers were
 * tombstoned. The planner treats a retired cluster's desired state as complete and empty, so its records go through
 * the normal delete gates and budget. A sync marker of the cluster newer than {@code retiredAt} revives it.
 */
public record ClusterRetirement(String cluster, long retiredAt, String retiredBy) {
    public ClusterRetirement {
        Require.text(cluster, "cluster");
    }
}
