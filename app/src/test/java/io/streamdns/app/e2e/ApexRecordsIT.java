package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.streamdns.app.TestStages;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.nio.file.Path;
import java.time.Duration;
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
 * An ALIAS at the zone apex, end to end through the real SDK into the Route 53 emulator (which refuses a DELETE that
 * does not match the set exactly): created and owned by the apex marker beside the SPF and verification values
 * someone else keeps there, which survive create, update and delete byte-for-byte; a change of that TXT set made
 * between our read and our write fails our batch, which is planned again and never loses the other value. Each test
 * has its own zone, cluster and consumer groups on the class's one broker.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ApexRecordsIT {
    private static final String PREFIX = "external-dns.kubernetes.io/";
    private static final String SPF = "\"v=spf1 include:_spf.google.com ~all\"";
    private static final String VERIFY = "\"google-site-verification=abc123\"";
    private static final String LB1 = "k8s-web-1.us-east-1.elb.amazonaws.com";
    private static final String LB2 = "k8s-web-2.us-east-1.elb.amazonaws.com";
    @TempDir
    static Path dir;
    static Pipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = new Pipeline("apex-e2e.com");
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    /** The zone (created unless it is the pipeline's), its apex TXT set as given, then the three stages. */
    private static KubernetesEmulator deploy(String zone, String owner, List<String> apexTxt) {
        if (!zone.equals("apex-e2e.com")) {
            pipeline.route53.createZone(zone, false);
        }
        pipeline.route53.change(pipeline.route53.zoneId(zone), List.of(ChangeRequest.of("CREATE", zone + ".", "TXT",
                3600, apexTxt)));
        KubernetesEmulator k = pipeline.cluster(dir, owner);
        pipeline.deploy(TestStages.watcher(), "--cluster-name=" + owner, "--kubeconfig=" + dir.resolve("kubeconfig-" + owner),
                "--domain-filter=" + zone);
        pipeline.deploy(TestStages.planner(), "--txt-owner-id=" + owner, "--domain-filter=" + zone, "--policy=sync",
                "--group-id=planner-" + owner);
        pipeline.deploy(TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=" + owner,
                "--domain-filter=" + zone, "--group-id=applier-" + owner);
        return k;
    }

    @Test
    void anApexAliasIsOwnedBesideSpfAndVerificationWhichSurviveCreateUpdateAndDelete() {
        String zone = "apex-e2e.com";
        KubernetesEmulator k = deploy(zone, "apex", List.of(SPF, VERIFY));
        k.client().services().inNamespace("default").resource(lbService("web", zone)).create();
        k.setServiceLoadBalancer("default", "web", LB1);

        List<RecordSet> created = await("the apex ALIAS and our marker", zone, z -> aliasTo(z, zone, LB1)
                && txt(z, zone + ".").values().size() == 3);
        RecordSet marker = txt(created, zone + ".");
        assertThat(marker.values().get(0)).as("ours first: external-dns reads the first value")
                .startsWith("\"heritage=external-dns,external-dns/cluster=apex,external-dns/owner=apex,"
                        + "external-dns/resource=service/default/web");
        assertThat(marker.values().subList(1, 3)).containsExactlyInAnyOrder(SPF, VERIFY);
        assertThat(marker.ttl()).isEqualTo(3600);
        assertThat(created).as("no TXT outside the zone's apex for it").noneMatch(r -> r.name().contains("a-apex-e2e"));

        k.setServiceLoadBalancer("default", "web", LB2);
        List<RecordSet> updated = await("the ALIAS moved to the new load balancer", zone, z -> aliasTo(z, zone, LB2));
        assertThat(txt(updated, zone + ".")).as("the TXT set is not touched by an update").isEqualTo(marker);

        k.client().services().inNamespace("default").withName("web").delete();
        List<RecordSet> deleted = await("the ALIAS gone and our value with it", zone,
                z -> find(z, zone + ".", "A") == null && txt(z, zone + ".").values().size() == 2);
        RecordSet left = txt(deleted, zone + ".");
        assertThat(left.values()).containsExactlyInAnyOrder(SPF, VERIFY);
        assertThat(left.ttl()).isEqualTo(3600);
    }

    @Test
    void aConcurrentChangeOfTheApexTxtFailsOurBatchWhichIsRetriedAndLosesNothing() {
        String zone = "apex-cas-e2e.com";
        KubernetesEmulator k = deploy(zone, "cas", List.of(SPF));
        String zoneId = pipeline.route53.zoneId(zone);
        awaitListed(zoneId);
        long refusedBefore = pipeline.route53.counters().count("ChangeResourceRecordSets", "InvalidChangeBatch");
        // someone else adds a verification value after the applier read the zone: our view is stale
        pipeline.route53.change(zoneId, List.of(ChangeRequest.of("UPSERT", zone + ".", "TXT", 3600, List.of(SPF, VERIFY))));

        k.client().services().inNamespace("default").resource(lbService("web", zone)).create();
        k.setServiceLoadBalancer("default", "web", LB1);

        List<RecordSet> done = await("the apex ALIAS with our value beside both", zone, z -> aliasTo(z, zone, LB1)
                && txt(z, zone + ".").values().size() == 3);
        RecordSet marker = txt(done, zone + ".");
        assertThat(marker.values().get(0)).startsWith("\"heritage=external-dns,external-dns/cluster=cas,"
                + "external-dns/owner=cas");
        assertThat(marker.values().subList(1, 3)).containsExactlyInAnyOrder(SPF, VERIFY);
        assertThat(pipeline.route53.counters().count("ChangeResourceRecordSets", "InvalidChangeBatch"))
                .as("the first batch, based on the stale set, was refused by Route 53").isGreaterThan(refusedBefore);
    }

    /** Waits until the applier has listed the zone (its view, and the planner's, is then the zone as it was). */
    private static void awaitListed(String zoneId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pipeline.route53.counters().total("ListResourceRecordSets") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the applier never listed " + zoneId);
            }
            Pipeline.sleep(50);
        }
        Pipeline.sleep(2_000); // zone-state on its way to the planner
    }

    static Service lbService(String name, String hostname) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withAnnotations(Map.of(PREFIX + "hostname", hostname)).endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec().build();
    }

    static boolean aliasTo(List<RecordSet> zone, String apex, String lb) {
        RecordSet a = find(zone, apex + ".", "A");
        return a != null && a.alias() != null && a.alias().dnsName().startsWith(lb);
    }

    static RecordSet txt(List<RecordSet> zone, String name) {
        RecordSet t = find(zone, name, "TXT");
        return t == null ? RecordSet.simple(name, "TXT", 0, List.of()) : t;
    }

    static List<RecordSet> await(String what, String zoneName, Predicate<List<RecordSet>> condition) {
        return pipeline.awaitSets(pipeline.route53.zoneId(zoneName), what, condition);
    }

    static RecordSet find(List<RecordSet> zone, String name, String type) {
        return Pipeline.find(zone, name, type);
    }
}
