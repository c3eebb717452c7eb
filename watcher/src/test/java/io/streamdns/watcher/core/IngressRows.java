package io.streamdns.watcher.core;

import static io.streamdns.watcher.core.Fixtures.eps;
import static io.streamdns.watcher.core.Fixtures.filter;
import static io.streamdns.watcher.core.Fixtures.opts;
import static io.streamdns.watcher.core.Fixtures.row;

import io.streamdns.watcher.core.Fixtures.Ing;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Rows of the mapping table for Ingresses. */
final class IngressRows {
    private IngressRows() {
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("Ingress: rule host, LB ip", Ing.of("shop").rules("shop.example.com").status("1.2.3.4"), opts(),
                        eps("shop.example.com A 1.2.3.4")),
                row("Ingress: LB host name → CNAME", Ing.of("shop").rules("shop.example.com")
                        .status("k8s-lb.elb.amazonaws.com"), opts(), eps("shop.example.com CNAME k8s-lb.elb.amazonaws.com")),
                row("Ingress: no status yet → nothing", Ing.of("shop").rules("shop.example.com"), opts(), eps()),
                row("Ingress: rule, TLS and annotation hosts, duplicates merged", Ing.of("shop")
                                .rules("a.example.com", "b.example.com").tls("b.example.com", "c.example.com")
                                .ann("hostname", "d.example.com,a.example.com").status("1.2.3.4"), opts(),
                        eps("a.example.com A 1.2.3.4", "b.example.com A 1.2.3.4", "c.example.com A 1.2.3.4",
                                "d.example.com A 1.2.3.4")),
                row("Ingress: rule without host ignored", Ing.of("shop").rules("").status("1.2.3.4"), opts(), eps()),
                row("Ingress: ingress-hostname-source=annotation-only", Ing.of("shop").rules("a.example.com")
                                .ann("hostname", "d.example.com").ann("ingress-hostname-source", "annotation-only")
                                .status("1.2.3.4"), opts(), eps("d.example.com A 1.2.3.4")),
                row("Ingress: ingress-hostname-source=defined-hosts-only", Ing.of("shop").rules("a.example.com")
                                .ann("hostname", "d.example.com").ann("ingress-hostname-source", "defined-hosts-only")
                                .status("1.2.3.4"), opts(), eps("a.example.com A 1.2.3.4")),
                row("Ingress: bad ingress-hostname-source reported and ignored", Ing.of("shop").rules("a.example.com")
                                .ann("ingress-hostname-source", "everything").status("1.2.3.4"), opts(),
                        eps("a.example.com A 1.2.3.4"), "invalid-annotation shop"),
                row("Ingress: --ignore-ingress-tls-spec", Ing.of("shop").rules("a.example.com").tls("t.example.com")
                        .status("1.2.3.4"), opts().withIgnoreIngressSpecs(true, false), eps("a.example.com A 1.2.3.4")),
                row("Ingress: --ignore-ingress-rules-spec", Ing.of("shop").rules("a.example.com").tls("t.example.com")
                        .status("1.2.3.4"), opts().withIgnoreIngressSpecs(false, true), eps("t.example.com A 1.2.3.4")),
                row("Ingress: --ingress-class matches spec.ingressClassName", Ing.of("shop").className("nginx")
                                .rules("a.example.com").status("1.2.3.4"), opts().withIngressClasses(Set.of("nginx")),
                        eps("a.example.com A 1.2.3.4")),
                row("Ingress: --ingress-class matches the legacy annotation", Ing.of("shop")
                                .raw(IngressMapper.CLASS_ANNOTATION, "nginx").rules("a.example.com").status("1.2.3.4"),
                        opts().withIngressClasses(Set.of("nginx")), eps("a.example.com A 1.2.3.4")),
                row("Ingress: other class → skipped", Ing.of("shop").className("traefik").rules("a.example.com")
                        .status("1.2.3.4"), opts().withIngressClasses(Set.of("nginx")), eps(), "skipped"),
                row("Ingress: target annotation overrides status", Ing.of("shop").rules("a.example.com")
                        .ann("target", "edge.example.net").status("1.2.3.4"), opts(), eps("a.example.com CNAME edge.example.net")),
                row("Ingress: fqdn template when no host", Ing.of("shop").status("1.2.3.4"),
                        opts().withFqdnTemplate("{{.Name}}.{{.Namespace}}.example.com"),
                        eps("shop.shop.example.com A 1.2.3.4")),
                row("Ingress: wildcard rule host", Ing.of("shop").rules("*.shop.example.com").status("1.2.3.4"), opts(),
                        eps("*.shop.example.com A 1.2.3.4")),
                row("Ingress: domain filter, one host outside", Ing.of("shop").rules("a.example.com", "a.example.net")
                                .status("1.2.3.4"), filter(List.of("example.com"), List.of()),
                        eps("a.example.com A 1.2.3.4"), "domain-filter a.example.net"),
                row("Ingress: ttl and set-identifier", Ing.of("shop").rules("a.example.com").ann("ttl", "5m")
                                .ann("set-identifier", "eu").ann("aws-region", "eu-west-1").status("1.2.3.4"), opts(),
                        eps("a.example.com A 1.2.3.4 ttl=300 id=eu {aws/region=eu-west-1}")),
                row("Ingress: controller of someone else → skipped", Ing.of("shop").rules("a.example.com")
                        .ann("controller", "kops").status("1.2.3.4"), opts(), eps(), "skipped"),
                row("Ingress: invalid rule host reported", Ing.of("shop").rules("a..example.com", "b.example.com")
                        .status("1.2.3.4"), opts(), eps("b.example.com A 1.2.3.4"), "invalid-name a..example.com"));
    }
}
