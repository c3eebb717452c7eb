package io.streamdns.app.e2e;

import io.streamdns.runtime.StageContext;
import io.streamdns.runtime.ops.OpsServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.DoublePredicate;

/** A stage's {@code /metrics} as Prometheus scrapes it: its own ops server, read over HTTP. */
final class MetricsScrape implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
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

    /** Polls until the series' value satisfies {@code condition}; returns it, or fails with the scrape. */
    double await(String metric, DoublePredicate condition, String... labels) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String text = scrape();
            double v = valueIn(text, metric, labels);
            if (condition.test(v)) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": " + metric + Arrays.toString(labels) + " is " + v + "; scrape:\n"
                        + text.lines().filter(l -> l.startsWith("external_dns")).reduce("", (a, b) -> a + b + "\n"));
            }
            Pipeline.sleep(100);
        }
    }

    @Override
    public void close() {
        server.close().await();
    }
}
