package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.streamdns.app.TestStages;
import io.streamdns.model.aws.CanonicalHostedZones;
import io.streamdns.model.registry.TxtRecordFormat;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapping external-dns v0.22 for streamdns: a zone written the way external-dns writes it (A, CNAME and ALIAS
 * records with their {@code a-}/{@code aaaa-}/{@code cname-} TXTs, some also with the legacy TXT older versions left,
 * NodePort SRV sets, an apex ALIAS external-dns could not own beside an SPF value, another owner's record) and the
 * Kubernetes objects behind it. With the same owner id streamdns makes no ChangeResourceRecordSets call at all and
 * the zone stays byte-identical; the apex record, not ours, is reported and left alone. With
 * {@code --migrate-from-txt-owner} only TXTs are rewritten. Each test has its own zone, cluster and consumer groups
 * on the class's one broker.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AdoptionIT {
    private static final String PREFIX = "external-dns.kubernetes.io/";
    private static final String CRRS = "ChangeResourceRecordSets";
    private static final String SPF = "\"v=spf1 include:_spf.google.com ~all\"";
    private static final String SHOP_LB = "k8s-shop-1.us-east-1.elb.amazonaws.com";
    private static final String APEX_LB = "k8s-apex-1.us-east-1.elb.amazonaws.com";
    @TempDir
    static Path dir;
    static Pipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = new Pipeline("adopt-e2e.com");
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    /** The ownership value external-dns v0.22 writes (labels sorted, no cluster label). */
    static String owned(String owner, String resource) {
        return TxtRecordFormat.value(Map.of("owner", owner, "resource", resource));
    }

    /** The zone as external-dns v0.22 with {@code --txt-owner-id=<owner>} leaves it for the objects of {@link #objects}. */
    static void writeAsExternalDns(String zone, String owner) {
        String elbZone = CanonicalHostedZones.zoneIdFor(SHOP_LB).orElseThrow();
        List<ChangeRequest> c = new ArrayList<>();
        c.add(ChangeRequest.of("CREATE", "www." + zone, "A", 300, List.of("192.0.2.10")));
        c.add(ChangeRequest.of("CREATE", "a-www." + zone, "TXT", 300, List.of(owned(owner, "service/default/www"))));
        c.add(ChangeRequest.alias("CREATE", "shop." + zone, "A", elbZone, SHOP_LB, true));
        c.add(ChangeRequest.alias("CREATE", "shop." + zone, "AAAA", elbZone, SHOP_LB, true));
        c.add(ChangeRequest.of("CREATE", "a-shop." + zone, "TXT", 300, List.of(owned(owner, "service/default/shop"))));
        c.add(ChangeRequest.of("CREATE", "aaaa-shop." + zone, "TXT", 300, List.of(owned(owner, "service/default/shop"))));
        c.add(ChangeRequest.of("CREATE", "app." + zone, "CNAME", 300, List.of("lb.other.net")));
        c.add(ChangeRequest.of("CREATE", "cname-app." + zone, "TXT", 300, List.of(owned(owner, "service/default/app"))));
        // written by an external-dns of before v0.16 in both forms; v0.22 reads the new one and leaves the legacy one
        c.add(ChangeRequest.of("CREATE", "old." + zone, "A", 300, List.of("192.0.2.20")));
        c.add(ChangeRequest.of("CREATE", "old." + zone, "TXT", 300, List.of(owned(owner, "service/default/old"))));
        c.add(ChangeRequest.of("CREATE", "a-old." + zone, "TXT", 300, List.of(owned(owner, "service/default/old"))));
        // NodePort: the nodes' addresses and one SRV set per protocol, named and valued as external-dns does
        c.add(ChangeRequest.of("CREATE", "game." + zone, "A", 300, List.of("192.0.2.11", "192.0.2.12")));
        c.add(ChangeRequest.of("CREATE", "a-game." + zone, "TXT", 300, List.of(owned(owner, "service/default/game"))));
        c.add(ChangeRequest.of("CREATE", "_game._tcp.game." + zone, "SRV", 300,
                List.of("0 50 30080 game." + zone + ".")));
        c.add(ChangeRequest.of("CREATE", "srv-_game._tcp.game." + zone, "TXT", 300,
                List.of(owned(owner, "service/default/game"))));
        // the apex: external-dns created the ALIAS but could not own it (a-<zone> lies outside the zone)
        c.add(ChangeRequest.alias("CREATE", zone, "A", elbZone, APEX_LB, true));
        c.add(ChangeRequest.alias("CREATE", zone, "AAAA", elbZone, APEX_LB, true));
        c.add(ChangeRequest.of("CREATE", zone, "TXT", 3600, List.of(SPF)));
        // another owner's record, not wanted here
        c.add(ChangeRequest.of("CREATE", "other." + zone, "A", 300, List.of("192.0.2.30")));
        c.add(ChangeRequest.of("CREATE", "a-other." + zone, "TXT", 300, List.of(owned("someone-else", "service/x/y"))));
        pipeline.route53.change(pipeline.route53.zoneId(zone), c);
    }

    /** The Kubernetes objects behind that zone. */
    static KubernetesEmulator objects(String zone, String cluster) {
        KubernetesEmulator k = pipeline.cluster(dir, cluster);
        k.client().nodes().resource(RecordBehavioursIT.node("n1", "192.0.2.11")).create();
        k.client().nodes().resource(RecordBehavioursIT.node("n2", "192.0.2.12")).create();
        lb(k, "www", "www." + zone, "192.0.2.10");
        lb(k, "shop", "shop." + zone, SHOP_LB);
        lb(k, "app", "app." + zone, "lb.other.net");
        lb(k, "old", "old." + zone, "192.0.2.20");
        lb(k, "apex", zone, APEX_LB);
        Service game = new ServiceBuilder().withNewMetadata().withName("game").withNamespace("default")
                .withAnnotations(Map.of(PREFIX + "hostname", "game." + zone)).endMetadata()
                .withNewSpec().withType("NodePort")
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).withNodePort(30080).endPort()
                .endSpec().build();
        k.client().services().inNamespace("default").resource(game).create();
        return k;
    }

    private static void lb(KubernetesEmulator k, String name, String hostname, String address) {
        Service svc = new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withAnnotations(Map.of(PREFIX + "hostname", hostname)).endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec().build();
        k.client().services().inNamespace("default").resource(svc).create();
        k.setServiceLoadBalancer("default", name, address);
    }

    /** Watcher, planner and applier as the chart would run them; returns the planner (for its metrics). */
    private static Pipeline.Deployed streamdns(String zone, String cluster, String... ownerArgs) {
        pipeline.deploy(TestStages.watcher(), "--cluster-name=" + cluster, "--kubeconfig="
                + dir.resolve("kubeconfig-" + cluster), "--domain-filter=" + zone);
        List<String> planner = new ArrayList<>(List.of("--domain-filter=" + zone, "--policy=sync",
                "--group-id=planner-" + cluster, "--managed-record-types=A,AAAA,CNAME,SRV"));
        planner.addAll(List.of(ownerArgs));
        Pipeline.Deployed p = pipeline.start(TestStages.planner(), true, planner.toArray(String[]::new));
        List<String> applier = new ArrayList<>(List.of(pipeline.applierArgsEndpoint(), "--domain-filter=" + zone,
                "--group-id=applier-" + cluster));
        applier.addAll(List.of(ownerArgs));
        pipeline.deploy(TestStages.applier(), applier.toArray(String[]::new));
        return p;
    }

    @Test
    void withTheSameOwnerIdNothingIsWrittenAndTheUnownedApexIsReportedAndLeftAlone() {
        String zone = "adopt-e2e.com";
        String zoneId = pipeline.route53.zoneId(zone);
        writeAsExternalDns(zone, "ext");
        objects(zone, "same");
        List<RecordSet> before = pipeline.route53.records(zoneId);
        long calls = pipeline.route53.counters().total(CRRS);

        Pipeline.Deployed planner = streamdns(zone, "same", "--txt-owner-id=ext");
        // planned: the apex, which external-dns left unowned, is not adopted (a record we did not create) but reported
        awaitTrue("the apex reported unowned", () -> counter(planner, "unowned") >= 2);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            assertThat(pipeline.route53.counters().total(CRRS)).as("ChangeResourceRecordSets calls").isEqualTo(calls);
            Pipeline.sleep(200);
        }
        assertThat(pipeline.route53.records(zoneId)).as("the zone byte-identical").isEqualTo(before);
        assertThat(counter(planner, "owned-by-other")).as("the other owner's record is not wanted: not reported")
                .isZero();
    }

    @Test
    void withMigrateFromTxtOwnerOnlyTheTxtsAreRewritten() {
        String zone = "adopt-migrate-e2e.com";
        pipeline.route53.createZone(zone, false);
        String zoneId = pipeline.route53.zoneId(zone);
        writeAsExternalDns(zone, "ext");
        objects(zone, "migrate");
        List<RecordSet> before = pipeline.route53.records(zoneId);

        streamdns(zone, "migrate", "--txt-owner-id=new", "--migrate-from-txt-owner=ext");
        List<RecordSet> after = await("every TXT of owner ext rewritten", zoneId,
                z -> z.stream().noneMatch(r -> r.type().equals("TXT") && owner(r).filter("ext"::equals).isPresent()));
        Pipeline.sleep(2_000); // and nothing else follows
        after = pipeline.route53.records(zoneId);

        assertThat(after.stream().filter(r -> !r.type().equals("TXT")).toList()).as("every non-TXT set unchanged")
                .isEqualTo(before.stream().filter(r -> !r.type().equals("TXT")).toList());
        for (RecordSet was : before.stream().filter(r -> r.type().equals("TXT")).toList()) {
            RecordSet now = find(after, was.name(), "TXT");
            if (owner(was).filter("ext"::equals).isPresent()) {
                assertThat(owner(now)).as("TXT %s", was.name()).contains("new");
                assertThat(TxtRecordFormat.parse(now.values().get(0)).orElseThrow().get("resource"))
                        .as("resource of %s", was.name())
                        .isEqualTo(TxtRecordFormat.parse(was.values().get(0)).orElseThrow().get("resource"));
            } else {
                assertThat(now).as("TXT %s not ours to rewrite (SPF, another owner)", was.name()).isEqualTo(was);
            }
        }
        assertThat(after.stream().map(r -> r.name() + " " + r.type()).toList()).as("no set added or removed")
                .containsExactlyInAnyOrderElementsOf(before.stream().map(r -> r.name() + " " + r.type()).toList());
    }

    /**
     * A record known by its legacy TXT alone (as external-dns before v0.12 wrote it): v0.22 adds the current-format
     * TXT on its first loop (txt/force-update), and so does streamdns; the record and the legacy TXT stay as they are.
     */
    @Test
    void aRecordWithOnlyALegacyTxtGetsItsCurrentFormatTxtAsV022Does() {
        String zone = "adopt-legacy-e2e.com";
        pipeline.route53.createZone(zone, false);
        String zoneId = pipeline.route53.zoneId(zone);
        pipeline.route53.change(zoneId, List.of(
                ChangeRequest.of("CREATE", "www." + zone, "A", 300, List.of("192.0.2.10")),
                ChangeRequest.of("CREATE", "www." + zone, "TXT", 300, List.of(owned("ext", "service/default/www")))));
        KubernetesEmulator k = pipeline.cluster(dir, "legacy");
        lb(k, "www", "www." + zone, "192.0.2.10");
        List<RecordSet> before = pipeline.route53.records(zoneId);

        streamdns(zone, "legacy", "--txt-owner-id=ext");
        List<RecordSet> after = await("the current-format TXT", zoneId, z -> find(z, "a-www." + zone + ".", "TXT") != null);
        assertThat(owner(find(after, "a-www." + zone + ".", "TXT"))).contains("ext");
        assertThat(after.stream().filter(r -> !r.name().startsWith("a-www.")).toList()).as("everything else unchanged")
                .isEqualTo(before);
    }

    static Optional<String> owner(RecordSet txt) {
        return txt == null || txt.values() == null || txt.values().isEmpty() ? Optional.empty()
                : TxtRecordFormat.parse(txt.values().get(0)).map(l -> l.get("owner"));
    }

    static double counter(Pipeline.Deployed stage, String reason) {
        var c = stage.context().registry().find("streamdns.planner.skipped").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Pipeline.sleep(50);
        }
    }

    static List<RecordSet> await(String what, String zoneId, Predicate<List<RecordSet>> condition) {
        return pipeline.awaitSets(zoneId, what, condition);
    }

    static RecordSet find(List<RecordSet> zone, String name, String type) {
        return Pipeline.find(zone, name, type);
    }
}
