package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A cluster's identity: the UID of its {@code kube-system} namespace, which lives as long as the cluster. Written in
 * every sync marker; a watcher whose cluster name is held by another identity refuses to start.
 */
final class ClusterIdentity {
    static final String NAMESPACE = "kube-system";

    /** READ: {@code uid} holds it; UNREADABLE: forbidden or absent (never re-read); UNREACHABLE: try again later. */
    enum State { READ, UNREADABLE, UNREACHABLE }

    record Result(State state, String uid, String detail) {
    }

    private ClusterIdentity() {
    }

    /** Blocking: run on a worker. */
    static Result read(KubernetesClient client) {
        try {
            Namespace ns = client.namespaces().withName(NAMESPACE).get();
            if (ns == null || ns.getMetadata() == null || ns.getMetadata().getUid() == null) {
                return new Result(State.UNREADABLE, null, "no " + NAMESPACE + " namespace");
            }
            return new Result(State.READ, ns.getMetadata().getUid(), null);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 || e.getCode() == 404) {
                return new Result(State.UNREADABLE, null, "reading namespace " + NAMESPACE + " answered " + e.getCode()
                        + " (the watcher needs get on namespaces/" + NAMESPACE + ")");
            }
            return new Result(State.UNREACHABLE, null, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(State.UNREACHABLE, null, e.toString());
        }
    }
}
