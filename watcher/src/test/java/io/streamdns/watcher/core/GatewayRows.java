package io.streamdns.watcher.core;

import static io.streamdns.watcher.core.Fixtures.eps;
import static io.streamdns.watcher.core.Fixtures.filter;
import static io.streamdns.watcher.core.Fixtures.opts;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutesBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKindBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** Rows of the Gateway API route table, after external-dns's gateway_*route_test.go. */
final class GatewayRows {
    static final String NS = "default";

    private GatewayRows() {
    }

    /** A route, the Gateways and namespaces it sees, the flags, and what it must map to. */
    record Row(GatewayRouteMapper.Route route, List<Gateway> gateways, Map<String, Map<String, String>> namespaces,
               MappingOptions options, GatewayRouteMapper.Options gatewayOptions, List<String> expected,
               List<String> rejections) {
    }

    static Stream<Arguments> rows() {
        Gateway internal = gw("internal", NS, "1.2.3.4", listener("http", "HTTP", 80, null));
        return Stream.of(
                row("HTTPRoute: hostname, accepted by its Gateway → the Gateway's address",
                        rt("web").hosts("web.example.com").parent("internal"), List.of(internal),
                        eps("web.example.com A 1.2.3.4")),
                row("HTTPRoute: not accepted by its Gateway → nothing",
                        rt("web").hosts("web.example.com").parent("internal", false), List.of(internal), eps(),
                        "skipped"),
                row("HTTPRoute: status parent not in spec.parentRefs → nothing",
                        rt("web").hosts("web.example.com").statusOnly("internal"), List.of(internal), eps(), "skipped"),
                row("HTTPRoute: no parentRefs → nothing", rt("web").hosts("web.example.com"), List.of(internal), eps(),
                        "skipped"),
                row("HTTPRoute: Gateway not seen (other namespace filtered, or missing) → nothing",
                        rt("web").hosts("web.example.com").parent("missing"), List.of(internal), eps(), "skipped"),
                row("HTTPRoute: --gateway-name matches", rt("web").hosts("web.example.com").parent("internal"),
                        List.of(internal), opts(), new GatewayRouteMapper.Options("internal"),
                        eps("web.example.com A 1.2.3.4")),
                row("HTTPRoute: --gateway-name does not match → nothing",
                        rt("web").hosts("web.example.com").parent("internal"), List.of(internal), opts(),
                        new GatewayRouteMapper.Options("external"), eps(), "skipped"),
                row("HTTPRoute: listener hostname wildcard covers the route's hostname",
                        rt("web").hosts("web.example.com").parent("wild"),
                        List.of(gw("wild", NS, "1.2.3.4", listener("http", "HTTP", 80, "*.example.com"))),
                        eps("web.example.com A 1.2.3.4")),
                row("HTTPRoute: wildcard route hostname under a listener hostname → the listener's name",
                        rt("web").hosts("*.example.com").parent("named"),
                        List.of(gw("named", NS, "1.2.3.4", listener("http", "HTTP", 80, "api.example.com"))),
                        eps("api.example.com A 1.2.3.4")),
                row("HTTPRoute: wildcard in route and Gateway → the more specific wildcard",
                        rt("web").hosts("*.sub.example.com").parent("wild"),
                        List.of(gw("wild", NS, "1.2.3.4", listener("http", "HTTP", 80, "*.example.com"))),
                        eps("*.sub.example.com A 1.2.3.4")),
                row("HTTPRoute: hostname outside the listener's → nothing",
                        rt("web").hosts("web.example.org").parent("wild"),
                        List.of(gw("wild", NS, "1.2.3.4", listener("http", "HTTP", 80, "*.example.com"))), eps(),
                        "skipped"),
                row("HTTPRoute: no route hostname → the listener's hostname",
                        rt("web").parent("named"),
                        List.of(gw("named", NS, "1.2.3.4", listener("http", "HTTP", 80, "api.example.com"))),
                        eps("api.example.com A 1.2.3.4")),
                row("HTTPRoute: no hostname anywhere → nothing", rt("web").parent("internal"), List.of(internal), eps(),
                        "skipped"),
                row("HTTPRoute: sectionName picks one listener",
                        rt("web").hosts("*.example.com").parent(p -> p.withName("multi").withSectionName("b")),
                        List.of(gw("multi", NS, "1.2.3.4", listener("a", "HTTP", 80, "a.example.com"),
                                listener("b", "HTTP", 8080, "b.example.com"))), eps("b.example.com A 1.2.3.4")),
                row("HTTPRoute: unknown sectionName → nothing",
                        rt("web").hosts("*.example.com").parent(p -> p.withName("multi").withSectionName("c")),
                        List.of(gw("multi", NS, "1.2.3.4", listener("a", "HTTP", 80, "a.example.com"))), eps(),
                        "skipped"),
                row("HTTPRoute: port picks the listeners on it",
                        rt("web").hosts("*.example.com").parent(p -> p.withName("multi").withPort(8080)),
                        List.of(gw("multi", NS, "1.2.3.4", listener("a", "HTTP", 80, "a.example.com"),
                                listener("b", "HTTP", 8080, "b.example.com"))), eps("b.example.com A 1.2.3.4")),
                row("HTTPRoute: no sectionName → every listener (several listeners)",
                        rt("web").hosts("*.example.com").parent("multi"),
                        List.of(gw("multi", NS, "1.2.3.4", listener("a", "HTTP", 80, "a.example.com"),
                                listener("b", "HTTPS", 443, "b.example.com"))),
                        eps("a.example.com A 1.2.3.4", "b.example.com A 1.2.3.4")),
                row("HTTPRoute: several parents → their targets merged",
                        rt("web").hosts("web.example.com").parent("internal").parent("other"),
                        List.of(internal, gw("other", NS, "5.6.7.8", listener("http", "HTTP", 80, null))),
                        eps("web.example.com A 1.2.3.4,5.6.7.8")),
                row("HTTPRoute: several parents, one not accepted → only the accepting one's targets",
                        rt("web").hosts("web.example.com").parent("internal").parent("other", false),
                        List.of(internal, gw("other", NS, "5.6.7.8", listener("http", "HTTP", 80, null))),
                        eps("web.example.com A 1.2.3.4")),
                row("HTTPRoute: several parents with different listener hostnames",
                        rt("web").hosts("*.example.com").parent("a").parent("b"),
                        List.of(gw("a", NS, "1.2.3.4", listener("http", "HTTP", 80, "a.example.com")),
                                gw("b", NS, "5.6.7.8", listener("http", "HTTP", 80, "b.example.com"))),
                        eps("a.example.com A 1.2.3.4", "b.example.com A 5.6.7.8")),
                row("HTTPRoute: listener admits Same namespace (default), route elsewhere → nothing",
                        rt("web").ns("apps").hosts("web.example.com").parent(p -> p.withName("internal")
                                .withNamespace(NS)), List.of(internal), eps(), "skipped"),
                row("HTTPRoute: listener admits All namespaces",
                        rt("web").ns("apps").hosts("web.example.com").parent(p -> p.withName("all").withNamespace(NS)),
                        List.of(gw("all", NS, "1.2.3.4", allowed(listener("http", "HTTP", 80, null), "All", null))),
                        eps("web.example.com A 1.2.3.4")),
                row("HTTPRoute: namespace selector matches the route's namespace",
                        rt("web").ns("apps").hosts("web.example.com").parent(p -> p.withName("sel").withNamespace(NS)),
                        List.of(gw("sel", NS, "1.2.3.4", allowed(listener("http", "HTTP", 80, null), "Selector",
                                Map.of("team", "web")))), Map.of("apps", Map.of("team", "web")), opts(),
                        GatewayRouteMapper.Options.ANY, eps("web.example.com A 1.2.3.4")),
                row("HTTPRoute: namespace selector does not match → nothing",
                        rt("web").ns("apps").hosts("web.example.com").parent(p -> p.withName("sel").withNamespace(NS)),
                        List.of(gw("sel", NS, "1.2.3.4", allowed(listener("http", "HTTP", 80, null), "Selector",
                                Map.of("team", "web")))), Map.of("apps", Map.of("team", "db")), opts(),
                        GatewayRouteMapper.Options.ANY, eps(), "skipped"),
                row("HTTPRoute: namespace unknown for a selector → nothing",
                        rt("web").ns("apps").hosts("web.example.com").parent(p -> p.withName("sel").withNamespace(NS)),
                        List.of(gw("sel", NS, "1.2.3.4", allowed(listener("http", "HTTP", 80, null), "Selector",
                                Map.of("team", "web")))), eps(), "skipped"),
                row("HTTPRoute: listener allows only GRPCRoute kinds → nothing",
                        rt("web").hosts("web.example.com").parent("kinds"),
                        List.of(gw("kinds", NS, "1.2.3.4", kinds(listener("http", "HTTP", 80, null), "GRPCRoute"))),
                        eps(), "skipped"),
                row("HTTPRoute: listener allows HTTPRoute kind",
                        rt("web").hosts("web.example.com").parent("kinds"),
                        List.of(gw("kinds", NS, "1.2.3.4", kinds(listener("http", "HTTP", 80, null), "HTTPRoute"))),
                        eps("web.example.com A 1.2.3.4")),
                row("HTTPRoute: TLS listener does not take an HTTPRoute → nothing",
                        rt("web").hosts("web.example.com").parent("tls"),
                        List.of(gw("tls", NS, "1.2.3.4", listener("tls", "TLS", 443, null))), eps(), "skipped"),
                row("TCPRoute: attaches to a TLS listener, its hostname",
                        route("TCPRoute", "TCP", "db").parent("tls"),
                        List.of(gw("tls", NS, "1.2.3.4", listener("tls", "TLS", 5432, "db.example.com"))),
                        eps("db.example.com A 1.2.3.4")),
                row("UDPRoute: hostname annotation on a hostless listener",
                        route("UDPRoute", "UDP", "dns").ann("hostname", "dns.example.com").parent("udp"),
                        List.of(gw("udp", NS, "1.2.3.4", listener("udp", "UDP", 53, null))),
                        eps("dns.example.com A 1.2.3.4")),
                row("GRPCRoute: attaches to an HTTPS listener",
                        route("GRPCRoute", "HTTPS", "api").hosts("api.example.com").parent("https"),
                        List.of(gw("https", NS, "1.2.3.4", listener("https", "HTTPS", 443, null))),
                        eps("api.example.com A 1.2.3.4")),
                row("HTTPRoute: the Gateway's target annotation overrides its addresses",
                        rt("web").hosts("web.example.com").parent("over"),
                        List.of(annotate(gw("over", NS, "1.2.3.4", listener("http", "HTTP", 80, null)), "target",
                                "lb.example.net")), eps("web.example.com CNAME lb.example.net")),
                row("HTTPRoute: Gateway with a host-name address → CNAME",
                        rt("web").hosts("web.example.com").parent("lb"),
                        List.of(gw("lb", NS, "k8s-gw.elb.amazonaws.com", listener("http", "HTTP", 80, null))),
                        eps("web.example.com CNAME k8s-gw.elb.amazonaws.com")),
                row("HTTPRoute: Gateway without addresses yet → nothing",
                        rt("web").hosts("web.example.com").parent("new"),
                        List.of(gw("new", NS, null, listener("http", "HTTP", 80, null))), eps()),
                row("HTTPRoute: hostname annotation adds a name",
                        rt("web").hosts("web.example.com").ann("hostname", "extra.example.com").parent("internal"),
                        List.of(internal), eps("web.example.com A 1.2.3.4", "extra.example.com A 1.2.3.4")),
                row("HTTPRoute: gateway-hostname-source=annotation-only",
                        rt("web").hosts("web.example.com").ann("hostname", "extra.example.com")
                                .ann("gateway-hostname-source", "annotation-only").parent("internal"),
                        List.of(internal), eps("extra.example.com A 1.2.3.4")),
                row("HTTPRoute: gateway-hostname-source=defined-hosts-only",
                        rt("web").hosts("web.example.com").ann("hostname", "extra.example.com")
                                .ann("gateway-hostname-source", "defined-hosts-only").parent("internal"),
                        List.of(internal), eps("web.example.com A 1.2.3.4")),
                row("HTTPRoute: invalid gateway-hostname-source reported, default behaviour",
                        rt("web").hosts("web.example.com").ann("hostname", "extra.example.com")
                                .ann("gateway-hostname-source", "everything").parent("internal"),
                        List.of(internal), eps("web.example.com A 1.2.3.4", "extra.example.com A 1.2.3.4"),
                        "invalid-annotation web"),
                row("HTTPRoute: --fqdn-template when the route has no hostnames",
                        rt("web").parent("internal"), List.of(internal),
                        opts().withFqdnTemplate("{{.Name}}.{{.Namespace}}.example.com"), GatewayRouteMapper.Options.ANY,
                        eps("web.default.example.com A 1.2.3.4")),
                row("HTTPRoute: ttl, set-identifier and aws-* annotations",
                        rt("web").hosts("web.example.com").ann("ttl", "60").ann("set-identifier", "eu")
                                .ann("aws-weight", "10").parent("internal"), List.of(internal),
                        eps("web.example.com A 1.2.3.4 ttl=60 id=eu {aws/weight=10}")),
                row("HTTPRoute: controller annotation of someone else → skipped",
                        rt("web").hosts("web.example.com").ann("controller", "other").parent("internal"),
                        List.of(internal), eps(), "skipped"),
                row("HTTPRoute: Gateway with a controller annotation of someone else → nothing",
                        rt("web").hosts("web.example.com").parent("theirs"),
                        List.of(annotate(gw("theirs", NS, "1.2.3.4", listener("http", "HTTP", 80, null)), "controller",
                                "other")), eps(), "skipped"),
                row("HTTPRoute: --annotation-filter not matching → skipped",
                        rt("web").hosts("web.example.com").parent("internal"), List.of(internal),
                        opts().withAnnotationFilter("team=web"), GatewayRouteMapper.Options.ANY, eps(), "skipped"),
                row("HTTPRoute: a hostname outside the domain filter reported",
                        rt("web").hosts("web.example.com", "web.example.org").parent("internal"), List.of(internal),
                        filter(List.of("example.com"), List.of()), GatewayRouteMapper.Options.ANY,
                        eps("web.example.com A 1.2.3.4"), "domain-filter web.example.org"),
                row("HTTPRoute: an IP as listener hostname matches nothing",
                        rt("web").hosts("web.example.com").parent("ip"),
                        List.of(gw("ip", NS, "1.2.3.4", listener("http", "HTTP", 80, "10.0.0.1"))), eps(), "skipped"));
    }

    static Arguments row(String title, RouteBuilder rt, List<Gateway> gateways, List<String> expected,
                         String... rejections) {
        return row(title, rt, gateways, Map.of(), opts(), GatewayRouteMapper.Options.ANY, expected, rejections);
    }

    static Arguments row(String title, RouteBuilder rt, List<Gateway> gateways, MappingOptions o,
                         GatewayRouteMapper.Options g, List<String> expected, String... rejections) {
        return row(title, rt, gateways, Map.of(), o, g, expected, rejections);
    }

    static Arguments row(String title, RouteBuilder rt, List<Gateway> gateways,
                         Map<String, Map<String, String>> namespaces, MappingOptions o, GatewayRouteMapper.Options g,
                         List<String> expected, String... rejections) {
        return Arguments.of(Named.of(title, new Row(rt.build(), gateways, namespaces, o, g, expected,
                List.of(rejections))));
    }

    static RouteBuilder rt(String name) {
        return route("HTTPRoute", "HTTP", name);
    }

    static RouteBuilder route(String kind, String protocol, String name) {
        return new RouteBuilder(kind, protocol, name);
    }

    static final class RouteBuilder {
        private final String kind;
        private final String protocol;
        private final String name;
        private String namespace = NS;
        private final List<String> hosts = new ArrayList<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private final List<ParentReference> refs = new ArrayList<>();
        private final List<RouteParentStatus> parents = new ArrayList<>();

        RouteBuilder(String kind, String protocol, String name) {
            this.kind = kind;
            this.protocol = protocol;
            this.name = name;
        }

        RouteBuilder ns(String ns) {
            namespace = ns;
            return this;
        }

        RouteBuilder hosts(String... h) {
            hosts.addAll(List.of(h));
            return this;
        }

        RouteBuilder ann(String key, String value) {
            annotations.put(Annotations.PREFIX + key, value);
            return this;
        }

        RouteBuilder parent(String gateway) {
            return parent(gateway, true);
        }

        RouteBuilder parent(String gateway, boolean accepted) {
            ParentReference ref = new ParentReferenceBuilder().withName(gateway).build();
            refs.add(ref);
            parents.add(status(ref, accepted));
            return this;
        }

        RouteBuilder parent(Consumer<ParentReferenceBuilder> edit) {
            ParentReferenceBuilder b = new ParentReferenceBuilder();
            edit.accept(b);
            ParentReference ref = b.build();
            refs.add(ref);
            parents.add(status(ref, true));
            return this;
        }

        /** Named in the status by the Gateway's controller, but not in spec.parentRefs. */
        RouteBuilder statusOnly(String gateway) {
            parents.add(status(new ParentReferenceBuilder().withName(gateway).build(), true));
            return this;
        }

        private static RouteParentStatus status(ParentReference ref, boolean accepted) {
            return new RouteParentStatusBuilder().withParentRef(ref).withControllerName("example.com/gateway")
                    .withConditions(new ConditionBuilder().withType("Accepted").withStatus(accepted ? "True" : "False")
                            .withReason(accepted ? "Accepted" : "NotAllowedByListeners").build()).build();
        }

        GatewayRouteMapper.Route build() {
            return new GatewayRouteMapper.Route(kind, new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                    .withAnnotations(annotations).build(), List.copyOf(hosts), List.copyOf(refs), List.copyOf(parents),
                    protocol);
        }
    }

    static Listener listener(String name, String protocol, int port, String hostname) {
        return new ListenerBuilder().withName(name).withProtocol(protocol).withPort(port).withHostname(hostname).build();
    }

    static Listener allowed(Listener l, String from, Map<String, String> selector) {
        l.setAllowedRoutes(new AllowedRoutesBuilder().withNewNamespaces().withFrom(from)
                .withSelector(selector == null ? null : new LabelSelectorBuilder().withMatchLabels(selector).build())
                .endNamespaces().build());
        return l;
    }

    static Listener kinds(Listener l, String kind) {
        l.setAllowedRoutes(new AllowedRoutesBuilder().withKinds(new RouteGroupKindBuilder().withKind(kind).build())
                .build());
        return l;
    }

    static Gateway gw(String name, String namespace, String address, Listener... listeners) {
        GatewayBuilder b = new GatewayBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withGatewayClassName("example").withListeners(listeners).endSpec();
        if (address != null) {
            b.withNewStatus().addNewAddress().withValue(address).endAddress().endStatus();
        }
        return b.build();
    }

    static Gateway annotate(Gateway g, String key, String value) {
        g.getMetadata().setAnnotations(Map.of(Annotations.PREFIX + key, value));
        return g;
    }
}
