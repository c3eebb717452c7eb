package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.streamdns.app.TestStages;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record shapes external-dns writes, end to end into the Route 53 emulator (read as stored, routing fields and all):
 * NodePort SRV sets, the union of one cluster's objects' addresses, ALIAS health evaluation, multi-value by presence,
 * geoproximity. Each test has its own zone, cluster and consumer groups on the class's one broker.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RecordBehavioursIT {
    private static final String PREFIX = "external-dns.kubernetes.io/";
    @TempDir
    static Path dir;
    static Pipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = new Pipeline("records-e2e.com");
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    /** Watcher, planner and applier for one zone; returns the cluster. */
    private static KubernetesEmulator deploy(String zone, String name, String... plannerArgs) {
        if (!zone.equals("records-e2e.com")) {
            pipeline.route53.createZone(zone, false);
        }
        KubernetesEmulator k = pipeline.cluster(dir, name);
        pipeline.deploy(TestStages.watcher(), "--cluster-name=" + name, "--kubeconfig=" + dir.resolve("kubeconfig-" + name),
                "--domain-filter=" + zone);
        List<String> planner = new java.util.ArrayList<>(List.of("--txt-owner-id=" + name, "--domain-filter=" + zone,
                "--policy=sync", "--group-id=planner-" + name, "--managed-record-types=A,AAAA,CNAME,SRV"));
        planner.addAll(List.of(plannerArgs));
        pipeline.deploy(TestStages.planner(), planner.toArray(String[]::new));
        pipeline.deploy(TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=" + name,
                "--domain-filter=" + zone, "--group-id=applier-" + name);
        return k;
    }

    @Test
    void nodePortSrvSetsAreNamedAndValuedAsExternalDns() {
        KubernetesEmulator k = deploy("records-e2e.com", "srv");
        k.client().nodes().resource(node("n1", "192.0.2.11")).create();
        k.client().nodes().resource(node("n2", "192.0.2.12")).create();
        Service svc = new ServiceBuilder().withNewMetadata().withName("game").withNamespace("default")
                .withAnnotations(Map.of(PREFIX + "hostname", "game.records-e2e.com")).endMetadata()
                .withNewSpec().withType("NodePort")
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).withNodePort(30080).endPort()
                .addNewPort().withName("admin").withProtocol("TCP").withPort(81).withNodePort(30081).endPort()
                .addNewPort().withName("voice").withProtocol("UDP").withPort(5000).withNodePort(30500).endPort()
                .endSpec().build();
        k.client().services().inNamespace("default").resource(svc).create();

        List<RecordSet> zone = await("SRV sets", "records-e2e.com",
                z -> find(z, "_game._tcp.game.records-e2e.com.", "SRV") != null
                        && find(z, "_game._udp.game.records-e2e.com.", "SRV") != null
                        && find(z, "game.records-e2e.com.", "A") != null);
        assertThat(find(zone, "_game._tcp.game.records-e2e.com.", "SRV").values())
                .containsExactlyInAnyOrder("0 50 30080 game.records-e2e.com.", "0 50 30081 game.records-e2e.com.");
        assertThat(find(zone, "_game._udp.game.records-e2e.com.", "SRV").values())
                .containsExactly("0 50 30500 game.records-e2e.com.");
        assertThat(find(zone, "game.records-e2e.com.", "A").values())
                .containsExactlyInAnyOrder("192.0.2.11", "192.0.2.12");
        // no set per port name, as streamdns wrote before
        assertThat(zone).noneMatch(r -> r.name().startsWith("_http.") || r.name().startsWith("_admin."));
        // each set owned by its TXT, named as external-dns names it
        assertThat(zone).anyMatch(r -> r.type().equals("TXT") && r.name().equals("srv-_game._tcp.game.records-e2e.com."));
    }

    static Node node(String name, String externalIp) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewAddress().withType("ExternalIP").withAddress(externalIp).endAddress().endStatus()
                .build();
    }

    static List<RecordSet> await(String what, String zoneName, Predicate<List<RecordSet>> condition) {
        return pipeline.awaitSets(pipeline.route53.zoneId(zoneName), what, condition);
    }

    static RecordSet find(List<RecordSet> zone, String name, String type) {
        return Pipeline.find(zone, name, type);
    }
}
