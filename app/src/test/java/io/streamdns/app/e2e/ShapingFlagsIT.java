package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.streamdns.app.Main;
import io.streamdns.sandbox.k8s.KubernetesEmulator;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.sandbox.route53.store.RecordSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flags that shape records, end to end: {@code streamdns run --once} (a JVM of its own, its own embedded
 * broker) with external-dns's {@code --fqdn-template} (labels and trimSuffix), {@code --combine-fqdn-annotation},
 * {@code --exclude-target-net}, {@code --min-ttl}, {@code --exclude-record-types} and the regular expression domain
 * filters, asserted on the Route 53 emulator's zone: names, values, TTLs, and what must be absent.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ShapingFlagsIT {
    private static final String ANN = "external-dns.kubernetes.io/";
    private static final String ZONE = "shaping.com";

    @TempDir
    Path dir;

    static Service lb(String name, Map<String, String> labels, Map<String, String> annotations) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(labels)
                .withAnnotations(annotations).endMetadata().withNewSpec().withType("LoadBalancer").addNewPort()
                .withPort(80).endPort().endSpec().build();
    }

    @Test
    void shapedRecordsReachRoute53() throws Exception {
        Route53Emulator route53 = Route53Emulator.startBlocking(Route53EmulatorOptions.defaults().withZones(List.of(
                new Route53EmulatorOptions.ZoneSpec(ZONE, false), new Route53EmulatorOptions.ZoneSpec("other.org",
                        false))));
        Process p = null;
        try (KubernetesEmulator k8s = KubernetesEmulator.start()) {
            var services = k8s.client().services().inNamespace("default");
            // names from the annotation and (combined) the template; one target in an excluded net; TTL unset
            services.resource(lb("web", Map.of("team", "payments-eu"), Map.of(ANN + "hostname", "www." + ZONE)))
                    .create();
            k8s.setServiceLoadBalancer("default", "web", "203.0.113.5", "198.51.100.7");
            // a TTL that is set stays below --min-ttl
            services.resource(lb("api", Map.of("team", "core"), Map.of(ANN + "ttl", "60"))).create();
            k8s.setServiceLoadBalancer("default", "api", "203.0.113.6");
            // excluded by --regex-domain-exclusion (its template name as well, it has no team label)
            services.resource(lb("blocked", Map.of(), Map.of(ANN + "hostname", "blocked." + ZONE))).create();
            k8s.setServiceLoadBalancer("default", "blocked", "203.0.113.7");
            // a CNAME: --exclude-record-types=CNAME leaves it out
            services.resource(lb("cdn", Map.of("team", "edge"), Map.of())).create();
            k8s.setServiceLoadBalancer("default", "cdn", "cdn.provider.net");
            // outside --regex-domain-filter although --domain-filter names it (the regex overrides the list)
            services.resource(lb("org", Map.of("team", "x"), Map.of(ANN + "hostname", "www.other.org"))).create();
            k8s.setServiceLoadBalancer("default", "org", "203.0.113.8");

            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--once", "--provider=aws", "--registry=txt", "--policy=sync", "--txt-owner-id=shaping",
                    "--source=service", "--domain-filter=other.org",
                    "--fqdn-template={{ trimSuffix .Labels.team \"-eu\" }}.{{ .Name }}." + ZONE,
                    "--combine-fqdn-annotation", "--exclude-target-net=198.51.100.0/24", "--min-ttl=10m",
                    "--exclude-record-types=CNAME", "--regex-domain-filter=(shaping\\.com|other\\.org)$",
                    "--regex-domain-exclusion=^(blocked|www\\.other)\\.",
                    "--kubeconfig=" + k8s.writeKubeconfig(dir.resolve("kubeconfig")),
                    "--aws-endpoint-url=" + route53.endpoint(), "--data-dir=" + dir.resolve("data"),
                    "--http-port=0"));
            Path log = dir.resolve("once.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("STREAMDNS_") || k.startsWith("EXTERNAL_DNS_"));
            p = pb.start();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("exits by itself").isTrue();
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isZero();

            List<RecordSet> zone = route53.records(route53.zoneId(ZONE));
            assertThat(find(zone, "www.shaping.com.", "A")).as(out).satisfies(r -> {
                assertThat(r.values()).containsExactly("203.0.113.5");
                assertThat(r.ttl()).isEqualTo(600L);
            });
            assertThat(find(zone, "payments.web.shaping.com.", "A")).as(out).satisfies(r -> {
                assertThat(r.values()).containsExactly("203.0.113.5");
                assertThat(r.ttl()).isEqualTo(600L);
            });
            assertThat(find(zone, "core.api.shaping.com.", "A")).as(out).satisfies(r -> {
                assertThat(r.values()).containsExactly("203.0.113.6");
                assertThat(r.ttl()).isEqualTo(60L);
            });
            assertThat(find(zone, "a-payments.web.shaping.com.", "TXT")).as("ownership TXT of a template name")
                    .isNotNull();
            assertThat(zone).as("nothing of the excluded names, the CNAME or the invalid template name")
                    .noneMatch(r -> r.name().contains("blocked") || r.name().contains("cdn")
                            || r.type().equals("CNAME") || r.name().contains("no value"))
                    .allSatisfy(r -> assertThat(r.values()).noneMatch(v -> v.startsWith("198.51.100.")));
            assertThat(route53.records(route53.zoneId("other.org"))).as("www.other.org is excluded by the regex")
                    .noneMatch(r -> r.name().startsWith("www.") || r.name().contains("www.other.org"));
            assertThat(route53.records(route53.zoneId("other.org"))).as("x.org.shaping.com goes to shaping.com")
                    .noneMatch(r -> r.type().equals("A"));
            assertThat(find(zone, "x.org.shaping.com.", "A")).isNotNull();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            route53.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static RecordSet find(List<RecordSet> zone, String name, String type) {
        return zone.stream().filter(r -> r.name().equals(name) && r.type().equals(type)).findFirst().orElse(null);
    }
}
