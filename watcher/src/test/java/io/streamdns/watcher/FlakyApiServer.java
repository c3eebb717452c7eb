package io.streamdns.watcher;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.streamdns.sandbox.k8s.ClusterIdentityDispatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode that can be switched into an outage: every request then gets a 500
 * (the store is kept), and failed requests are counted so a test can wait for the watcher to have tried.
 */
final class FlakyApiServer implements AutoCloseable {
    /** The mock logs every request through java.util.logging at INFO; kept referenced so the level sticks. */
    private static final Logger MOCK_LOG = quiet();

    private static Logger quiet() {
        Logger log = Logger.getLogger("io.fabric8.mockwebserver");
        log.setLevel(Level.WARNING);
        return log;
    }

    private volatile ClusterIdentityDispatcher crud;
    private volatile boolean down;
    private final AtomicInteger failedLists = new AtomicInteger();
    private final KubernetesMockServer server;
    private final KubernetesClient admin;
    private final List<KubernetesClient> clients = new ArrayList<>();

    /** A new cluster, with its own identity. */
    FlakyApiServer() {
        this(UUID.randomUUID().toString());
    }

    /** A cluster whose kube-system namespace has this UID. */
    FlakyApiServer(String identity) {
        crud = new ClusterIdentityDispatcher(new KubernetesCrudDispatcher(), identity);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (down) {
                    if ("GET".equals(request.getMethod()) && !request.getPath().contains("watch=true")) {
                        failedLists.incrementAndGet();
                    }
                    return new MockResponse().setResponseCode(500).setHeader("Content-Type", "application/json")
                            .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                    + "\"message\":\"etcd unavailable\",\"code\":500}");
                }
                return crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        admin = server.createClient();
    }

    /** The test's own client: creates, edits and deletes objects. */
    KubernetesClient admin() {
        return admin;
    }

    /** A client for a watcher: no long request retries, quick watch reconnects. */
    KubernetesClient newWatcherClient() {
        KubernetesClient c = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0)
                .withWatchReconnectInterval(100).withWatchReconnectLimit(-1).endConfig());
        clients.add(c);
        return c;
    }

    /** The UID of kube-system: the cluster's identity. */
    String identity() {
        return crud.uid();
    }

    /** The identity cannot be read (403), as without RBAC on namespaces. */
    void forbidIdentity() {
        crud.forbid(true);
    }

    void outage(boolean on) {
        if (on) {
            failedLists.set(0);
        }
        down = on;
    }

    /**
     * The API server is replaced by an empty one at the same address (a rebuilt cluster, restored from nothing):
     * new requests see an empty store numbering resourceVersions anew; open watches stay connected and silent.
     */
    void wipe() {
        crud = new ClusterIdentityDispatcher(new KubernetesCrudDispatcher(), crud.uid());
    }

    /** As {@link #wipe}, and the empty one is another cluster (another kube-system UID). */
    void replaceByAnotherCluster(String identity) {
        crud = new ClusterIdentityDispatcher(new KubernetesCrudDispatcher(), identity);
    }

    /** The API server goes away entirely: open watches break, new connections are refused. */
    void shutdown() {
        server.shutdown();
    }

    int failedLists() {
        return failedLists.get();
    }

    @Override
    public void close() {
        clients.forEach(KubernetesClient::close);
        admin.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof TimeoutException)) {
                throw e;
            }
            // fabric8's mock stalls its close for up to a minute when a watch closed while it was still replaying its
            // store to it (the close waits on the event loop for the sender, whose writes wait for the event loop).
            // The server is this test's alone (own Vert.x, own port): the stall cannot reach the next test.
            System.err.println("FlakyApiServer: the mock API server did not shut down within its 10 s: " + e);
        }
    }
}
