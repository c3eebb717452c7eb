package io.streamdns.watcher;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.runtime.ops.Readiness;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the API server answers, probed every few seconds ({@code /version}: any HTTP answer below 500 counts):
 * informers retry silently, so without this an outage showed nowhere. An outage is one warning when it starts and
 * one line when it ends, {@code streamdns_watcher_api_reachable} (1/0), {@code streamdns_watcher_api_outages_total}
 * and a readiness detail; the watcher is unready meanwhile and writes no sync markers (its cache may be stale).
 * State is touched on the verticle's context only.
 */
final class ApiHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHealth.class);
    static final String DETAIL = WatcherVerticle.READINESS_CHECK + "-api";

    private final Vertx vertx;
    private final KubernetesClient client;
    private final String cluster;
    private final Readiness readiness;
    private final Runnable changed;
    private final AtomicInteger reachableGauge = new AtomicInteger(1);
    private final Counter outages;
    private boolean reachable = true;
    private long downSince;
    private boolean probing;
    private long timer = -1;

    /** @param changed called on the context when reachability flips */
    ApiHealth(Vertx vertx, KubernetesClient client, String cluster, Readiness readiness, MeterRegistry registry,
              Runnable changed) {
        this.vertx = vertx;
        this.client = client;
        this.cluster = cluster;
        this.readiness = readiness;
        this.changed = changed;
        this.outages = registry.counter("streamdns.watcher.api.outages");
        registry.gauge("streamdns.watcher.api.reachable", reachableGauge);
    }

    void start(Duration every) {
        timer = vertx.setPeriodic(every.toMillis(), t -> probe());
    }

    boolean reachable() {
        return reachable;
    }

    private void probe() {
        if (probing) {
            return;
        }
        probing = true;
        // unordered: a probe hanging on a black-holed API server must not hold up the publisher's ordered hand-overs
        vertx.executeBlocking(() -> {
            try {
                client.getKubernetesVersion();
                return null;
            } catch (KubernetesClientException e) {
                return e.getCode() > 0 && e.getCode() < 500 ? null : describe(e);
            } catch (RuntimeException e) {
                return describe(e);
            }
        }, false).timeout(30, TimeUnit.SECONDS).otherwise(Throwable::toString).onComplete(r -> {
            probing = false;
            update(r.result());
        });
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getMessage() + " (" + root + ")";
    }

    /** @param failure null when the API server answered */
    private void update(String failure) {
        if (failure != null && reachable) {
            reachable = false;
            downSince = System.currentTimeMillis();
            outages.increment();
            readiness.detail(DETAIL, "API server unreachable since " + Instant.ofEpochMilli(downSince) + ": " + failure);
            LOG.warn("API server of cluster {} unreachable: {}. Nothing is tombstoned and no sync marker is "
                    + "written until it answers again", cluster, failure);
            changed.run();
            reachableGauge.set(0); // last: whoever sees the gauge at 0 sees the readiness that goes with it

        } else if (failure == null && !reachable) {
            reachable = true;
            readiness.detail(DETAIL, null);
            LOG.info("API server of cluster {} reachable again after {} s", cluster,
                    (System.currentTimeMillis() - downSince) / 1000);
            changed.run();
            reachableGauge.set(1);
        }
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
