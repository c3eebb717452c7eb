package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.streamdns.app.TestStages;
import io.streamdns.app.demo.ZoneView;
import io.streamdns.model.ZoneRecord;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.store.ChangeRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
 * The mission end to end, all parts real: Services and Ingresses in fabric8 mock API servers, watchers, Kafka,
 * planner, applier, the Route 53 emulator through the AWS SDK. Each test runs its own pipeline (own clusters, zone,
 * consumer groups) on the class's one broker.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class EndToEndIT {
    @TempDir
    static Path dir;
    static Pipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = new Pipeline("example.com");
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void servicesIngressesMultiClusterOwnershipAndFilters() {
        // a record someone else made before streamdns, and a zone streamdns must not write to
        pipeline.route53.change(pipeline.zoneId, List.of(
                ChangeRequest.of("CREATE", "legacy.example.com", "A", 300, List.of("192.0.2.1")),
                ChangeRequest.of("CREATE", "equal.example.com", "A", 300, List.of("203.0.113.96"))));
        String otherZone = pipeline.route53.createZone("other.org", false);

        KubernetesEmulator a = pipeline.cluster(dir, "a");
        KubernetesEmulator b = pipeline.cluster(dir, "b");
        pipeline.deploy(TestStages.watcher(), "--cluster-name=cluster-a", "--kubeconfig=" + dir.resolve("kubeconfig-a"),
                "--fqdn-template={{.Name}}.example.com");
        pipeline.deploy(TestStages.watcher(), "--cluster-name=cluster-b", "--kubeconfig=" + dir.resolve("kubeconfig-b"));
        pipeline.deploy(TestStages.planner(), "--txt-owner-id=e2e", "--domain-filter=example.com", "--policy=sync",
                "--group-id=planner-main");
        pipeline.deploy(TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=e2e",
                "--domain-filter=example.com", "--group-id=applier-main");

        // the main story: LB status → A record plus its ownership TXT; the annotation wins over the template
        a.apply(Path.of("../examples/cluster-a/my-webapp.yaml"));
        a.setServiceLoadBalancer("default", "my-webapp", "203.0.113.10");
        List<ZoneRecord> zone = pipeline.await("webapp A + TXT", z -> hasA(z, "webapp.example.com", "203.0.113.10")
                && txt(z, "a-webapp.example.com") != null);
        assertThat(txt(zone, "a-webapp.example.com").values().get(0))
                .contains("heritage=external-dns", "external-dns/owner=e2e", "external-dns/resource=service/default/my-webapp");
        assertThat(zone).noneMatch(r -> r.name().equals("my-webapp.example.com"));

        // an Ingress host behind an AWS load balancer becomes an ALIAS (aws-prefer-cname=false)
        a.apply(Path.of("../examples/cluster-a/shop-ingress.yaml"));
        a.setIngressLoadBalancer("default", "shop", "k8s-shop-1.us-east-1.elb.amazonaws.com");
        zone = pipeline.await("shop ALIAS", z -> z.stream().anyMatch(r -> r.name().equals("shop.example.com")
                && r.type().equals("A") && r.alias() != null));
        assertThat(zone).filteredOn(r -> r.name().equals("shop.example.com") && r.type().equals("A"))
                .singleElement().satisfies(r -> assertThat(r.alias().hostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K"));

        // multi-cluster fan-in: one A set with both clusters' IPs; deleting one cluster's Service leaves the other's
        b.apply(Path.of("../examples/cluster-b/my-webapp.yaml"));
        b.setServiceLoadBalancer("default", "my-webapp", "198.51.100.7");
        pipeline.await("both IPs", z -> hasA(z, "webapp.example.com", "198.51.100.7", "203.0.113.10"));
        b.client().services().inNamespace("default").withName("my-webapp").delete();
        pipeline.await("cluster-a's IP only", z -> hasA(z, "webapp.example.com", "203.0.113.10"));

        // not ours: claimed by an object, but never overwritten; outside the domain filter: never written
        a.client().services().inNamespace("default").resource(lbService("claims-legacy", "legacy.example.com")).create();
        a.setServiceLoadBalancer("default", "claims-legacy", "203.0.113.99");
        a.client().services().inNamespace("default").resource(lbService("elsewhere", "app.other.org")).create();
        a.setServiceLoadBalancer("default", "elsewhere", "203.0.113.98");
        // made by hand with exactly the values a Service wants: never adopted (no TXT of ours is written beside it)
        a.client().services().inNamespace("default").resource(lbService("claims-equal", "equal.example.com")).create();
        a.setServiceLoadBalancer("default", "claims-equal", "203.0.113.96");
        a.client().services().inNamespace("default").resource(lbService("marker", "marker.example.com")).create();
        a.setServiceLoadBalancer("default", "marker", "203.0.113.97");
        pipeline.await("marker written (later events processed)", z -> hasA(z, "marker.example.com", "203.0.113.97"));
        pipeline.holds("legacy untouched", z -> hasA(z, "legacy.example.com", "192.0.2.1")
                && txt(z, "a-legacy.example.com") == null, Duration.ofSeconds(2));
        assertThat(pipeline.route53.records(otherZone)).allMatch(r -> r.type().equals("SOA") || r.type().equals("NS"));
        pipeline.holds("equal record not adopted", z -> hasA(z, "equal.example.com", "203.0.113.96")
                && txt(z, "a-equal.example.com") == null, Duration.ofSeconds(2));
        // ... and its Service deleted: the record is still there (it never was ours to delete)
        a.client().services().inNamespace("default").withName("claims-equal").delete();
        a.client().services().inNamespace("default").resource(lbService("marker2", "marker2.example.com")).create();
        a.setServiceLoadBalancer("default", "marker2", "203.0.113.95");
        pipeline.await("marker2 written (the delete was processed)", z -> hasA(z, "marker2.example.com", "203.0.113.95"));
        pipeline.holds("equal record kept", z -> hasA(z, "equal.example.com", "203.0.113.96"), Duration.ofSeconds(2));

        // sync: deleting the Service removes its record and its TXT
        a.client().services().inNamespace("default").withName("my-webapp").delete();
        pipeline.await("webapp gone", z -> z.stream().noneMatch(r -> r.name().endsWith("webapp.example.com")));
    }

    @Test
    void preferCnameAndUpsertOnly() {
        pipeline.route53.createZone("cname-e2e.com", false);
        KubernetesEmulator c = pipeline.cluster(dir, "c");
        pipeline.deploy(TestStages.watcher(), "--cluster-name=cluster-c", "--kubeconfig=" + dir.resolve("kubeconfig-c"),
                "--domain-filter=cname-e2e.com");
        pipeline.deploy(TestStages.planner(), "--txt-owner-id=e2e-cname", "--domain-filter=cname-e2e.com",
                "--policy=upsert-only", "--aws-prefer-cname=true", "--group-id=planner-cname");
        pipeline.deploy(TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=e2e-cname",
                "--domain-filter=cname-e2e.com", "--group-id=applier-cname");
        var zone = ZoneView.of(pipeline.route53, pipeline.route53.zoneId("cname-e2e.com"), "cname-e2e.com");

        c.client().services().inNamespace("default").resource(lbService("api", "api.cname-e2e.com")).create();
        c.setServiceLoadBalancer("default", "api", "k8s-api-1.us-east-1.elb.amazonaws.com");
        awaitZone(zone, "CNAME", z -> z.stream().anyMatch(r -> r.name().equals("api.cname-e2e.com") && r.type().equals("CNAME")
                && r.values().equals(List.of("k8s-api-1.us-east-1.elb.amazonaws.com"))));

        // upsert-only never deletes: the record and its TXT stay after the Service is gone
        c.client().services().inNamespace("default").withName("api").delete();
        c.client().services().inNamespace("default").resource(lbService("marker", "marker.cname-e2e.com")).create();
        c.setServiceLoadBalancer("default", "marker", "203.0.113.5");
        awaitZone(zone, "marker", z -> hasA(z, "marker.cname-e2e.com", "203.0.113.5"));
        Pipeline.sleep(1500);
        assertThat(zone.records()).anyMatch(r -> r.name().equals("api.cname-e2e.com") && r.type().equals("CNAME"))
                .anyMatch(r -> r.name().equals("cname-api.cname-e2e.com") && r.type().equals("TXT"));
    }

    /**
     * The optional sources through the whole pipeline: a DNSEndpoint's records and an HTTPRoute's name (at its
     * Gateway's address, following it) land in the zone and leave with their objects.
     */
    @Test
    void dnsEndpointAndHttpRouteReachTheZone() {
        pipeline.route53.createZone("sources-e2e.com", false);
        KubernetesEmulator d = pipeline.cluster(dir, "d").installCrds();
        pipeline.deploy(TestStages.watcher(), "--cluster-name=cluster-d", "--kubeconfig=" + dir.resolve("kubeconfig-d"),
                "--domain-filter=sources-e2e.com", "--source=crd,gateway-httproute");
        pipeline.deploy(TestStages.planner(), "--txt-owner-id=e2e-sources", "--domain-filter=sources-e2e.com",
                "--policy=sync", "--group-id=planner-sources", "--managed-record-types=A,AAAA,CNAME,TXT");
        pipeline.deploy(TestStages.applier(), pipeline.applierArgsEndpoint(), "--txt-owner-id=e2e-sources",
                "--domain-filter=sources-e2e.com", "--group-id=applier-sources");
        var zone = ZoneView.of(pipeline.route53, pipeline.route53.zoneId("sources-e2e.com"),
                "sources-e2e.com");

        d.apply(new ByteArrayInputStream("""
                apiVersion: externaldns.k8s.io/v1alpha1
                kind: DNSEndpoint
                metadata: {name: records, namespace: default}
                spec:
                  endpoints:
                    - {dnsName: api.sources-e2e.com, recordType: A, recordTTL: 60, targets: [203.0.113.40]}
                    - {dnsName: txt.sources-e2e.com, recordType: TXT, targets: ["v=spf1 -all"]}
                """.getBytes(StandardCharsets.UTF_8)));
        List<ZoneRecord> records = awaitZone(zone, "DNSEndpoint records", z -> hasA(z, "api.sources-e2e.com",
                "203.0.113.40") && z.stream().anyMatch(r -> r.name().equals("txt.sources-e2e.com") && r.type().equals("TXT")));
        assertThat(records).filteredOn(r -> r.name().equals("api.sources-e2e.com") && r.type().equals("A"))
                .singleElement().satisfies(r -> assertThat(r.ttl()).isEqualTo(60));
        assertThat(txt(records, "a-api.sources-e2e.com").values().get(0))
                .contains("external-dns/resource=crd/default/records");

        d.client().genericKubernetesResources(new ResourceDefinitionContext.Builder()
                .withGroup("externaldns.k8s.io").withVersion("v1alpha1").withKind("DNSEndpoint").withPlural("dnsendpoints")
                .withNamespaced(true).build()).inNamespace("default").withName("records").delete();
        awaitZone(zone, "records gone", z -> z.stream().noneMatch(r -> r.name().endsWith("api.sources-e2e.com")));

        d.apply(new ByteArrayInputStream("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: public, namespace: default}
                spec:
                  gatewayClassName: example
                  listeners: [{name: http, protocol: HTTP, port: 80, hostname: "*.sources-e2e.com"}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: store, namespace: default}
                spec:
                  hostnames: [store.sources-e2e.com]
                  parentRefs: [{name: public}]
                """.getBytes(StandardCharsets.UTF_8)));
        d.setGatewayAddresses("default", "public", "203.0.113.50");
        d.acceptHttpRoute("default", "store", "public");
        awaitZone(zone, "route's record", z -> hasA(z, "store.sources-e2e.com", "203.0.113.50"));
        d.setGatewayAddresses("default", "public", "203.0.113.51");
        awaitZone(zone, "moved with the Gateway", z -> hasA(z, "store.sources-e2e.com", "203.0.113.51"));
        assertThat(txt(zone.records(), "a-store.sources-e2e.com").values().get(0))
                .contains("external-dns/resource=httproute/default/store");
        d.client().resources(HTTPRoute.class).inNamespace("default")
                .withName("store").delete();
        awaitZone(zone, "route's record gone", z -> z.stream().noneMatch(r -> r.name().endsWith("store.sources-e2e.com")));
    }

    /**
     * external-dns's metrics on each stage's own /metrics move as a record is wanted, planned, applied and deleted:
     * the watcher's source gauges, the planner's sync, no-op and verified counts, the applier's registry gauges,
     * sync timestamps and the SDK's HTTP request durations.
     */
    @Test
    void externalDnsMetricsMoveAsRecordsArePlannedAndApplied() {
        long start = System.currentTimeMillis() / 1000;
        String zoneId = pipeline.route53.createZone("metrics-e2e.com", false);
        var zone = ZoneView.of(pipeline.route53, zoneId, "metrics-e2e.com");
        KubernetesEmulator m = pipeline.cluster(dir, "m");
        Pipeline.Deployed w = pipeline.start(TestStages.watcher(), true, "--cluster-name=cluster-m",
                "--kubeconfig=" + dir.resolve("kubeconfig-m"), "--domain-filter=metrics-e2e.com");
        Pipeline.Deployed p = pipeline.start(TestStages.planner(), true, "--txt-owner-id=e2e-metrics",
                "--domain-filter=metrics-e2e.com", "--policy=sync", "--group-id=planner-metrics");
        Pipeline.Deployed a = pipeline.start(TestStages.applier(), true, pipeline.applierArgsEndpoint(),
                "--txt-owner-id=e2e-metrics", "--domain-filter=metrics-e2e.com", "--group-id=applier-metrics");
        try (MetricsScrape watcher = MetricsScrape.of(pipeline.vertx, "watcher", w.context());
             MetricsScrape planner = MetricsScrape.of(pipeline.vertx, "planner", p.context());
             MetricsScrape applier = MetricsScrape.of(pipeline.vertx, "applier", a.context())) {
            for (MetricsScrape s : List.of(watcher, planner, applier)) {
                assertThat(s.scrape()).containsPattern("(?m)^external_dns_build_info\\{arch=.*version=.*} 1.0$");
            }
            assertThat(watcher.value("external_dns_source_endpoints_total")).isZero();
            double aBefore = applier.await("external_dns_registry_records", v -> true, "record_type=\"A\"");
            double totalBefore = applier.value("external_dns_registry_endpoints_total");
            double postsBefore = applier.value("external_dns_http_request_duration_seconds_count", "method=\"POST\"");
            // the planner reads every shard on the topics (other tests' too): its counts are compared, not absolute
            double verifiedBefore = orZero(planner.value("external_dns_controller_verified_records", "record_type=\"A\""));

            m.client().services().inNamespace("default").resource(lbService("api", "api.metrics-e2e.com")).create();
            m.setServiceLoadBalancer("default", "api", "203.0.113.61");
            awaitZone(zone, "api A", z -> hasA(z, "api.metrics-e2e.com", "203.0.113.61"));

            assertThat(watcher.await("external_dns_source_endpoints_total", v -> v == 1)).isEqualTo(1);
            assertThat(watcher.value("external_dns_source_records", "record_type=\"A\"")).isEqualTo(1);
            // applied: the zone holds one more A (its ownership TXT is not a record, as in external-dns's registry)
            applier.await("external_dns_registry_records", v -> v == orZero(aBefore) + 1, "record_type=\"A\"");
            // the total is the sum over the types; the new zone's apex NS may have been counted since totalBefore
            String scraped = applier.scrape();
            assertThat(MetricsScrape.valueIn(scraped, "external_dns_registry_endpoints_total"))
                    .isEqualTo(MetricsScrape.valueIn(scraped, "external_dns_registry_records"))
                    .isGreaterThanOrEqualTo(totalBefore + 1);
            applier.await("external_dns_controller_last_sync_timestamp_seconds", v -> v >= start);
            assertThat(applier.value("external_dns_controller_last_reconcile_timestamp_seconds")).isGreaterThanOrEqualTo(start);
            assertThat(applier.value("external_dns_controller_consecutive_soft_errors")).isZero();
            assertThat(applier.value("external_dns_registry_errors_total")).isZero();
            // the change went out as a POST of the SDK; the listings as GETs of .../rrset
            assertThat(applier.value("external_dns_http_request_duration_seconds_count", "method=\"POST\"",
                    "status=\"200\"", "handler=\"instrumented_http\"", "scheme=\"http\"")).isGreaterThan(
                    orZero(postsBefore));
            assertThat(applier.value("external_dns_http_request_duration_seconds", "method=\"GET\"",
                    "path=\"rrset\"", "quantile=\"0.99\"")).isPositive();
            // planned against complete knowledge, and once the zone state shows the write, verified
            planner.await("external_dns_controller_last_sync_timestamp_seconds", v -> v >= start);
            planner.await("external_dns_controller_verified_records", v -> v == verifiedBefore + 1, "record_type=\"A\"");
            planner.await("external_dns_controller_no_op_runs_total", v -> v >= 1);

            m.client().services().inNamespace("default").withName("api").delete();
            awaitZone(zone, "api gone", z -> z.stream().noneMatch(r -> r.name().endsWith("api.metrics-e2e.com")));
            assertThat(watcher.await("external_dns_source_endpoints_total", v -> v == 0)).isZero();
            applier.await("external_dns_registry_records", v -> orZero(v) == orZero(aBefore), "record_type=\"A\"");
            planner.await("external_dns_controller_verified_records", v -> v == verifiedBefore, "record_type=\"A\"");
        }
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    static List<ZoneRecord> awaitZone(ZoneView zone, String what,
                                      Predicate<List<ZoneRecord>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ZoneRecord> records = zone.records();
        while (!condition.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; zone holds " + records);
            }
            Pipeline.sleep(50);
            records = zone.records();
        }
        return records;
    }

    static Service lbService(String name, String hostname) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withAnnotations(Map.of("external-dns.kubernetes.io/hostname", hostname)).endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec().build();
    }

    static boolean hasA(List<ZoneRecord> zone, String name, String... ips) {
        return zone.stream().anyMatch(r -> r.name().equals(name) && r.type().equals("A") && r.alias() == null
                && r.values().stream().sorted().toList().equals(Arrays.stream(ips).sorted().toList()));
    }

    static ZoneRecord txt(List<ZoneRecord> zone, String name) {
        return zone.stream().filter(r -> r.name().equals(name) && r.type().equals("TXT")).findFirst().orElse(null);
    }
}
