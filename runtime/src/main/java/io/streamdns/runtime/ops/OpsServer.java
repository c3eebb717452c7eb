package io.streamdns.runtime.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;

/**
 * {@code /healthz} (alive), {@code /readyz} (all checks ready, else 503 with the list), {@code /metrics} (the
 * registry's meters and the external-dns gauges Micrometer cannot name, {@link ExternalDnsMetrics#exposition}).
 */
public final class OpsServer {
    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    public static Future<OpsServer> start(Vertx vertx, String host, int port, Readiness readiness,
                                          PrometheusMeterRegistry registry) {
        return vertx.createHttpServer().requestHandler(req -> {
            switch (req.path()) {
                case "/healthz" -> req.response().putHeader("content-type", "text/plain").end("ok\n");
                case "/readyz" -> {
                    JsonObject body = new JsonObject();
                    readiness.snapshot().forEach(body::put);
                    if (!readiness.details().isEmpty()) {
                        body.put("details", new JsonObject(new LinkedHashMap<>(readiness.details())));
                    }
                    req.response().setStatusCode(readiness.isReady() ? 200 : 503)
                            .putHeader("content-type", "application/json").end(body.encode() + "\n");
                }
                case "/metrics" -> req.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(registry.scrape() + ExternalDnsMetrics.of(registry).exposition());
                default -> req.response().setStatusCode(404).end("not found: " + req.path() + "\n");
            }
        }).listen(port, host).map(OpsServer::new);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }
}
