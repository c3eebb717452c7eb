package io.streamdns.watcher.core;

import static io.streamdns.watcher.core.Fixtures.eps;
import static io.streamdns.watcher.core.Fixtures.filter;
import static io.streamdns.watcher.core.Fixtures.opts;
import static io.streamdns.watcher.core.Fixtures.row;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Rows of the mapping table for external-dns's DNSEndpoint (the crd source), after external-dns's crd_test.go. */
final class CrdRows {
    private CrdRows() {
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("DNSEndpoint: one endpoint", dns(ep("a.example.com", "A", "1.2.3.4")), opts(),
                        eps("a.example.com A 1.2.3.4")),
                row("DNSEndpoint: several endpoints with provider-specific properties, ttl and set identifiers",
                        dns(ep("a.example.com", "A", "1.2.3.4").ttl(60).id("eu").prop("aws/weight", "10"),
                                ep("a.example.com", "A", "5.6.7.8").ttl(60).id("us").prop("aws-weight", "90"),
                                ep("b.example.com", "CNAME", "lb.example.net").prop("aws/region", "eu-west-1")
                                        .id("eu"),
                                ep("c.example.com", "TXT", "hello world")), opts(),
                        eps("a.example.com A 1.2.3.4 ttl=60 id=eu {aws/weight=10}",
                                "a.example.com A 5.6.7.8 ttl=60 id=us {aws/weight=90}",
                                "b.example.com CNAME lb.example.net id=eu {aws/region=eu-west-1}",
                                "c.example.com TXT hello world")),
                row("DNSEndpoint: entries of one name and type merged", dns(ep("a.example.com", "A", "1.2.3.4"),
                        ep("a.example.com", "A", "1.2.3.5", "1.2.3.4")), opts(),
                        eps("a.example.com A 1.2.3.4,1.2.3.5")),
                row("DNSEndpoint: alias property kept for the planner's ALIAS",
                        dns(ep("a.example.com", "CNAME", "lb-1.elb.amazonaws.com").prop("alias", "true")
                                .prop("aws-evaluate-target-health", "false")), opts(),
                        eps("a.example.com CNAME lb-1.elb.amazonaws.com {alias=true, aws/evaluate-target-health=false}")),
                row("DNSEndpoint: A with alias=true takes a host name target",
                        dns(ep("a.example.com", "A", "lb-1.elb.amazonaws.com").prop("alias", "true")), opts(),
                        eps("a.example.com A lb-1.elb.amazonaws.com {alias=true}")),
                row("DNSEndpoint: a property of another provider reported and dropped",
                        dns(ep("a.example.com", "A", "1.2.3.4").prop("cloudflare-proxied", "true")), opts(),
                        eps("a.example.com A 1.2.3.4"), "unsupported-property a.example.com"),
                row("DNSEndpoint: SRV", dns(ep("_sip._udp.example.com", "SRV", "10 5 5060 sip.example.com")), opts(),
                        eps("_sip._udp.example.com SRV 10 5 5060 sip.example.com")),
                row("DNSEndpoint: SRV target with trailing dot is valid",
                        dns(ep("_sip._udp.example.com", "SRV", "10 5 5060 sip.example.com.")), opts(),
                        eps("_sip._udp.example.com SRV 10 5 5060 sip.example.com.")),
                row("DNSEndpoint: CNAME target with trailing dot is valid",
                        dns(ep("a.example.com", "CNAME", "b.example.net.")), opts(), eps("a.example.com CNAME b.example.net")),
                row("DNSEndpoint: A target with trailing dot is refused",
                        dns(ep("a.example.com", "A", "1.2.3.4.")), opts(), eps(), "invalid-target a.example.com"),
                row("DNSEndpoint: A with a host name target is refused",
                        dns(ep("a.example.com", "A", "b.example.net")), opts(), eps(), "invalid-target a.example.com"),
                row("DNSEndpoint: AAAA", dns(ep("a.example.com", "AAAA", "2001:db8::1")), opts(),
                        eps("a.example.com AAAA 2001:db8::1")),
                row("DNSEndpoint: NS and MX are not written by streamdns: reported",
                        dns(ep("sub.example.com", "NS", "ns1.example.net."), ep("example.com", "MX", "10 mx.example.com"),
                                ep("b.example.com", "A", "1.2.3.4")), opts(),
                        eps("b.example.com A 1.2.3.4"), "unsupported-type sub.example.com",
                        "unsupported-type example.com"),
                row("DNSEndpoint: no targets (external-dns's default targets): reported",
                        dns(ep("a.example.com", "A")), opts(), eps(), "invalid-target a.example.com"),
                row("DNSEndpoint: invalid name and name outside the domain filter", dns(ep("a..example.com", "A",
                                "1.2.3.4"), ep("a.example.net", "A", "1.2.3.4"), ep("a.example.com", "A", "1.2.3.4")),
                        filter(List.of("example.com"), List.of()), eps("a.example.com A 1.2.3.4"),
                        "invalid-name a..example.com", "domain-filter a.example.net"),
                row("DNSEndpoint: bad recordTTL reported, the record stays", dns(ep("a.example.com", "A", "1.2.3.4")
                        .ttl(-5)), opts(), eps("a.example.com A 1.2.3.4"), "invalid-ttl a.example.com"),
                row("DNSEndpoint: annotation filter not matching → skipped",
                        dns(ep("a.example.com", "A", "1.2.3.4")), opts().withAnnotationFilter("team=web"), eps(),
                        "skipped"),
                row("DNSEndpoint: annotation filter matching", dns(ep("a.example.com", "A", "1.2.3.4"))
                        .annotate("team", "web"), opts().withAnnotationFilter("team=web"), eps("a.example.com A 1.2.3.4")),
                row("DNSEndpoint: no endpoints", dns(), opts(), eps()));
    }

    /** Builds a DNSEndpoint as a generic resource, as the informer hands it over. */
    static final class Dns {
        private final List<Ep> endpoints;
        private final Map<String, String> annotations = new LinkedHashMap<>();

        Dns(List<Ep> endpoints) {
            this.endpoints = endpoints;
        }

        Dns annotate(String k, String v) {
            annotations.put(k, v);
            return this;
        }

        GenericKubernetesResource build() {
            List<Object> eps = new ArrayList<>();
            endpoints.forEach(e -> eps.add(e.fields));
            return new GenericKubernetesResourceBuilder().withApiVersion(CrdMapper.DEFAULT_API_VERSION)
                    .withKind(CrdMapper.DEFAULT_KIND).withNewMetadata().withName("records").withNamespace("default")
                    .withAnnotations(annotations).withGeneration(1L).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("endpoints", eps)).build();
        }
    }

    static final class Ep {
        final Map<String, Object> fields = new LinkedHashMap<>();
        private final List<Object> props = new ArrayList<>();

        Ep ttl(long ttl) {
            fields.put("recordTTL", ttl);
            return this;
        }

        Ep id(String id) {
            fields.put("setIdentifier", id);
            return this;
        }

        Ep prop(String name, String value) {
            props.add(Map.of("name", name, "value", value));
            fields.put("providerSpecific", props);
            return this;
        }

        Ep label(String k, String v) {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) fields.computeIfAbsent("labels",
                    x -> new LinkedHashMap<String, String>());
            labels.put(k, v);
            return this;
        }
    }

    static Dns dns(Ep... endpoints) {
        return new Dns(List.of(endpoints));
    }

    static Ep ep(String name, String type, String... targets) {
        Ep e = new Ep();
        e.fields.put("dnsName", name);
        e.fields.put("recordType", type);
        e.fields.put("targets", List.of(targets));
        return e;
    }
}
