package io.streamdns.watcher;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamdns.model.control.SyncMarker;
import io.streamdns.watcher.ClusterIdentity.Result;
import io.streamdns.watcher.ClusterIdentity.State;
import io.streamdns.watcher.core.StartChecks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the cluster's identity and refuses a cluster name held by another identity ({@link StartChecks}). At
 * start the read waits a little only: with the API server unreachable the watcher starts anyway (nothing is
 * published before the informers synced) and the identity is read and checked again once they have, before the
 * first pass. A forbidden or missing kube-system leaves the identity null, with a warning: the budget protects.
 */
final class IdentityGuard {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityGuard.class);
    static final Duration START_WAIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final KubernetesClient client;
    private final WatcherConfig config;
    private final List<SyncMarker> markers;
    private final SyncMarkers out;
    private boolean pending = true;
    private String known;

    IdentityGuard(Vertx vertx, KubernetesClient client, WatcherConfig config, List<SyncMarker> markers,
                  SyncMarkers out) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
        this.markers = markers;
        this.out = out;
    }

    /** Fails with the refusal; succeeds when the identity is fine, unreadable, or not readable yet. */
    Future<Void> atStart() {
        return read().compose(this::accept).map(settled -> null);
    }

    /**
     * Before the first pass: fails with the refusal; true when settled (the pass may run), false when the API
     * server is still unreachable (try again).
     */
    Future<Boolean> atSync() {
        return pending ? read().compose(this::accept) : Future.succeededFuture(true);
    }

    /**
     * Before a relist: the API server now answering may be another cluster (a kubeconfig or DNS change under a
     * running watcher). Fails with the refusal when the identity changed; an unreadable or unreachable one passes
     * (the relist's orphans still go through the budget).
     */
    Future<Void> atRelist() {
        if (pending || known == null || config.safety().clusterReplaced()) {
            return atSync().mapEmpty();
        }
        return read().compose(r -> {
            if (r.state() != State.READ || r.uid().equals(known)) {
                return Future.succeededFuture();
            }
            String why = "the API server of cluster '" + config.clusterName() + "' now answers with kube-system UID "
                    + r.uid() + ", but it was " + known + " when this watcher started: another cluster. Nothing more is "
                    + "published; restart with --cluster-replaced if the cluster was replaced on purpose";
            LOG.error("refusing to go on: {}", why);
            return Future.failedFuture(new IllegalStateException(why));
        });
    }

    private Future<Result> read() {
        // unordered: a slow API server must not hold up the publisher's ordered hand-overs
        return vertx.executeBlocking(() -> ClusterIdentity.read(client), false)
                .timeout(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .recover(e -> Future.succeededFuture(new Result(State.UNREACHABLE, null, e.toString())));
    }

    private Future<Boolean> accept(Result r) {
        switch (r.state()) {
            case UNREACHABLE -> {
                LOG.info("cluster identity of {} not read yet (API server unreachable: {}); checked again once "
                        + "the informers synced", config.clusterName(), r.detail());
                return Future.succeededFuture(false);
            }
            case UNREADABLE -> {
                pending = false;
                LOG.warn("cluster identity of {} unreadable: {}. Markers carry no identity, a watcher of another "
                        + "cluster under this name cannot be told apart; the delete budget still protects",
                        config.clusterName(), r.detail());
                return Future.succeededFuture(true);
            }
            default -> {
                var refusal = StartChecks.identityConflict(config.clusterName(), r.uid(), markers,
                        config.safety().clusterReplaced());
                if (refusal.isPresent()) {
                    LOG.error("refusing to start: {}", refusal.get());
                    return Future.failedFuture(new IllegalStateException(refusal.get()));
                }
                pending = false;
                known = r.uid();
                out.clusterIdentity(r.uid());
                LOG.info("cluster {} has identity {} (kube-system UID)", config.clusterName(), r.uid());
                return Future.succeededFuture(true);
            }
        }
    }
}
