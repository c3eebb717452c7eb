package io.streamdns.watcher;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kubernetes API access a watcher with this configuration needs, as single grants: the cluster identity,
 * what each enabled source reads (and the DNSEndpoint status it writes), Events with {@code --emit-events}.
 * {@code DeployManifestsTest} checks the ClusterRoles in {@code deploy/} against it, so the manifests grant
 * exactly this.
 */
public final class WatcherRbac {
    static final List<String> READ = List.of("get", "list", "watch");

    /**
     * One grant: verb on a resource (a subresource as {@code resource/sub}) of an API group ("" = core), on one
     * object name or (null) on all.
     */
    public record Grant(String apiGroup, String resource, String resourceName, String verb)
            implements Comparable<Grant> {
        @Override
        public int compareTo(Grant o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return (apiGroup.isEmpty() ? "core" : apiGroup) + " " + resource
                    + (resourceName == null ? "" : "/" + resourceName) + " " + verb;
        }
    }

    private WatcherRbac() {
    }

    /** Read-only access (get, list, watch) to all objects of a resource. */
    static List<Grant> read(String apiGroup, String resource) {
        return READ.stream().map(v -> new Grant(apiGroup, resource, null, v)).toList();
    }

    public static Set<Grant> required(WatcherConfig config) {
        Set<Grant> out = new TreeSet<>();
        out.add(new Grant("", "namespaces", "kube-system", "get")); // the cluster identity (IdentityGuard)
        for (Source<?> s : Sources.enabled(config, new Sources.Context(null, null))) {
            out.addAll(s.rbac(config));
        }
        if (config.emitEvents()) {
            for (String group : List.of("", "events.k8s.io")) {
                out.add(new Grant(group, "events", null, "create"));
                out.add(new Grant(group, "events", null, "patch"));
            }
        }
        return out;
    }
}
