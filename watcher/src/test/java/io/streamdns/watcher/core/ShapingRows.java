package io.streamdns.watcher.core;

import static io.streamdns.watcher.core.Fixtures.eps;
import static io.streamdns.watcher.core.Fixtures.opts;
import static io.streamdns.watcher.core.Fixtures.row;

import io.streamdns.watcher.core.Fixtures.Ing;
import io.streamdns.watcher.core.Fixtures.Svc;
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
                        eps("a.example.com A 5.6.7.8", "a.example.org A 5.6.7.8")));
    }
}
