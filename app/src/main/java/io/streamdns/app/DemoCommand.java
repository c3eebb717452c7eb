package io.streamdns.app;

import io.streamdns.app.demo.DemoStory;
import io.streamdns.app.demo.ZoneTable;
import io.streamdns.app.demo.ZoneView;
import io.streamdns.app.logging.LogConfig;
import io.streamdns.app.logging.LogFile;
import io.streamdns.model.ZoneRecord;
import io.streamdns.runtime.Blocking;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.vertx.core.Deployable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/**
 * {@code streamdns demo}: the whole pipeline with no cluster and no AWS account. Two emulated Kubernetes clusters,
 * the embedded Kafka broker, the Route 53 emulator (or {@code --aws-endpoint-url}), two watchers, a planner and an
 * applier, walked through a scripted story; after each step the zone and the time the change took to reach Route 53.
 */
@Blocking("the command's main thread: a CLI command, never an event loop")
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Shows the whole pipeline with no cluster and no AWS account: two emulated clusters, embedded "
                + "Kafka, the Route 53 emulator, watchers, planner and applier, walked through a scripted story.",
                "Afterwards: streamdns audit history webapp.example.com --data-dir <data-dir>/demo"})
public final class DemoCommand implements Callable<Integer> {
    static final String OWNER = "streamdns-demo";
    /** In the demo's data dir, beside the broker's data. */
    public static final String LOG_FILE = "streamdns-demo.log";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SharedOptions shared;

    @Option(names = "--exit-when-done", description = "Exit 0 after the story instead of serving /metrics until Ctrl-C.")
    boolean exitWhenDone;

    @Option(names = "--aws-endpoint-url", description = "Use this Route 53 endpoint instead of the built-in emulator "
            + "(zone example.com is created there if missing).")
    String awsEndpointUrl;

    @Option(names = "--step-timeout", defaultValue = "60", description = "Seconds a step may take (default: ${DEFAULT-VALUE}).")
    int stepTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        shared.validate(spec);
        // a demo on a laptop serves /metrics to this machine only, unless asked otherwise
        shared.httpAddress = shared.httpAddressOr("127.0.0.1");
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = shared.dataDir.resolve("demo").toAbsolutePath();
        freshDataDir(dataDir);
        shared.dataDir = dataDir;
        LogConfig.log4jToSimpleLogger();
        // the console tells the story; what the pipeline, Kafka and the emulators log goes to a file (errors to both)
        try (LogFile log = LogFile.open(dataDir.resolve(LOG_FILE))) {
            out.printf("Logs of the pipeline, Kafka and the emulators: %s%n", log.path());
            out.flush();
            return story(out, dataDir);
        }
    }

    private int story(PrintWriter out, Path dataDir) throws Exception {
        List<AutoCloseable> closeLast = new ArrayList<>();
        try (KubernetesEmulator clusterA = KubernetesEmulator.start(); KubernetesEmulator clusterB = KubernetesEmulator.start()) {
            clusterA.installCrds(); // cluster-a's watcher also reads DNSEndpoints
            String endpoint;
            ZoneView zone;
            Route53Emulator builtIn = null;
            if (awsEndpointUrl == null) {
                Route53Emulator emulator = Route53Emulator.startBlocking(Route53EmulatorOptions.defaults()
                        .withZones(List.of(new Route53EmulatorOptions.ZoneSpec(DemoStory.ZONE, false))));
                closeLast.add(() -> emulator.close().await());
                builtIn = emulator;
                endpoint = emulator.endpoint().toString();
                zone = ZoneView.of(emulator, emulator.zoneId(DemoStory.ZONE), DemoStory.ZONE);
                out.printf("Route 53 emulator on %s (5 requests/s, as Route 53), zone %s%n", endpoint, DemoStory.ZONE);
            } else {
                endpoint = awsEndpointUrl;
                Route53AsyncClient client = DemoZones.client(endpoint);
                closeLast.add(client::close);
                String zoneId = DemoZones.ensureZone(client, DemoStory.ZONE);
                zone = ZoneView.of(client, zoneId, DemoStory.ZONE);
                out.printf("Route 53 at %s, zone %s (%s)%n", endpoint, DemoStory.ZONE, zoneId);
            }
            Path kubeA = clusterA.writeKubeconfig(dataDir.resolve("kubeconfig-cluster-a"));
            Path kubeB = clusterB.writeKubeconfig(dataDir.resolve("kubeconfig-cluster-b"));
            out.printf("Kubernetes API emulators: cluster-a %s, cluster-b %s%n", clusterA.url(), clusterB.url());
            List<StageCommand.Prepared> stages = List.of(
                    prepare(new WatcherCommand(), "--cluster-name=cluster-a", "--kubeconfig=" + kubeA, "--domain-filter=example.com",
                            "--source=" + DemoStory.CLUSTER_A_SOURCES),
                    prepare(new WatcherCommand(), "--cluster-name=cluster-b", "--kubeconfig=" + kubeB, "--domain-filter=example.com"),
                    prepare(new PlannerCommand(), "--txt-owner-id=" + OWNER, "--domain-filter=example.com", "--policy=sync"),
                    prepare(new ApplierCommand(), "--aws-endpoint-url=" + endpoint, "--txt-owner-id=" + OWNER,
                            "--domain-filter=example.com"));
            stages.forEach(s -> closeLast.add(0, s.resources()));
            out.printf("Starting the embedded Kafka broker (data in %s) and the pipeline ...%n", dataDir);
            out.flush();
            StageLauncher launcher = StageLauncher.start(shared, "demo", true, StageCommand.combined(stages),
                    stages.size());
            try {
                launcher.deploy(stages.stream().map(s -> (Deployable) s.verticle().apply(launcher.context())).toList());
                waitReady(launcher, out);
                out.printf("Pipeline ready; /metrics on http://127.0.0.1:%d/metrics%n%n", launcher.httpPort());
                List<Long> latencies = new ArrayList<>();
                int n = 0;
                for (DemoStory.Step step : DemoStory.steps(clusterA, clusterB)) {
                    out.printf("Step %d: %s%n", ++n, step.title());
                    out.flush();
                    long start = System.nanoTime();
                    step.action().run();
                    List<ZoneRecord> records = awaitStep(step, zone, out, start);
                    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    latencies.add(ms);
                    out.printf("  reached Route 53 in %d ms%n%s%n", ms, ZoneTable.render(records));
                    out.flush();
                }
                out.printf("Story done: %d steps, each reached Route 53 in %s ms (debounce 200 ms, Route 53 at 5 requests/s).%n",
                        latencies.size(), latencies);
                if (builtIn != null) {
                    out.printf("Route 53 calls by operation and outcome: %s%n", builtIn.counters().snapshot());
                }
                out.printf("Ask the audit trail: streamdns audit history webapp.example.com --data-dir %s%n", dataDir);
                out.flush();
                if (exitWhenDone) {
                    launcher.close();
                    return 0;
                }
                out.println("Serving /metrics until Ctrl-C.");
                out.flush();
                launcher.runUntilStopped();
                return 0;
            } catch (StepTimeout e) {
                out.println(e.getMessage());
                out.flush();
                launcher.close();
                return 1;
            } catch (RuntimeException e) {
                launcher.close();
                throw e;
            }
        } finally {
            for (AutoCloseable c : closeLast) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort on the way out
                }
            }
        }
    }

    private StageCommand.Prepared prepare(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.parseArgs(args);
        return ((StageCommand) command).prepare();
    }

    private void waitReady(StageLauncher launcher, PrintWriter out) throws InterruptedException {
        long start = System.nanoTime();
        long lastPrint = start;
        while (!launcher.context().readiness().isReady()) {
            if (System.nanoTime() - start > Duration.ofSeconds(stepTimeoutSeconds).toNanos()) {
                throw new StepTimeout("The pipeline did not become ready within " + stepTimeoutSeconds + " s: "
                        + launcher.context().readiness().snapshot());
            }
            if (System.nanoTime() - lastPrint > 1_000_000_000L) {
                out.printf("  ... waiting for %s%n", launcher.context().readiness().snapshot().entrySet().stream()
                        .filter(e -> !e.getValue()).map(Map.Entry::getKey).toList());
                out.flush();
                lastPrint = System.nanoTime();
            }
            Thread.sleep(50);
        }
    }

    private List<ZoneRecord> awaitStep(DemoStory.Step step, ZoneView zone, PrintWriter out, long start)
            throws InterruptedException {
        long lastPrint = start;
        while (true) {
            List<ZoneRecord> records = zone.records();
            if (step.reached().test(records)) {
                return records;
            }
            long now = System.nanoTime();
            if (now - start > Duration.ofSeconds(stepTimeoutSeconds).toNanos()) {
                throw new StepTimeout("  the change did not reach Route 53 within " + stepTimeoutSeconds + " s; the zone holds:\n"
                        + ZoneTable.render(records));
            }
            if (now - lastPrint > 1_000_000_000L) {
                out.printf("  ... waiting for Route 53 (%.1f s)%n", (now - start) / 1e9);
                out.flush();
                lastPrint = now;
            }
            Thread.sleep(awsEndpointUrl == null ? 20 : 500);
        }
    }

    /** Only a directory an earlier demo made (or an empty one) is wiped: the demo never deletes anything else. */
    private static void freshDataDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            boolean ours = Files.exists(dir.resolve("streamdns-embedded.properties"));
            try (Stream<Path> entries = Files.list(dir)) {
                if (!ours && entries.findAny().isPresent()) {
                    throw new IllegalStateException(dir + " exists and is not a demo data dir; choose another --data-dir");
                }
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    static final class StepTimeout extends RuntimeException {
        StepTimeout(String message) {
            super(message);
        }
    }
}
