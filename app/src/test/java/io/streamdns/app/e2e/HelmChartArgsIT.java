package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.Main;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in claim: the arguments the external-dns Helm chart renders (its default values plus
 * {@code triggerLoopOnEvent: true}, {@code policy: upsert-only}, {@code txtOwnerId} and two {@code domainFilters})
 * start {@code streamdns run} — a JVM of its own given the flags alone, as the image's entrypoint gets them from
 * the chart — and it serves: /healthz and /readyz answer, and a Service's hostname reaches Route 53 with its
 * ownership TXT. The only additions are where this test's emulators are (kubeconfig, Route 53 endpoint), the data
 * dir and a free port.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HelmChartArgsIT {
    /** charts/external-dns/templates/deployment.yaml with those values, in its order. */
    static final List<String> CHART_ARGS = List.of("--log-level=info", "--log-format=text", "--interval=1m",
            "--events", "--source=service", "--source=ingress", "--policy=upsert-only", "--registry=txt",
            "--txt-owner-id=helm-owner", "--domain-filter=example.com", "--domain-filter=example.org",
            "--provider=aws");

    @TempDir
    Path dir;

    @Test
    void theChartsArgumentsStartRunAndItServes() throws Exception {
        Route53Emulator route53 = Route53Emulator.startBlocking(Route53EmulatorOptions.defaults().withZones(List.of(
                new Route53EmulatorOptions.ZoneSpec("example.com", false),
                new Route53EmulatorOptions.ZoneSpec("example.org", false))));
        Process p = null;
        try (KubernetesEmulator k8s = KubernetesEmulator.start()) {
            Path kubeconfig = k8s.writeKubeconfig(dir.resolve("kubeconfig"));
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(CHART_ARGS);
            cmd.addAll(List.of("--kubeconfig=" + kubeconfig, "--aws-endpoint-url=" + route53.endpoint(),
                    "--data-dir=" + dir.resolve("data"), "--http-port=" + port));
            Path log = dir.resolve("run.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("STREAMDNS_") || k.startsWith("EXTERNAL_DNS_"));
            p = pb.start();
            Process running = p;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            await("/readyz answers 200", 120, () -> {
                if (!running.isAlive()) {
                    throw new AssertionError("streamdns exited with " + running.exitValue() + ":\n" + read(log));
                }
                return status(http, port, "/readyz") == 200;
            }, log);
            assertThat(status(http, port, "/healthz")).isEqualTo(200);

            k8s.client().services().inNamespace("default").resource(EndToEndIT.lbService("web", "web.example.org"))
                    .create();
            k8s.setServiceLoadBalancer("default", "web", "203.0.113.10");
            String zone = route53.zoneId("example.org");
            await("web.example.org reaches Route 53", 60, () -> has(route53.records(zone), "web.example.org.", "A"), log);
            assertThat(route53.records(zone)).anySatisfy(r -> {
                assertThat(r.name()).isEqualTo("a-web.example.org.");
                assertThat(r.type()).isEqualTo("TXT");
                assertThat(String.join("", r.values())).contains("external-dns/owner=helm-owner");
            });
            assertThat(Files.readString(log)).contains("running [watcher-default, planner, applier] in one process")
                    .doesNotContain("Unknown option").doesNotContain("Exception");
        } finally {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            route53.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * external-dns's {@code --once} for cron and CI: with the chart's arguments plus {@code --once}, streamdns plans
     * what the cluster holds, applies it, prints a summary and exits 0.
     */
    @Test
    void withOnceItAppliesPrintsASummaryAndExits() throws Exception {
        Route53Emulator route53 = Route53Emulator.startBlocking(Route53EmulatorOptions.defaults().withZones(List.of(
                new Route53EmulatorOptions.ZoneSpec("example.com", false))));
        Process p = null;
        try (KubernetesEmulator k8s = KubernetesEmulator.start()) {
            k8s.client().services().inNamespace("default").resource(EndToEndIT.lbService("api", "api.example.com"))
                    .create();
            k8s.setServiceLoadBalancer("default", "api", "203.0.113.20");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(CHART_ARGS);
            cmd.addAll(List.of("--once", "--kubeconfig=" + k8s.writeKubeconfig(dir.resolve("kubeconfig")),
                    "--aws-endpoint-url=" + route53.endpoint(), "--data-dir=" + dir.resolve("data"), "--http-port=0"));
            Path log = dir.resolve("once.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("STREAMDNS_") || k.startsWith("EXTERNAL_DNS_"));
            p = pb.start();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("exits by itself").isTrue();
            String out = read(log);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("once: ").contains("APPLIED=").doesNotContain("failed or partial");
            assertThat(has(route53.records(route53.zoneId("example.com")), "api.example.com.", "A")).isTrue();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            route53.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean has(List<RecordSet> records, String name, String type) {
        return records.stream().anyMatch(r -> r.name().equals(name) && r.type().equals(type));
    }

    private static int status(HttpClient http, int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(String what, int seconds, BooleanSupplier done, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + seconds + " s; streamdns run said:\n"
                        + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
