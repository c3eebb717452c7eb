package io.streamdns.watcher.core;

import static io.streamdns.watcher.core.Fixtures.eps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Istio Gateway and VirtualService → endpoints, after external-dns's istio_gateway_test.go/istio_virtualservice_test.go. */
class IstioMappingTableTest {
    static final String T = "external-dns.kubernetes.io/";

    /** A Gateway or VirtualService, the Gateways and Services it sees, what it must map to, whether it says why not. */
    record Row(GenericKubernetesResource object, List<GenericKubernetesResource> gateways, List<Service> services,
               List<String> expected, List<String> rejections, boolean noted) {
    }

    static Stream<Arguments> rows() {
        Service ingress = svc("istio-ingressgateway", "istio-system", Map.of("istio", "ingressgateway"), "lb.example.net", null);
        Service other = svc("other", "istio-system", Map.of("app", "other"), "9.9.9.9", null);
        Service pending = svc("pending", "istio-system", Map.of("istio", "pending"), null, null);
        Service external = svc("ext", "istio-system", Map.of("istio", "ext", "extra", "x"), "1.1.1.1", List.of("5.5.5.5"));
        GenericKubernetesResource pub = gw("public", "istio-system", Map.of(), Map.of("istio", "ingressgateway"),
                "*.example.com", "web/shop.example.org", "*");
        return Stream.of(
                row("Gateway: hosts, namespace/host stripped, * skipped, Service selected by spec.selector → its LB hostname",
                        gw("gw", "default", Map.of(), Map.of("istio", "ingressgateway"), "a.example.com", "ns1/b.example.com", "*"),
                        List.of(), List.of(ingress, other),
                        eps("a.example.com CNAME lb.example.net", "b.example.com CNAME lb.example.net")),
                row("Gateway: target annotation wins over the Service",
                        gw("gw", "default", Map.of(T + "target", "1.2.3.4"), Map.of("istio", "ingressgateway"), "a.example.com"),
                        List.of(), List.of(ingress), eps("a.example.com A 1.2.3.4")),
                row("Gateway: its Service has no address yet → nothing, with a note",
                        gw("gw", "default", Map.of(), Map.of("istio", "pending"), "a.example.com"), List.of(),
                        List.of(pending, ingress), eps(), List.of(), true),
                row("Gateway: no Service selected → nothing, with a note",
                        gw("gw", "default", Map.of(), Map.of("istio", "none"), "a.example.com"), List.of(),
                        List.of(ingress), eps(), List.of(), true),
                row("Gateway: the Service's external IPs before its LB status (selector a subset of the Service's)",
                        gw("gw", "default", Map.of(), Map.of("istio", "ext"), "a.example.com"), List.of(),
                        List.of(external), eps("a.example.com A 5.5.5.5")),
                row("Gateway: hostname, ttl, set-identifier and aws-* annotations",
                        gw("gw", "default", Map.of(T + "hostname", "c.example.com", T + "ttl", "60",
                                T + "set-identifier", "blue", T + "aws-weight", "10"), Map.of("istio", "ingressgateway"),
                                "a.example.com"), List.of(), List.of(ingress),
                        eps("a.example.com CNAME lb.example.net ttl=60 id=blue {aws/weight=10}",
                                "c.example.com CNAME lb.example.net ttl=60 id=blue {aws/weight=10}")),
                row("Gateway: another controller → skipped",
                        gw("gw", "default", Map.of(T + "controller", "other"), Map.of("istio", "ingressgateway"),
                                "a.example.com"), List.of(), List.of(ingress), eps(), List.of("skipped"), false),
                row("VirtualService: bound to a Gateway in another namespace by namespace/name → its Service's target",
                        vs("shop", "web", List.of(), List.of("shop.example.org"), "istio-system/public"),
                        List.of(pub), List.of(ingress), eps("shop.example.org CNAME lb.example.net")),
                row("VirtualService: wildcard server host binds a name under it, not the apex",
                        vs("app", "default", List.of(), List.of("app.example.com", "example.com"), "istio-system/public"),
                        List.of(gw("public", "istio-system", Map.of(), Map.of("istio", "ingressgateway"), "*.example.com")),
                        List.of(ingress), eps("app.example.com CNAME lb.example.net")),
                row("VirtualService: server host limited to another namespace does not bind",
                        vs("shop", "default", List.of(), List.of("shop.example.org"), "istio-system/public"),
                        List.of(gw("public", "istio-system", Map.of(), Map.of("istio", "ingressgateway"),
                                "web/shop.example.org")), List.of(ingress), eps(), List.of(), true),
                row("VirtualService: mesh ignored, a Gateway in its own namespace by bare name",
                        vs("app", "default", List.of(), List.of("app.example.com"), "mesh", "local"),
                        List.of(gw("local", "default", Map.of(), Map.of("istio", "ingressgateway"), "app.example.com")),
                        List.of(ingress), eps("app.example.com CNAME lb.example.net")),
                row("VirtualService: only mesh → nothing",
                        vs("app", "default", List.of(), List.of("app.example.com"), "mesh"), List.of(pub),
                        List.of(ingress), eps(), List.of(), true),
                row("VirtualService: its Gateway not found → nothing, with a note",
                        vs("app", "default", List.of(), List.of("app.example.com"), "istio-system/missing"), List.of(pub),
                        List.of(ingress), eps(), List.of(), true),
                row("VirtualService: * host skipped, namespace/host stripped, its own target annotation",
                        vsAnnotated("app", "default", Map.of(T + "target", "7.7.7.7"), List.of("*", "ns/app.example.com"),
                                "istio-system/public"), List.of(pub), List.of(ingress), eps("app.example.com A 7.7.7.7")),
                row("VirtualService: exportTo excludes the Gateway's namespace → nothing",
                        vs("app", "default", List.of("."), List.of("app.example.com"), "istio-system/public"),
                        List.of(pub), List.of(ingress), eps(), List.of(), true),
                row("VirtualService: two Gateways → both targets",
                        vs("app", "default", List.of(), List.of("app.example.com"), "istio-system/public", "istio-system/ext"),
                        List.of(pub, gw("ext", "istio-system", Map.of(), Map.of("istio", "ext"), "*")),
                        List.of(ingress, external), eps("app.example.com CNAME lb.example.net", "app.example.com A 5.5.5.5")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void maps(Row row) {
        MappingOptions o = Fixtures.opts();
        Map<String, IstioMapper.Gateway> gateways = new HashMap<>();
        row.gateways().forEach(g -> gateways.put(g.getMetadata().getNamespace() + "/" + g.getMetadata().getName(),
                IstioMapper.Gateway.of(g)));
        boolean isGateway = row.object().getKind().equals("Gateway");
        MappingResult result = isGateway ? IstioMapper.mapGateway(IstioMapper.Gateway.of(row.object()), row.services(), o)
                : IstioMapper.mapVirtualService(IstioMapper.VirtualService.of(row.object()),
                new IstioMapper.Lookups(gateways::get, row.services()), o);

        assertThat(result.endpoints().stream().map(Fixtures::fmt).toList())
                .containsExactlyInAnyOrderElementsOf(row.expected());
        List<String> rejections = new ArrayList<>(result.rejections().stream().map(r -> r.code() + " " + r.dnsName()).toList());
        if (result.skipped() != null && !row.noted()) {
            rejections.add("skipped");
        }
        assertThat(rejections).containsExactlyInAnyOrderElementsOf(row.rejections());
        if (row.noted()) {
            assertThat(result.skipped()).as("says why nothing is published").isNotBlank();
        }
        String resource = (isGateway ? "gateway/" : "virtualservice/") + row.object().getMetadata().getNamespace() + "/"
                + row.object().getMetadata().getName();
        for (Endpoint e : result.endpoints()) {
            assertThat(e.labels()).containsEntry(Labels.RESOURCE, resource);
        }
    }

    @Test
    void gatewayRefsAsExternalDns() {
        assertThat(IstioMapper.gatewayId("gw", "ns")).isEqualTo("ns/gw");
        assertThat(IstioMapper.gatewayId("other/gw", "ns")).isEqualTo("other/gw");
        assertThat(IstioMapper.gatewayId("mesh", "ns")).isNull();
        assertThat(IstioMapper.gatewayId("a/b/c", "ns")).isNull();
    }

    private static Arguments row(String title, GenericKubernetesResource object, List<GenericKubernetesResource> gateways,
                                 List<Service> services, List<String> expected) {
        return row(title, object, gateways, services, expected, List.of(), false);
    }

    private static Arguments row(String title, GenericKubernetesResource object, List<GenericKubernetesResource> gateways,
                                 List<Service> services, List<String> expected, List<String> rejections, boolean noted) {
        return Arguments.of(Named.of(title, new Row(object, gateways, services, expected, rejections, noted)));
    }

    static GenericKubernetesResource gw(String name, String ns, Map<String, String> annotations,
                                        Map<String, String> selector, String... hosts) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", selector);
        spec.put("servers", List.of(Map.of("port", Map.of("number", 80, "name", "http", "protocol", "HTTP"),
                "hosts", List.of(hosts))));
        return resource("Gateway", name, ns, annotations, spec);
    }

    static GenericKubernetesResource vs(String name, String ns, List<String> exportTo, List<String> hosts,
                                        String... gateways) {
        GenericKubernetesResource r = vsAnnotated(name, ns, Map.of(), hosts, gateways);
        if (!exportTo.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
            spec.put("exportTo", exportTo);
        }
        return r;
    }

    static GenericKubernetesResource vsAnnotated(String name, String ns, Map<String, String> annotations,
                                                 List<String> hosts, String... gateways) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("hosts", hosts);
        spec.put("gateways", List.of(gateways));
        return resource("VirtualService", name, ns, annotations, spec);
    }

    private static GenericKubernetesResource resource(String kind, String name, String ns,
                                                      Map<String, String> annotations, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("networking.istio.io/v1");
        r.setKind(kind);
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).withAnnotations(annotations).build());
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    static Service svc(String name, String ns, Map<String, String> selector, String lb, List<String> externalIps) {
        var b = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withType("LoadBalancer").withSelector(selector).withExternalIPs(externalIps).endSpec();
        if (lb != null) {
            b.withNewStatus().withNewLoadBalancer().addNewIngress()
                    .withIp(lb.matches("[0-9.]+") ? lb : null).withHostname(lb.matches("[0-9.]+") ? null : lb)
                    .endIngress().endLoadBalancer().endStatus();
        }
        return b.build();
    }
}
