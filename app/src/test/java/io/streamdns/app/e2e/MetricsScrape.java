package io.streamdns.app.e2e;

import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.ops.OpsServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoublePredicate;

/** A stage's {@code /metrics} as Prometheus scrapes it: its own ops server, read over HTTP. */
final class MetricsScrape implements AutoCloseable {
    /** HTTP/1.1 as Prometheus scrapes (the JDK's default tries an h2c upgrade, whose request timeout ends at the headers). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final OpsServer server;
    private final String name;

    private MetricsScrape(String name, OpsServer server) {
        this.name = name;
        this.server = server;
    }

    static MetricsScrape of(Vertx vertx, String name, StageContext stage) {
        return new MetricsScrape(name, OpsServer.start(vertx, "127.0.0.1", 0, stage.readiness(), stage.registry()).await());
    }

    String scrape() {
        long started = System.nanoTime();
        try { // a bounded wait for the whole answer, body included: a stuck scrape fails with its reason
            HttpResponse<String> r = HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).get(12, TimeUnit.SECONDS);
            return r.body();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + ": /metrics did not answer within "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the series of {@code metric} with these {@code label="value"} pairs; NaN when there is none. */
    double value(String metric, String... labels) {
        return valueIn(scrape(), metric, labels);
    }

    static double valueIn(String text, String metric, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (!(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            if (Arrays.stream(labels).allMatch(series::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /**
     * Polls until the series' value satisfies {@code condition}; returns it, or fails with the last scrape (a scrape
     * that failed is tried again until the deadline, then named as the cause).
     */
    double await(String metric, DoublePredicate condition, String... labels) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String text = "";
            RuntimeException failed = null;
            try {
                text = scrape();
            } catch (IllegalStateException e) {
                failed = e;
            }
            double v = valueIn(text, metric, labels);
            if (failed == null && condition.test(v)) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": " + metric + Arrays.toString(labels) + " is " + v + "; scrape:\n"
                        + text.lines().filter(l -> l.startsWith("external_dns")).reduce("", (a, b) -> a + b + "\n"),
                        failed);
            }
            Pipeline.sleep(100);
        }
    }

    @Override
    public void close() {
        server.close().await();
    }
}
