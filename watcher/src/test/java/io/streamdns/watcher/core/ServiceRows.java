package io.streamdns.watcher.core;

import static io.streamdns.watcher.core.Fixtures.ALPHA;
import static io.streamdns.watcher.core.Fixtures.alpha;
import static io.streamdns.watcher.core.Fixtures.NEW;
import static io.streamdns.watcher.core.Fixtures.eps;
import static io.streamdns.watcher.core.Fixtures.filter;
import static io.streamdns.watcher.core.Fixtures.node;
import static io.streamdns.watcher.core.Fixtures.opts;
import static io.streamdns.watcher.core.Fixtures.row;
import static io.streamdns.watcher.core.Fixtures.slice;

import io.streamdns.watcher.core.Fixtures.Svc;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Rows of the mapping table for Services. */
final class ServiceRows {
    private ServiceRows() {
    }

    static Stream<Arguments> rows() {
        String lb = ServiceMapper.LOAD_BALANCER;
        return Stream.of(
                row("LB: status ip with hostname annotation → A", Svc.lb("www.example.com", "1.2.3.4"), opts(),
                        eps("www.example.com A 1.2.3.4")),
                row("LB: status hostname → CNAME", Svc.lb("www.example.com", "lb-1.elb.amazonaws.com"), opts(),
                        eps("www.example.com CNAME lb-1.elb.amazonaws.com")),
                row("LB: IPv4 and IPv6 → A and AAAA", Svc.lb("www.example.com", "1.2.3.4", "2001:db8::1"), opts(),
                        eps("www.example.com A 1.2.3.4", "www.example.com AAAA 2001:db8::1")),
                row("LB: spec.externalIPs win over status", Svc.lb("www.example.com", "1.2.3.4")
                                .spec(s -> s.setExternalIPs(List.of("5.6.7.8"))), opts(),
                        eps("www.example.com A 5.6.7.8")),
                row("LB: no address yet → nothing", Svc.lb("www.example.com"), opts(), eps()),
                row("LB: no hostname annotation, no template → nothing", Svc.lb(null, "1.2.3.4"), opts(), eps()),
                row("hostname: comma list with spaces and trailing dots", Svc.lb("a.example.com., b.example.com",
                        "1.2.3.4"), opts(), eps("a.example.com A 1.2.3.4", "b.example.com A 1.2.3.4")),
                row("hostname: the alpha prefix is not read, as in external-dns v0.22", Svc.lb(null, "1.2.3.4")
                        .raw(ALPHA + "hostname", "old.example.com"), opts(), eps()),
                row("hostname: alpha prefix read with --alpha-annotations", Svc.lb(null, "1.2.3.4")
                        .raw(ALPHA + "hostname", "old.example.com"), alpha(), eps("old.example.com A 1.2.3.4")),
                row("hostname: new prefix wins over alpha", Svc.lb("new.example.com", "1.2.3.4")
                        .raw(ALPHA + "hostname", "old.example.com"), alpha(), eps("new.example.com A 1.2.3.4")),
                row("hostname: --annotation-prefix names another prefix", Svc.lb(null, "1.2.3.4")
                        .raw("dns.example.org/hostname", "custom.example.com"),
                        opts().withAnnotationPrefixes(List.of("dns.example.org/")), eps("custom.example.com A 1.2.3.4")),
                row("hostname: upper case and IDN are normalised", Svc.lb("WWW.Bücher.example", "1.2.3.4"), opts(),
                        eps("www.xn--bcher-kva.example A 1.2.3.4")),
                row("hostname: wildcard", Svc.lb("*.apps.example.com", "1.2.3.4"), opts(),
                        eps("*.apps.example.com A 1.2.3.4")),
                row("hostname: invalid name dropped, valid one kept", Svc.lb("bad_label-.example.com,ok.example.com",
                        "1.2.3.4"), opts(), eps("ok.example.com A 1.2.3.4"), "invalid-name bad_label-.example.com"),
                row("template: {{.Name}}.example.com", Svc.lb(null, "1.2.3.4"),
                        opts().withFqdnTemplate("{{.Name}}.example.com"), eps("web.example.com A 1.2.3.4")),
                row("template: comma separated, with namespace", Svc.lb(null, "1.2.3.4"),
                        opts().withFqdnTemplate("{{ .Name }}.{{.Namespace}}.example.com, {{.Name}}.example.org"),
                        eps("web.default.example.com A 1.2.3.4", "web.example.org A 1.2.3.4")),
                row("template: the annotation wins", Svc.lb("www.example.com", "1.2.3.4"),
                        opts().withFqdnTemplate("{{.Name}}.example.com"), eps("www.example.com A 1.2.3.4")),
                row("ttl: seconds", Svc.lb("www.example.com", "1.2.3.4").ann("ttl", "60"), opts(),
                        eps("www.example.com A 1.2.3.4 ttl=60")),
                row("ttl: Go duration 1m30s", Svc.lb("www.example.com", "1.2.3.4").ann("ttl", "1m30s"), opts(),
                        eps("www.example.com A 1.2.3.4 ttl=90")),
                row("ttl: 0 means unset", Svc.lb("www.example.com", "1.2.3.4").ann("ttl", "0"), opts(),
                        eps("www.example.com A 1.2.3.4")),
                row("ttl: garbage dropped with reason, record kept", Svc.lb("www.example.com", "1.2.3.4")
                        .ann("ttl", "soon"), opts(), eps("www.example.com A 1.2.3.4"), "invalid-ttl service/default/web"),
                row("ttl: above 2147483647 dropped with reason", Svc.lb("www.example.com", "1.2.3.4")
                                .ann("ttl", "2147483648"), opts(), eps("www.example.com A 1.2.3.4"),
                        "invalid-ttl service/default/web"),
                row("routing: set-identifier and aws-weight", Svc.lb("www.example.com", "1.2.3.4")
                                .ann("set-identifier", "blue").ann("aws-weight", "10"), opts(),
                        eps("www.example.com A 1.2.3.4 id=blue {aws/weight=10}")),
                row("routing: failover, health check, geolocation (alpha prefix too)", Svc.lb("www.example.com",
                                "1.2.3.4").ann("set-identifier", "eu").ann("aws-failover", "PRIMARY")
                                .ann("aws-health-check-id", "hc-1").raw(ALPHA + "aws-geolocation-country-code", "DE"),
                        alpha(), eps("www.example.com A 1.2.3.4 id=eu {aws/failover=PRIMARY, "
                                + "aws/geolocation-country-code=DE, aws/health-check-id=hc-1}")),
                row("alias: true → A and AAAA ALIAS, ttl 300", Svc.lb("www.example.com", "lb-1.elb.amazonaws.com")
                                .ann("alias", "true").ann("ttl", "60"), opts(),
                        eps("www.example.com A lb-1.elb.amazonaws.com ttl=300 {alias=true}",
                                "www.example.com AAAA lb-1.elb.amazonaws.com ttl=300 {alias=true}")),
                row("alias: A only, evaluate-target-health from annotation", Svc.lb("www.example.com",
                                "lb-1.elb.amazonaws.com").ann("alias", "A").ann("aws-evaluate-target-health", "false"),
                        opts(), eps("www.example.com A lb-1.elb.amazonaws.com ttl=300 "
                                + "{alias=true, aws/evaluate-target-health=false}")),
                row("alias: ignored for IP targets", Svc.lb("www.example.com", "1.2.3.4").ann("alias", "true"), opts(),
                        eps("www.example.com A 1.2.3.4")),
                row("alias: bad value reported, CNAME kept", Svc.lb("www.example.com", "lb.example.net")
                                .ann("alias", "yes"), opts(), eps("www.example.com CNAME lb.example.net"),
                        "invalid-annotation service/default/web"),
                row("target annotation overrides the LB status", Svc.lb("www.example.com", "1.2.3.4")
                        .ann("target", "9.9.9.9"), opts(), eps("www.example.com A 9.9.9.9")),
                row("target annotation with IP and host name → A and CNAME", Svc.lb("www.example.com")
                                .ann("target", "9.9.9.9,edge.example.net."), opts(),
                        eps("www.example.com A 9.9.9.9", "www.example.com CNAME edge.example.net")),
                row("invalid target dropped, valid kept", Svc.lb("www.example.com").ann("target", "300.1.2.3,8.8.8.8"),
                        opts(), eps("www.example.com A 8.8.8.8"), "invalid-target www.example.com"),
                row("domain filter drops names outside it", Svc.lb("www.example.com,www.other.org", "1.2.3.4"),
                        filter(List.of("example.com"), List.of()), eps("www.example.com A 1.2.3.4"),
                        "domain-filter www.other.org"),
                row("exclude-domains drops names under it", Svc.lb("www.example.com,int.corp.example.com", "1.2.3.4"),
                        filter(List.of("example.com"), List.of("corp.example.com")), eps("www.example.com A 1.2.3.4"),
                        "domain-filter int.corp.example.com"),
                row("controller annotation of someone else → skipped", Svc.lb("www.example.com", "1.2.3.4")
                        .ann("controller", "other"), opts(), eps(), "skipped"),
                row("controller annotation dns-controller → published", Svc.lb("www.example.com", "1.2.3.4")
                        .ann("controller", "dns-controller"), opts(), eps("www.example.com A 1.2.3.4")),
                row("annotation filter not matched → skipped", Svc.lb("www.example.com", "1.2.3.4"),
                        opts().withAnnotationFilter("team in (a,b)"), eps(), "skipped"),
                row("annotation filter matched", Svc.lb("www.example.com", "1.2.3.4").raw("team", "b"),
                        opts().withAnnotationFilter("team in (a,b)"), eps("www.example.com A 1.2.3.4")),
                row("service type filter excludes LoadBalancer", Svc.lb("www.example.com", "1.2.3.4"),
                        opts().withServiceTypes(Set.of("NodePort")), eps(), "skipped"),
                row("ClusterIP: not published by default", Svc.of("db", "ClusterIP").ann("hostname", "db.example.com"),
                        opts(), eps()),
                row("ClusterIP: --publish-internal-services", Svc.of("db", "ClusterIP").ann("hostname", "db.example.com"),
                        opts().withPublishInternalServices(true), eps("db.example.com A 10.0.0.10")),
                row("internal-hostname → cluster IP (LB service)", Svc.lb("www.example.com", "1.2.3.4")
                                .ann("internal-hostname", "web.int.example.com"), opts(),
                        eps("web.int.example.com A 10.0.0.10", "www.example.com A 1.2.3.4")),
                row("headless: ready addresses only", Svc.of("pods", "ClusterIP").spec(s -> s.setClusterIP("None"))
                                .ann("hostname", "pods.example.com"),
                        List.of(slice("pods", "10.1.0.1", "10.1.0.2:notready"), slice("pods", "10.1.0.3")), List.of(),
                        opts(), eps("pods.example.com A 10.1.0.1,10.1.0.3")),
                row("headless: publishNotReadyAddresses", Svc.of("pods", "ClusterIP").spec(s -> {
                            s.setClusterIP("None");
                            s.setPublishNotReadyAddresses(true);
                        }).ann("hostname", "pods.example.com"),
                        List.of(slice("pods", "10.1.0.1", "10.1.0.2:notready"), slice("other", "10.9.9.9")),
                        List.of(), opts(), eps("pods.example.com A 10.1.0.1,10.1.0.2")),
                row("headless: pod hostname → <hostname>.<host>", Svc.of("db", "ClusterIP")
                                .spec(s -> s.setClusterIP("None")).ann("hostname", "db.example.com"),
                        List.of(slice("db", "10.1.0.1#db-0", "10.1.0.2#db-1")), List.of(), opts(),
                        eps("db-0.db.example.com A 10.1.0.1", "db-1.db.example.com A 10.1.0.2",
                                "db.example.com A 10.1.0.1,10.1.0.2")),
                row("NodePort: node external IPs and SRV", Svc.of("np", "NodePort").ann("hostname", "np.example.com")
                                .nodePort("http", "TCP", 30080), List.of(),
                        List.of(node("n1", false, "ExternalIP=1.1.1.1", "InternalIP=10.0.0.1"),
                                node("n2", false, "InternalIP=10.0.0.2")), opts(),
                        eps("_np._tcp.np.example.com SRV 0 50 30080 np.example.com.", "np.example.com A 1.1.1.1")),
                row("NodePort SRV as external-dns: named by the Service, one set per protocol, trailing dot",
                        Svc.of("np", "NodePort").ann("hostname", "np.example.com").nodePort("http", "TCP", 30080)
                                .nodePort("https", "TCP", 30443).nodePort("dns", "UDP", 30053)
                                .nodePort(null, null, 30090).nodePort("none", "TCP", 0), List.of(),
                        List.of(node("n1", false, "ExternalIP=1.1.1.1")), opts(),
                        eps("_np._tcp.np.example.com SRV 0 50 30080 np.example.com.,0 50 30090 np.example.com.,"
                                        + "0 50 30443 np.example.com.",
                                "_np._udp.np.example.com SRV 0 50 30053 np.example.com.", "np.example.com A 1.1.1.1")),
                row("NodePort SRV: ttl, set identifier and routing as the host record", Svc.of("np", "NodePort")
                                .ann("hostname", "np.example.com").ann("ttl", "60").ann("set-identifier", "eu")
                                .ann("aws-weight", "10").nodePort("http", "TCP", 30080), List.of(),
                        List.of(node("n1", false, "ExternalIP=1.1.1.1")), opts(),
                        eps("_np._tcp.np.example.com SRV 0 50 30080 np.example.com. ttl=60 id=eu {aws/weight=10}",
                                "np.example.com A 1.1.1.1 ttl=60 id=eu {aws/weight=10}")),
                row("NodePort SRV: no record under a wildcard host", Svc.of("np", "NodePort")
                                .ann("hostname", "*.np.example.com").nodePort("http", "TCP", 30080), List.of(),
                        List.of(node("n1", false, "ExternalIP=1.1.1.1")), opts(),
                        eps("*.np.example.com A 1.1.1.1")),
                row("NodePort with a target annotation: the target only, no SRV (external-dns)",
                        Svc.of("np", "NodePort").ann("hostname", "np.example.com").ann("target", "9.9.9.9")
                                .nodePort("http", "TCP", 30080), List.of(),
                        List.of(node("n1", false, "ExternalIP=1.1.1.1")), opts(), eps("np.example.com A 9.9.9.9")),
                row("ClusterIP with a target annotation publishes the target", Svc.of("db", "ClusterIP")
                        .ann("hostname", "db.example.com").ann("target", "db.internal.example.net"), opts(),
                        eps("db.example.com CNAME db.internal.example.net")),
                row("ClusterIP with a target annotation and --publish-internal-services: the target wins",
                        Svc.of("db", "ClusterIP").ann("hostname", "db.example.com").ann("target", "1.2.3.4"),
                        opts().withPublishInternalServices(true), eps("db.example.com A 1.2.3.4")),
                row("headless with a target annotation: the target, not the endpoints", Svc.of("pods", "ClusterIP")
                                .spec(s -> s.setClusterIP("None")).ann("hostname", "pods.example.com")
                                .ann("target", "5.5.5.5"),
                        List.of(slice("pods", "10.1.0.1")), List.of(), opts(), eps("pods.example.com A 5.5.5.5")),
                row("NodePort: internal IPs when no node has an external one", Svc.of("np", "NodePort")
                                .ann("hostname", "np.example.com"), List.of(),
                        List.of(node("n1", false, "InternalIP=10.0.0.1"), node("n2", false, "InternalIP=10.0.0.2")),
                        opts(), eps("np.example.com A 10.0.0.1,10.0.0.2")),
                row("NodePort: access=private, unschedulable node left out", Svc.of("np", "NodePort")
                                .ann("hostname", "np.example.com").ann("access", "private"), List.of(),
                        List.of(node("n1", false, "ExternalIP=1.1.1.1", "InternalIP=10.0.0.1"),
                                node("n2", true, "InternalIP=10.0.0.2")), opts(), eps("np.example.com A 10.0.0.1")),
                row("NodePort: externalTrafficPolicy=Local → only nodes with endpoints", Svc.of("np", "NodePort")
                                .spec(s -> s.setExternalTrafficPolicy("Local")).ann("hostname", "np.example.com"),
                        List.of(slice("np", "10.1.0.1@n2")), List.of(node("n1", false, "ExternalIP=1.1.1.1"),
                                node("n2", false, "ExternalIP=2.2.2.2")), opts(), eps("np.example.com A 2.2.2.2")),
                row("ExternalName → CNAME", Svc.of("ext", "ExternalName").spec(s -> s.setExternalName("api.partner.net"))
                        .ann("hostname", "api.example.com"), opts(), eps("api.example.com CNAME api.partner.net")),
                row("labels: resource and cluster", Svc.lb("www.example.com", "1.2.3.4"),
                        MappingOptions.defaults("eu-1"), eps("www.example.com A 1.2.3.4")),
                row("type " + lb + " with both alias and IP targets keeps them apart", Svc.lb("www.example.com",
                                "1.2.3.4", "lb.elb.amazonaws.com").ann("alias", "A"), opts(),
                        eps("www.example.com A 1.2.3.4", "www.example.com A lb.elb.amazonaws.com ttl=300 "
                                + "{alias=true}")),
                row("aws-multi-value-answer by presence: an empty value is kept (external-dns)",
                        Svc.lb("www.example.com", "1.2.3.4").ann("set-identifier", "m1").ann("aws-multi-value-answer", ""),
                        opts(), eps("www.example.com A 1.2.3.4 id=m1 {aws/multi-value-answer=}")),
                row("aws-multi-value-answer 'false' is passed on as written (the applier reads presence)",
                        Svc.lb("www.example.com", "1.2.3.4").ann("set-identifier", "m1")
                                .ann("aws-multi-value-answer", "false"),
                        opts(), eps("www.example.com A 1.2.3.4 id=m1 {aws/multi-value-answer=false}")),
                row("geoproximity annotations → aws/geoproximity-* properties", Svc.lb("www.example.com", "1.2.3.4")
                                .ann("set-identifier", "ldn").ann("aws-geoproximity-coordinates", "51.50,-0.12")
                                .ann("aws-geoproximity-bias", "10"), opts(),
                        eps("www.example.com A 1.2.3.4 id=ldn {aws/geoproximity-bias=10, "
                                + "aws/geoproximity-coordinates=51.50,-0.12}")),
                row("geoproximity region and local zone group", Svc.lb("www.example.com", "1.2.3.4")
                                .ann("set-identifier", "eu").ann("aws-geoproximity-region", "eu-west-1")
                                .ann("aws-geoproximity-local-zone-group", "us-east-1-bue-1"), opts(),
                        eps("www.example.com A 1.2.3.4 id=eu {aws/geoproximity-local-zone-group=us-east-1-bue-1, "
                                + "aws/geoproximity-region=eu-west-1}")),
                row("prefix key without name ignored", Svc.lb("www.example.com", "1.2.3.4").raw(NEW + "aws-", "x"),
                        opts(), eps("www.example.com A 1.2.3.4")));
    }
}
