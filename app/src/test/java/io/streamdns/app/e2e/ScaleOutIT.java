package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.TestStages;
import io.streamdns.model.ZoneRecord;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** Two planners and two appliers, one consumer group each; one of each stops mid-run; the zone still converges. */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class ScaleOutIT {
    private static final int SERVICES = 60;

    @TempDir
    Path dir;

    @Test
    void survivorsFinishTheWork() {
        try (Pipeline pipeline = new Pipeline("scale.example.com")) {
            KubernetesEmulator k8s = pipeline.cluster(dir, "s");
            pipeline.deploy(TestStages.watcher(), "--cluster-name=scale", "--kubeconfig=" + dir.resolve("kubeconfig-s"));
            String planner1 = pipeline.deploy(TestStages.planner(), "--txt-owner-id=scale", "--policy=sync", "--domain-filter=scale.example.com");
            pipeline.deploy(TestStages.planner(), "--txt-owner-id=scale", "--policy=sync", "--domain-filter=scale.example.com");
            String applier1 = pipeline.deploy(TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=scale",
                    "--domain-filter=scale.example.com");
            pipeline.deploy(TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=scale",
                    "--domain-filter=scale.example.com");

            for (int i = 0; i < SERVICES; i++) {
                String name = "svc-" + i;
                k8s.client().services().inNamespace("default")
                        .resource(EndToEndIT.lbService(name, name + ".scale.example.com")).create();
                k8s.setServiceLoadBalancer("default", name, "10.1.0." + (i + 1));
                if (i == SERVICES / 2) {
                    pipeline.await("some records", z -> count(z, "A") > 0);
                    pipeline.undeploy(planner1);
                    pipeline.undeploy(applier1);
                }
            }
            List<ZoneRecord> zone = pipeline.await("all records", z -> count(z, "A") == SERVICES && count(z, "TXT") == SERVICES);
            for (int i = 0; i < SERVICES; i++) {
                String name = "svc-" + i + ".scale.example.com";
                String ip = "10.1.0." + (i + 1);
                assertThat(zone).as(name).anyMatch(r -> r.name().equals(name) && r.values().equals(List.of(ip)));
            }
        }
    }

    private static long count(List<ZoneRecord> zone, String type) {
        return zone.stream().filter(r -> r.type().equals(type) && r.name().startsWith(type.equals("A") ? "svc-" : "a-svc-")).count();
    }
}
