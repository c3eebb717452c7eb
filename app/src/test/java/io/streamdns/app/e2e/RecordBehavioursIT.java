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

    @Test
    void objectsOfOneClusterWithOneHostnameGetTheUnionOfTheirAddresses() {
        KubernetesEmulator k = deploy("union-e2e.com", "union");
        create(k, lb("web-a", "web.union-e2e.com", Map.of()));
        create(k, lb("web-b", "web.union-e2e.com", Map.of()));
        k.setServiceLoadBalancer("default", "web-a", "203.0.113.1");
        k.setServiceLoadBalancer("default", "web-b", "203.0.113.2");
        List<RecordSet> zone = await("both Services' addresses", "union-e2e.com",
                z -> a(z, "web.union-e2e.com.", "203.0.113.1", "203.0.113.2"));
        // the TXT names one object, the lowest resource (as external-dns, which sorts by resource)
        assertThat(find(zone, "a-web.union-e2e.com.", "TXT").values().get(0))
                .contains("external-dns/resource=service/default/web-a");

        k.client().services().inNamespace("default").withName("web-a").delete();
        await("web-b's address only", "union-e2e.com", z -> a(z, "web.union-e2e.com.", "203.0.113.2"));
        k.client().services().inNamespace("default").withName("web-b").delete();
        await("gone with the last object", "union-e2e.com", z -> find(z, "web.union-e2e.com.", "A") == null
                && find(z, "a-web.union-e2e.com.", "TXT") == null);
    }

    @Test
    void aliasHonoursEvaluateTargetHealthFalse() {
        KubernetesEmulator k = deploy("alias-e2e.com", "alias", "--aws-evaluate-target-health=false");
        create(k, lb("shop", "shop.alias-e2e.com", Map.of(PREFIX + "alias", "true")));
        create(k, lb("api", "api.alias-e2e.com", Map.of(PREFIX + "alias", "A",
                PREFIX + "aws-evaluate-target-health", "true")));
        k.setServiceLoadBalancer("default", "shop", "k8s-shop-1.us-east-1.elb.amazonaws.com");
        k.setServiceLoadBalancer("default", "api", "k8s-api-1.us-east-1.elb.amazonaws.com");
        List<RecordSet> zone = await("ALIAS records", "alias-e2e.com",
                z -> find(z, "shop.alias-e2e.com.", "A") != null && find(z, "shop.alias-e2e.com.", "AAAA") != null
                        && find(z, "api.alias-e2e.com.", "A") != null);
        assertThat(find(zone, "shop.alias-e2e.com.", "A").alias().evaluateTargetHealth()).isFalse();
        assertThat(find(zone, "shop.alias-e2e.com.", "AAAA").alias().evaluateTargetHealth()).isFalse();
        assertThat(find(zone, "shop.alias-e2e.com.", "A").alias().hostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K");
        // the annotation wins over the flag
        assertThat(find(zone, "api.alias-e2e.com.", "A").alias().evaluateTargetHealth()).isTrue();
    }

    @Test
    void multiValueAnswerByPresence() {
        KubernetesEmulator k = deploy("mv-e2e.com", "mv");
        // external-dns reads the annotation by presence: even "false" makes a multi-value answer record
        create(k, lb("mv-1", "mv.mv-e2e.com", Map.of(PREFIX + "set-identifier", "one",
                PREFIX + "aws-multi-value-answer", "false")));
        create(k, lb("mv-2", "mv.mv-e2e.com", Map.of(PREFIX + "set-identifier", "two",
                PREFIX + "aws-multi-value-answer", "")));
        k.setServiceLoadBalancer("default", "mv-1", "203.0.113.11");
        k.setServiceLoadBalancer("default", "mv-2", "203.0.113.12");
        List<RecordSet> zone = await("two multi-value sets", "mv-e2e.com",
                z -> z.stream().filter(r -> r.name().equals("mv.mv-e2e.com.") && r.type().equals("A")).count() == 2);
        assertThat(zone).filteredOn(r -> r.name().equals("mv.mv-e2e.com.") && r.type().equals("A"))
                .allSatisfy(r -> assertThat(r.multiValueAnswer()).isTrue())
                .extracting(RecordSet::setIdentifier).containsExactlyInAnyOrder("one", "two");
        // zone-state reads back as planned: nothing more is written
        long changes = pipeline.route53.counters().total("ChangeResourceRecordSets");
        Pipeline.sleep(1500);
        assertThat(pipeline.route53.counters().total("ChangeResourceRecordSets")).isEqualTo(changes);
    }

    @Test
    void geoProximityRecordsReachTheZoneWithTheirLocation() {
        KubernetesEmulator k = deploy("geo-e2e.com", "geo");
        create(k, lb("ldn", "app.geo-e2e.com", Map.of(PREFIX + "set-identifier", "ldn",
                PREFIX + "aws-geoproximity-coordinates", "51.50,-0.12", PREFIX + "aws-geoproximity-bias", "10")));
        create(k, lb("eu", "app.geo-e2e.com", Map.of(PREFIX + "set-identifier", "eu",
                PREFIX + "aws-geoproximity-region", "eu-west-1")));
        // refused with its reason (bias outside -99..99), never sent half-formed; the others go out
        create(k, lb("bad", "bad.geo-e2e.com", Map.of(PREFIX + "set-identifier", "bad",
                PREFIX + "aws-geoproximity-region", "eu-west-1", PREFIX + "aws-geoproximity-bias", "150")));
        k.setServiceLoadBalancer("default", "bad", "203.0.113.23");
        k.setServiceLoadBalancer("default", "ldn", "203.0.113.21");
        k.setServiceLoadBalancer("default", "eu", "203.0.113.22");
        List<RecordSet> zone = await("two geoproximity sets", "geo-e2e.com",
                z -> z.stream().filter(r -> r.name().equals("app.geo-e2e.com.") && r.type().equals("A")).count() == 2);
        RecordSet ldn = zone.stream().filter(r -> "ldn".equals(r.setIdentifier()) && r.type().equals("A"))
                .findFirst().orElseThrow();
        assertThat(ldn.geoProximity()).isEqualTo(new RecordSet.GeoProximity(null, null, "51.50", "-0.12", 10));
        assertThat(ldn.values()).containsExactly("203.0.113.21");
        RecordSet eu = zone.stream().filter(r -> "eu".equals(r.setIdentifier()) && r.type().equals("A"))
                .findFirst().orElseThrow();
        assertThat(eu.geoProximity()).isEqualTo(new RecordSet.GeoProximity("eu-west-1", null, null, null, 0));
        // the ownership TXTs are geoproximity sets of the same location
        assertThat(zone).anyMatch(r -> r.type().equals("TXT") && r.name().equals("a-app.geo-e2e.com.")
                && "ldn".equals(r.setIdentifier()) && ldn.geoProximity().equals(r.geoProximity()));
        // read back as planned (bias 0 for the one without), and the refused one stays refused: no more writes
        long changes = pipeline.route53.counters().total("ChangeResourceRecordSets");
        Pipeline.sleep(1500);
        assertThat(pipeline.route53.counters().total("ChangeResourceRecordSets")).isEqualTo(changes);
        assertThat(pipeline.route53.records(pipeline.route53.zoneId("geo-e2e.com")))
                .noneMatch(r -> r.name().equals("bad.geo-e2e.com."));
    }

    static Service lb(String name, String hostname, Map<String, String> annotations) {
        Map<String, String> all = new java.util.HashMap<>(annotations);
        all.put(PREFIX + "hostname", hostname);
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").withAnnotations(all)
                .endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec()
                .build();
    }

    static void create(KubernetesEmulator k, Service svc) {
        k.client().services().inNamespace("default").resource(svc).create();
    }

    static boolean a(List<RecordSet> zone, String name, String... ips) {
        RecordSet r = find(zone, name, "A");
        return r != null && r.alias() == null && r.values().stream().sorted().toList()
                .equals(java.util.Arrays.stream(ips).sorted().toList());
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
