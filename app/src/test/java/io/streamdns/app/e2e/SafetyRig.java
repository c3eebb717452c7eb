package io.streamdns.app.e2e;

import static io.streamdns.app.e2e.EndToEndIT.hasA;
import static io.streamdns.app.e2e.EndToEndIT.lbService;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.Main;
import io.streamdns.app.TestStages;
import io.streamdns.app.demo.ZoneView;
import io.streamdns.model.ZoneRecord;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import io.streamdns.testsupport.Eventually;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The parts and helpers of the safety ITs: one pipeline (one broker), zones, stages, the CLI in-process. */
final class SafetyRig implements AutoCloseable {
    static final String HELD = "streamdns.planner.deletes.held";

    final Path dir;
    final Pipeline pipeline;

    SafetyRig(Path dir) {
        this.dir = dir;
        this.pipeline = new Pipeline("example.com");
    }

    @Override
    public void close() {
        pipeline.close();
    }

    ZoneView zone(String name) {
        return ZoneView.of(pipeline.route53, pipeline.route53.createZone(name, false), name);
    }

    static List<ZoneRecord> await(ZoneView zone, String what, Predicate<List<ZoneRecord>> condition) {
        return EndToEndIT.awaitZone(zone, what, condition);
    }

    static void holds(ZoneView zone, String what, Predicate<List<ZoneRecord>> condition, Duration during) {
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            List<ZoneRecord> records = zone.records();
            assertThat(condition.test(records)).as("%s; zone holds %s", what, records).isTrue();
            Pipeline.sleep(100);
        }
    }

    static long count(List<ZoneRecord> zone, String type) {
        return zone.stream().filter(r -> r.type().equals(type)).count();
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        Eventually.until(what, Duration.ofSeconds(60), condition);
    }

    /** Runs a streamdns command in this JVM: exit code and output. */
    String[] cli(String... args) {
        CommandLine cmd = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--kafka-bootstrap-servers=" + pipeline.kafka.bootstrapServers());
        int code = cmd.execute(all.toArray(String[]::new));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    Pipeline.Deployed planner(String domain, String group, String... more) {
        List<String> args = new ArrayList<>(List.of("--txt-owner-id=safety", "--domain-filter=" + domain, "--policy=sync",
                "--group-id=" + group));
        args.addAll(List.of(more));
        return pipeline.start(TestStages.planner(), true, args.toArray(String[]::new));
    }

    void applier(String domain, String group) {
        pipeline.deploy(TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=safety",
                "--domain-filter=" + domain, "--group-id=" + group);
    }

    Pipeline.Deployed watcher(String cluster, KubernetesEmulator k8s, String domain, boolean awaitReady) {
        return pipeline.start(TestStages.watcher(), awaitReady, "--cluster-name=" + cluster,
                "--kubeconfig=" + dir.resolve("kubeconfig-" + cluster), "--domain-filter=" + domain);
    }

    static void service(KubernetesEmulator k8s, String name, String host, String ip) {
        k8s.client().services().inNamespace("default").resource(lbService(name, host)).create();
        k8s.setServiceLoadBalancer("default", name, ip);
    }

}
