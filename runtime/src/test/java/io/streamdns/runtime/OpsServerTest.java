package io.streamdns.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.runtime.ops.Metrics;
import io.streamdns.runtime.ops.OpsServer;
import io.streamdns.runtime.ops.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OpsServerTest {

    @Test
    void healthReadinessAndMetrics(Vertx vertx, VertxTestContext ctx) {
        var registry = Metrics.newRegistry();
        registry.counter("streamdns.test.events").increment(3);
        Readiness readiness = new Readiness();
        readiness.register("planner");
        HttpClient client = vertx.createHttpClient();
        OpsServer.start(vertx, "127.0.0.1", 0, readiness, registry).compose(ops -> {
            int port = ops.port();
            return get(client, port, "/healthz").compose(health -> {
                ctx.verify(() -> assertThat(health).isEqualTo("200 ok\n"));
                return get(client, port, "/readyz");
            }).compose(notReady -> {
                ctx.verify(() -> assertThat(notReady).startsWith("503").contains("\"planner\":false"));
                readiness.set("planner", true);
                return get(client, port, "/readyz");
            }).compose(ready -> {
                ctx.verify(() -> assertThat(ready).startsWith("200").doesNotContain("details"));
                readiness.detail("planner", "holding 3 deletes");
                return get(client, port, "/readyz");
            }).compose(detailed -> {
                ctx.verify(() -> assertThat(detailed).startsWith("200")
                        .contains("\"details\":{\"planner\":\"holding 3 deletes\"}"));
                return get(client, port, "/metrics");
            }).map(metrics -> {
                ctx.verify(() -> assertThat(metrics).contains("streamdns_test_events_total 3.0").contains("jvm_memory_used_bytes"));
                return null;
            });
        }).onComplete(ctx.succeedingThenComplete());
    }

    private static Future<String> get(HttpClient client, int port, String path) {
        return client.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(req -> req.send().compose(resp -> resp.body().map(Buffer::toString)
                        .map(body -> resp.statusCode() + " " + body)));
    }
}
