package io.streamdns.watcher.core;

import static io.streamdns.watcher.core.Fixtures.eps;
import static io.streamdns.watcher.core.Fixtures.opts;
import static io.streamdns.watcher.core.Fixtures.row;

import io.streamdns.watcher.core.Fixtures.Ing;
import io.streamdns.watcher.core.Fixtures.Svc;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Rows of the flags that shape records (issue 16): --fqdn-template with external-dns's data and functions,
 * --combine-fqdn-annotation, --ignore-hostname-annotation.
 */
final class ShapingRows {
    private ShapingRows() {
    }

    static MappingOptions template(String t) {
        return opts().withFqdnTemplate(t);
    }

    static MappingOptions combine(String t) {
        return template(t).withShaping(new Shaping(true, false));
    }

    static MappingOptions ignoreHostname(String t) {
        return (t == null ? opts() : template(t)).withShaping(new Shaping(false, true));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("template: .Labels and trimSuffix", Svc.lb(null, "1.2.3.4").label("team", "payments-eu"),
                        template("{{ trimSuffix .Labels.team \"-eu\" }}.{{ .Name }}.example.com"),
                        eps("payments.web.example.com A 1.2.3.4")),
                row("template: index .Annotations, toLower and replace", Svc.lb(null, "1.2.3.4")
                        .raw("dns.company.com/label", "My_Org"), template("{{ replace \"_\" \"-\" (toLower (index "
                                + ".Annotations \"dns.company.com/label\")) }}.{{ .Namespace }}.example.com"),
                        eps("my-org.default.example.com A 1.2.3.4")),
                row("template: .Spec.Type decides", Svc.lb(null, "1.2.3.4"), template("{{ if eq .Spec.Type "
                        + "\"LoadBalancer\" }}{{ .Name }}.lb.example.com{{ end }}"), eps("web.lb.example.com A 1.2.3.4")),
                row("template: nothing for the other kinds", Svc.lb(null, "1.2.3.4"),
                        template("{{ if eq .Kind \"Ingress\" }}{{ .Name }}.example.com{{ end }}"), eps()),
                row("template: a name that is not a DNS name is refused with the reason", Svc.lb(null, "1.2.3.4"),
                        template("{{ .Labels.missing }}.example.com,{{ .Name }}.example.com"),
                        eps("web.example.com A 1.2.3.4"), "invalid-name <no value>.example.com"),
                row("template: failing on the object is reported, nothing published", Svc.lb(null, "1.2.3.4"),
                        template("{{ toLower .Labels.missing }}.example.com"), eps(),
                        "invalid-template service/default/web"),
                row("template: the annotation wins without --combine-fqdn-annotation",
                        Svc.lb("www.example.com", "1.2.3.4"), template("{{ .Name }}.example.org"),
                        eps("www.example.com A 1.2.3.4")),
                row("--combine-fqdn-annotation: annotation and template", Svc.lb("www.example.com", "1.2.3.4"),
                        combine("{{ .Name }}.example.org"),
                        eps("www.example.com A 1.2.3.4", "web.example.org A 1.2.3.4")),
                row("template: an annotation that made no endpoint (ClusterIP) leaves it to the template",
                        Svc.of("api", ServiceMapper.CLUSTER_IP).ann("hostname", "api.example.com"),
                        template("{{ .Name }}.internal.example.com").withPublishInternalServices(false), eps()),
                row("--ignore-hostname-annotation: the template's names only", Svc.lb("www.example.com", "1.2.3.4"),
                        ignoreHostname("{{ .Name }}.example.org"), eps("web.example.org A 1.2.3.4")),
                row("--ignore-hostname-annotation: internal-hostname ignored too", Svc.lb(null, "1.2.3.4")
                        .ann("internal-hostname", "in.example.com"), ignoreHostname(null), eps()),
                row("--ignore-hostname-annotation: no names without a template", Svc.lb("www.example.com", "1.2.3.4"),
                        ignoreHostname(null), eps()),
                row("ingress: the rules' hosts win over the template", Ing.of("shop").rules("shop.example.com")
                        .status("5.6.7.8"), template("{{ .Name }}.{{ .Namespace }}.example.org"),
                        eps("shop.example.com A 5.6.7.8")),
                row("ingress: --combine-fqdn-annotation adds the template's", Ing.of("shop").rules("shop.example.com")
                        .status("5.6.7.8"), combine("{{ .Name }}.{{ .Namespace }}.example.org"),
                        eps("shop.example.com A 5.6.7.8", "shop.shop.example.org A 5.6.7.8")),
                row("ingress: --ignore-hostname-annotation keeps the rules' hosts", Ing.of("shop")
                        .rules("shop.example.com").ann("hostname", "extra.example.com").status("5.6.7.8"),
                        ignoreHostname(null), eps("shop.example.com A 5.6.7.8")),
                row("ingress: .Spec.Rules in the template", Ing.of("shop").rules("a.example.com").status("5.6.7.8"),
                        combine("{{ range .Spec.Rules }}{{ trimSuffix .Host \".example.com\" }}.example.org,{{ end }}"),
                        eps("a.example.com A 5.6.7.8", "a.example.org A 5.6.7.8")),
                row("--default-targets: a DNSEndpoint entry without targets takes them, typed by target",
                        CrdRows.dns(CrdRows.ep("a.example.com", "CNAME").ttl(60), CrdRows.ep("b.example.com", "A", "1.1.1.1")),
                        shaping(new Shaping(false, false).withDefaultTargets(List.of("10.0.0.1", "lb.example.net"), false)),
                        eps("a.example.com A 10.0.0.1 ttl=60", "a.example.com CNAME lb.example.net ttl=60",
                                "b.example.com A 1.1.1.1")),
                row("--default-targets: a Service's own targets win (external-dns v0.22)", Svc.lb("www.example.com",
                        "1.2.3.4"), shaping(new Shaping(false, false).withDefaultTargets(List.of("10.0.0.1"), false)),
                        eps("www.example.com A 1.2.3.4")),
                row("--force-default-targets: every endpoint takes them", Svc.lb("www.example.com", "lb.example.net")
                        .ann("ttl", "60"), shaping(new Shaping(false, false).withDefaultTargets(List.of("10.0.0.1",
                        "2001:db8::1"), true)), eps("www.example.com A 10.0.0.1 ttl=60",
                        "www.example.com AAAA 2001:db8::1 ttl=60")),
                row("--force-default-targets: DNSEndpoint entries with targets too",
                        CrdRows.dns(CrdRows.ep("b.example.com", "A", "1.1.1.1")),
                        shaping(new Shaping(false, false).withDefaultTargets(List.of("10.0.0.1"), true)),
                        eps("b.example.com A 10.0.0.1")),
                row("--target-net-filter: targets outside dropped, with the reason", Svc.lb("www.example.com",
                        "10.1.2.3", "192.168.0.9"), nets(List.of("10.0.0.0/8"), List.of()),
                        eps("www.example.com A 10.1.2.3"), "target-filter www.example.com"),
                row("--target-net-filter: a host name target is not in any net: dropped", Svc.lb("www.example.com",
                        "lb.example.net"), nets(List.of("10.0.0.0/8"), List.of()), eps(),
                        "target-filter www.example.com"),
                row("--target-net-filter: IPv6 networks", Svc.lb("www.example.com", "2001:db8::5", "2001:db9::5"),
                        nets(List.of("2001:db8::/32"), List.of()), eps("www.example.com AAAA 2001:db8::5"),
                        "target-filter www.example.com"),
                row("--exclude-target-net: excluded dropped, host names kept", Svc.lb("www.example.com",
                        "10.1.2.3", "192.168.0.9", "lb.example.net"), nets(List.of(), List.of("10.0.0.0/8")),
                        eps("www.example.com A 192.168.0.9", "www.example.com CNAME lb.example.net"),
                        "target-filter www.example.com"),
                row("--target-net-filter with --exclude-target-net", Svc.lb("www.example.com", "10.1.2.3",
                        "10.9.0.1"), nets(List.of("10.0.0.0/8"), List.of("10.9.0.0/16")),
                        eps("www.example.com A 10.1.2.3"), "target-filter www.example.com"),
                row("--min-ttl: an unset TTL takes it", Svc.lb("www.example.com", "1.2.3.4"),
                        shaping(new Shaping(false, false).withMinTtl(600)), eps("www.example.com A 1.2.3.4 ttl=600")),
                row("--min-ttl: a TTL that is set stays, even below (external-dns)", Svc.lb("www.example.com",
                        "1.2.3.4").ann("ttl", "60"), shaping(new Shaping(false, false).withMinTtl(600)),
                        eps("www.example.com A 1.2.3.4 ttl=60")),
                row("--min-ttl: ttl annotation 0 counts as unset", Svc.lb("www.example.com", "1.2.3.4")
                        .ann("ttl", "0"), shaping(new Shaping(false, false).withMinTtl(600)),
                        eps("www.example.com A 1.2.3.4 ttl=600")),
                row("--min-ttl: a DNSEndpoint entry without recordTTL takes it",
                        CrdRows.dns(CrdRows.ep("b.example.com", "A", "1.1.1.1")),
                        shaping(new Shaping(false, false).withMinTtl(120)), eps("b.example.com A 1.1.1.1 ttl=120")));
    }

    static MappingOptions shaping(Shaping s) {
        return opts().withShaping(s);
    }

    static MappingOptions nets(List<String> include, List<String> exclude) {
        return shaping(new Shaping(false, false).withTargetNets(TargetNets.of(include, exclude)));
    }
}
