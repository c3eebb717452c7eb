package io.streamdns.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.runtime.config.InvalidFlagException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Flag parsing, defaults, and which informers a configuration needs. */
class WatcherConfigTest {

    @Test
    void defaults() {
        WatcherConfig c = WatcherConfig.fromMap(Map.of("cluster-name", "eu-1"));
        assertThat(c.sources()).containsExactlyInAnyOrder("service", "ingress");
        assertThat(c.namespace()).isNull();
        assertThat(c.resyncPeriod()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.needsEndpointSlices()).isTrue();
        assertThat(c.needsNodes()).isTrue();
        assertThat(c.mappingOptions().clusterName()).isEqualTo("eu-1");
        assertThat(c.safety()).isEqualTo(WatcherConfig.Safety.DEFAULT);
        assertThat(c.safety().scope()).isEqualTo("default");
        assertThat(c.safety().relistInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.scopeSpec()).containsExactly(Map.entry("source", "ingress,service"));
    }

    @Test
    void safetyFlags() {
        WatcherConfig c = WatcherConfig.fromMap(Map.of("cluster-name", "eu-1", "watcher-scope", "alb",
                "scope-changed", "true", "cluster-replaced", "true", "max-delete-fraction", "0.5",
                "min-records-for-budget", "0", "relist-interval", "90s"));
        assertThat(c.safety()).isEqualTo(new WatcherConfig.Safety("alb", true, true, 0.5, 0, Duration.ofSeconds(90)));
        assertThat(WatcherConfig.fromMap(Map.of("cluster-name", "c", "relist-interval", "10m")).safety()
                .relistInterval()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void scopeSpecIsCanonical() {
        WatcherConfig a = WatcherConfig.fromMap(Map.of("cluster-name", "c", "source", "service,ingress",
                "ingress-class", "b,a", "label-filter", "team=x", "domain-filter", "example.org,example.com"));
        WatcherConfig b = WatcherConfig.fromMap(Map.of("cluster-name", "c", "source", "ingress,service",
                "ingress-class", "a,b", "label-filter", "team=x", "domain-filter", "example.com,example.org",
                "resync-period", "60s", "emit-events", "true"));
        assertThat(a.scopeSpec()).isEqualTo(b.scopeSpec()).containsEntry("ingress-class", "a,b")
                .containsEntry("label-filter", "team=x").containsEntry("domain-filter", "example.com,example.org");
    }

    static Stream<Arguments> informerNeeds() {
        return Stream.of(
                Arguments.of("ingress only", Map.of("source", "ingress"), false, false),
                Arguments.of("load balancers only", Map.of("service-type-filter", "LoadBalancer"), false, false),
                Arguments.of("ClusterIP (headless) reads slices", Map.of("service-type-filter", "clusterip"), true, false),
                Arguments.of("NodePort reads slices and nodes", Map.of("service-type-filter", "NodePort,LoadBalancer"),
                        true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("informerNeeds")
    void informersOnlyWhenNeeded(String title, Map<String, String> flags, boolean slices, boolean nodes) {
        var m = new HashMap<>(flags);
        m.put("cluster-name", "c1");
        WatcherConfig c = WatcherConfig.fromMap(m);
        assertThat(c.needsEndpointSlices()).isEqualTo(slices);
        assertThat(c.needsNodes()).isEqualTo(nodes);
    }

    @Test
    void crdSourceFlagsAndTheirScopeSpec() {
        WatcherConfig c = WatcherConfig.fromMap(Map.of("cluster-name", "c", "source", "crd"));
        assertThat(c.sourceFlags().crdGroup()).isEqualTo("externaldns.k8s.io");
        assertThat(c.sourceFlags().crdVersion()).isEqualTo("v1alpha1");
        assertThat(c.sourceFlags().crdKind()).isEqualTo("DNSEndpoint");
        assertThat(c.scopeSpec()).containsExactly(Map.entry("source", "crd")); // defaults stay out of the spec
        WatcherConfig custom = WatcherConfig.fromMap(Map.of("cluster-name", "c", "source", "crd,service",
                "crd-source-apiversion", "dns.example.io/v1", "crd-source-kind", "Record"));
        assertThat(custom.scopeSpec()).containsEntry("crd-source-apiversion", "dns.example.io/v1")
                .containsEntry("crd-source-kind", "Record").containsEntry("source", "crd,service");
        assertThat(WatcherRbac.required(custom).stream().map(Object::toString))
                .contains("dns.example.io records list", "dns.example.io records/status patch")
                .noneMatch(g -> g.contains("ingresses"));
    }

    @Test
    void nodeAndGatewayFlags() {
        WatcherConfig c = WatcherConfig.fromMap(Map.of("cluster-name", "c", "source", "node,gateway-httproute"));
        assertThat(c.sourceFlags().excludeUnschedulable()).isTrue();
        assertThat(c.sourceFlags().exposeInternalIpv6()).isFalse();
        assertThat(c.scopeSpec()).containsExactly(Map.entry("source", "gateway-httproute,node"));
        WatcherConfig d = WatcherConfig.fromMap(Map.of("cluster-name", "c", "source", "node,gateway-httproute",
                "exclude-unschedulable", "false", "expose-internal-ipv6", "true", "gateway-name", "public",
                "gateway-namespace", "edge", "gateway-label-filter", "tier=edge"));
        assertThat(d.scopeSpec()).containsEntry("exclude-unschedulable", "false")
                .containsEntry("expose-internal-ipv6", "true").containsEntry("gateway-name", "public")
                .containsEntry("gateway-namespace", "edge").containsEntry("gateway-label-filter", "tier=edge");
        assertThat(WatcherRbac.required(d).stream().map(Object::toString)).contains("core nodes watch",
                "gateway.networking.k8s.io httproutes list", "gateway.networking.k8s.io gateways watch",
                "core namespaces list").doesNotContain("core namespaces get", "core services list");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of(), "cluster-name"),
                Arguments.of(Map.of("cluster-name", "a|b"), "cluster-name"),
                Arguments.of(Map.of("cluster-name", "c", "source", "nope"), "source"),
                Arguments.of(Map.of("cluster-name", "c", "service-type-filter", "Foo"), "service-type-filter"),
                Arguments.of(Map.of("cluster-name", "c", "emit-events", "yes"), "emit-events"),
                Arguments.of(Map.of("cluster-name", "c", "exclude-domains", "a..b"), "exclude-domains"),
                Arguments.of(Map.of("cluster-name", "c", "resync-period", "soon"), "resync-period"),
                Arguments.of(Map.of("cluster-name", "c", "fqdn-template", "{{.Kind}.example.com"), "fqdn-template"),
                Arguments.of(Map.of("cluster-name", "c", "fqdn-template", "{{ nope .Name }}.example.com"),
                        "fqdn-template"),
                Arguments.of(Map.of("cluster-name", "c", "target-net-filter", "10.0.0.0"), "target-net-filter"),
                Arguments.of(Map.of("cluster-name", "c", "exclude-target-net", "10.0.0.0/33"), "exclude-target-net"),
                Arguments.of(Map.of("cluster-name", "c", "target-net-filter", "10.0.0.0/8,nope/8"),
                        "target-net-filter"),
                Arguments.of(Map.of("cluster-name", "c", "default-targets", "1.2.3.4.5"), "default-targets"),
                Arguments.of(Map.of("cluster-name", "c", "min-ttl", "60"), "min-ttl"),
                Arguments.of(Map.of("cluster-name", "c", "watcher-scope", "a@b"), "watcher-scope"),
                Arguments.of(Map.of("cluster-name", "c", "watcher-scope", "a/b"), "watcher-scope"),
                Arguments.of(Map.of("cluster-name", "c", "max-delete-fraction", "0"), "max-delete-fraction"),
                Arguments.of(Map.of("cluster-name", "c", "max-delete-fraction", "1.5"), "max-delete-fraction"),
                Arguments.of(Map.of("cluster-name", "c", "max-delete-fraction", "half"), "max-delete-fraction"),
                Arguments.of(Map.of("cluster-name", "c", "min-records-for-budget", "-1"), "min-records-for-budget"),
                Arguments.of(Map.of("cluster-name", "c", "relist-interval", "10x"), "relist-interval"),
                Arguments.of(Map.of("cluster-name", "c", "relist-interval", "0s"), "relist-interval"),
                Arguments.of(Map.of("cluster-name", "c", "scope-changed", "maybe"), "scope-changed"),
                Arguments.of(Map.of("cluster-name", "c", "crd-source-apiversion", "v1alpha1"), "crd-source-apiversion"),
                Arguments.of(Map.of("cluster-name", "c", "crd-source-kind", "dns endpoint"), "crd-source-kind"),
                Arguments.of(Map.of("cluster-name", "c", "gateway-label-filter", "a in b"), "gateway-label-filter"),
                Arguments.of(Map.of("cluster-name", "c", "exclude-unschedulable", "no"), "exclude-unschedulable"),
                Arguments.of(Map.of("cluster-name", "c", "max-endpoints-per-object", "0"), "max-endpoints-per-object"),
                Arguments.of(Map.of("cluster-name", "c", "max-endpoints-per-object", "100001"),
                        "max-endpoints-per-object"),
                Arguments.of(Map.of("cluster-name", "c", "max-endpoints-per-object", "many"),
                        "max-endpoints-per-object"),
                Arguments.of(Map.of("cluster-name", "c", "domain-filter", "ｅｘａｍｐｌｅ.com"), "domain-filter"));
    }

    @ParameterizedTest(name = "--{1}: {0}")
    @MethodSource("invalid")
    void invalidValuesNameTheFlag(Map<String, String> flags, String flag) {
        assertThatThrownBy(() -> WatcherConfig.fromMap(flags))
                .isInstanceOfSatisfying(InvalidFlagException.class,
                        e -> assertThat(e.flag()).isEqualTo(flag))
                .hasMessageStartingWith("--" + flag + ": ");
    }
}
