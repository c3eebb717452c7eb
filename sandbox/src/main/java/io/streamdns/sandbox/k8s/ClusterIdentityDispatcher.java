package io.streamdns.sandbox.k8s;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Answers {@code GET /api/v1/namespaces/kube-system} with a namespace of the given UID (a cluster's identity to a
 * watcher) and {@code GET /version} with a version, and hands every other request to the delegate. The mock's CRUD store numbers UIDs from 1 in every JVM
 * and ignores a UID given on create or update, so two runs would share an identity. {@link #forbid} answers 403
 * instead, like an API server whose RBAC does not let the watcher read namespaces.
 */
public final class ClusterIdentityDispatcher extends Dispatcher {
    static final String PATH = "/api/v1/namespaces/" + KubernetesEmulator.KUBE_SYSTEM;
    /**
     * The CRUD store answers {@code GET /version} with a list of every object it holds (megabytes at 20,000
     * Services), which a watcher's health probe fetched every 2 s: answered here as an API server does.
     */
    static final String VERSION_PATH = "/version";
    private static final String VERSION = "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\","
            + "\"gitCommit\":\"0000000000000000000000000000000000000000\",\"gitTreeState\":\"clean\","
            + "\"buildDate\":\"2024-08-13T07:28:49Z\",\"goVersion\":\"go1.22.5\",\"compiler\":\"gc\","
            + "\"platform\":\"linux/amd64\"}";
    private final Dispatcher delegate;
    private final String uid;
    private volatile boolean forbidden;

    public ClusterIdentityDispatcher(Dispatcher delegate, String uid) {
        this.delegate = delegate;
        this.uid = uid;
    }

    public String uid() {
        return uid;
    }

    /** From now on the identity cannot be read (403). */
    public void forbid(boolean on) {
        forbidden = on;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        if ("GET".equals(request.getMethod()) && (query < 0 ? path : path.substring(0, query)).equals(PATH)) {
            if (forbidden) {
                return new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":"
                                + "\"Forbidden\",\"message\":\"namespaces \\\"kube-system\\\" is forbidden\",\"code\":403}");
            }
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(Serialization.asJson(new NamespaceBuilder().withNewMetadata()
                            .withName(KubernetesEmulator.KUBE_SYSTEM).withUid(uid).withResourceVersion("1")
                            .endMetadata().build()));
        }
        if ("GET".equals(request.getMethod()) && (query < 0 ? path : path.substring(0, query)).equals(VERSION_PATH)) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(VERSION);
        }
        return delegate.dispatch(request);
    }
}
