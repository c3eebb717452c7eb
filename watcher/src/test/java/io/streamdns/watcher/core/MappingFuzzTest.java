package io.streamdns.watcher.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.dns.DnsNames;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.dns.NameCheck;
import io.streamdns.model.shard.RecordKey;
import io.streamdns.model.shard.ShardResolver;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The mapping under fuzzed objects (issue 14, "Bad input from objects"): Services and Ingresses with huge values,
 * thousands of host names, control characters, unicode look-alikes, malformed TTLs, targets, set identifiers,
 * routing and aws-* annotations, under random filters and bounds. No exception escapes the mapper or the encoding of
 * its states, every host name that had targets is either published or rejected with a reason, every bad TTL is
 * reported, nothing outside the domain filter is produced, every name produced is in normal form, and what one object
 * publishes stays within its bound. 7,000 Services and 3,000 Ingresses a run.
 */
class MappingFuzzTest {
    private static final List<DomainFilter> FILTERS = List.of(DomainFilter.ALL,
            DomainFilter.of(List.of("example.com"), null),
            DomainFilter.of(List.of("example.com", "example.org"), List.of("int.example.com")),
            DomainFilter.of(List.of("bücher.example"), null));
    private static final ShardResolver SHARDS = new ShardResolver(List.of("example.com", "example.org"));
    private static final ObjectBound BOUND = ObjectBound.DEFAULT;

    /** A generated Service or Ingress with the options it is mapped under, and its context. */
    record Case(Object object, List<EndpointSlice> slices, List<Node> nodes, MappingOptions options) {
        @Override
        public String toString() { // jqwik prints a failing case: keep it readable for huge values
            return Rejection.abbreviate(String.valueOf(object), 3000) + " options=" + options;
        }
    }

    // ---- strings --------------------------------------------------------------------------------------------

    private static final String[] TRICKY_LABELS = {"*", "_http", "_tcp", "-bad", "bad-", "ab--cd", "xn--bcher-kva",
        "xn--zz", "xn--8i7caa", "XN--BCHER-KVA", "ＷＷＷ", "ｗｗｗ", "straße", "STRAẞE", "www\u200D", "pay\u200Cpal",
        "\u212Aelvin", "İstanbul", "bü\u00ADcher", "www\u200B", "ﬁle", "a·b", "aא", "שלום", "bu\u0308cher", "\u0301a",
        "例え", "テスト", "💩", "пример", "a\u0000b", "a\u0007", "tab\there", "new\nline", "sp ace", "com,ma", "a\u202Eb",
        "\uD800", "\uDC00x", "\uFFFD", "\uFEFF", "123", "0x1F", "a".repeat(63), "b".repeat(64), "BÜCHER", "ς", "Σ"};

    private static Arbitrary<String> label() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
                        .ofMinLength(1).ofMaxLength(12)),
                Tuple.of(4, Arbitraries.of(TRICKY_LABELS)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(8)),
                Tuple.of(1, Arbitraries.strings().withChars("\u0000\u0007\t\n\r ,.\u3002\uFF0E\u200B\u202E*_-")
                        .ofMaxLength(5)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(64).ofMaxLength(300)));
    }

    private static Arbitrary<String> domain() {
        return Arbitraries.of("example.com", "example.org", "int.example.com", "other.net", "EXAMPLE.COM",
                "example.com.", "bücher.example", "xn--bcher-kva.example", "com", "", "example.com..", "co.uk",
                "ｅｘａｍｐｌｅ.com", "example。com", "1.2.3.4");
    }

    private static Arbitrary<String> name() {
        Arbitrary<String> plain = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').numeric()
                        .ofMinLength(1).ofMaxLength(10).list().ofMaxSize(3),
                        Arbitraries.of("example.com", "example.org", "int.example.com", "other.net", "Example.COM."))
                .as((labels, d) -> labels.isEmpty() ? d : String.join(".", labels) + "." + d);
        Arbitrary<String> tricky = Combinators.combine(label().list().ofMaxSize(4), domain())
                .as((labels, d) -> String.join(".", labels) + (d.isEmpty() || labels.isEmpty() ? d : "." + d));
        return Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(2, tricky));
    }

    /** Many names at once, made from one random source (a list arbitrary of thousands would be slow to generate). */
    private static Arbitrary<String> manyNames(int min, int max) {
        return Arbitraries.randomValue(r -> {
            int n = min + r.nextInt(max - min + 1);
            return IntStream.range(0, n).mapToObj(i -> randomName(r, i)).collect(Collectors.joining(","));
        });
    }

    private static String randomName(Random r, int i) {
        String[] domains = {"example.com", "example.org", "other.net", "int.example.com"};
        String l = switch (r.nextInt(20)) {
            case 0 -> TRICKY_LABELS[r.nextInt(TRICKY_LABELS.length)];
            case 1 -> "h" + (i / 2); // duplicates
            default -> "h" + i;
        };
        return l + "." + domains[r.nextInt(domains.length)] + (r.nextInt(10) == 0 ? "." : "");
    }

    private static Arbitrary<String> hostnames() {
        return Arbitraries.frequencyOf(
                Tuple.of(40, name().list().ofMaxSize(5).map(l -> String.join(",", l))),
                Tuple.of(4, name().list().ofMaxSize(30).map(l -> String.join(" , ", l))),
                Tuple.of(1, manyNames(900, 3_000)),
                Tuple.of(1, Arbitraries.randomValue(r -> "a".repeat(10_000 + r.nextInt(90_000)) + ".example.com")),
                Tuple.of(1, Arbitraries.randomValue(r -> "a.example.com" + ".".repeat(1 + r.nextInt(20_000)))),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(60)));
    }

    private static Arbitrary<String> target() {
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining(".")));
        return Arbitraries.frequencyOf(
                Tuple.of(6, ipv4),
                Tuple.of(2, Arbitraries.of("2001:db8::1", "::1", "fe80::1%eth0", "2001:DB8:0:0:0:0:0:1", "::ffff:1.2.3.4")),
                Tuple.of(3, Arbitraries.of("999.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "::zz", "", " ", "*.example.com",
                        "-", "lb-1.elb.amazonaws.com", "k8s-x.elb.eu-west-1.amazonaws.com", "ｌｂ.example.net",
                        "lb\u200D.example.net", "1.2.3.4 ", "None", "localhost", "1.2.3.4,5.6.7.8")),
                Tuple.of(3, name()),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(30)));
    }

    private static Arbitrary<String> targetAnnotation() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(null)),
                Tuple.of(6, target().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",", l))),
                Tuple.of(1, Arbitraries.randomValue(r -> IntStream.range(0, 100 + r.nextInt(900))
                        .mapToObj(i -> "10." + (i / 256) + "." + (i % 256) + "." + r.nextInt(256))
                        .collect(Collectors.joining(",")))));
    }

    private static Arbitrary<String> ttl() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(null)),
                Tuple.of(6, Arbitraries.of("60", "0", "1m30s", "1h", "-5", "abc", "", " ", "99999999999999999999",
                        "2147483648", "2147483647", "1.5", "1e3", "PT1M", "６０", "5s5s", "1d", "300s ", "1h2m3s4ms",
                        "9223372036854775807s", "1m-1s", "0x10", "\u0000")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)),
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30)));
    }

    private static Arbitrary<String> anyValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMaxLength(20)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.randomValue(r -> "v".repeat(1_000 + r.nextInt(20_000)))));
    }

    private static final String[] AWS_KEYS = {"aws-weight", "aws-evaluate-target-health", "aws-region",
        "aws-failover", "aws-geolocation-country-code", "aws-geolocation-continent-code", "aws-health-check-id",
        "aws-multi-value-answer", "aws-geoproximity-bias", "aws-", "aws-x\u0000", "aws-ünïcode"};

    private static Arbitrary<Map<String, String>> annotations(boolean ingress) {
        Arbitrary<String> prefix = Arbitraries.of(Annotations.PREFIX, Annotations.PREFIX, Annotations.ALPHA_PREFIX);
        Arbitrary<Map<String, String>> aws = Combinators.combine(Arbitraries.of(AWS_KEYS), Arbitraries.oneOf(
                        Arbitraries.of("10", "-1", "abc", "1000000000000", "true", "false", "PRIMARY", "eu-west-1", ""),
                        anyValue()))
                .as(Map::entry).list().ofMaxSize(3)
                .map(l -> l.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b)));
        Arbitrary<String> routing = Arbitraries.of("true", "false", "A", "AAAA", "a", "yes", "", "TRUE", "cname");
        return Combinators.combine(prefix, hostnames(), targetAnnotation(), ttl(),
                        anyValue().injectNull(0.7), routing.injectNull(0.7), aws,
                        Combinators.combine(Arbitraries.of("dns-controller", "kops", "").injectNull(0.9),
                                Arbitraries.of("public", "private", "x").injectNull(0.8),
                                Arbitraries.of(IngressMapper.DEFINED_HOSTS_ONLY, IngressMapper.ANNOTATION_ONLY, "junk")
                                        .injectNull(ingress ? 0.7 : 1.0),
                                name().list().ofMaxSize(3).map(l -> String.join(",", l)).injectNull(0.8))
                                .as((controller, access, source, internal) -> Arrays.asList(controller, access, source,
                                        internal)))
                .as((p, hosts, target, ttl, setId, alias, awsProps, rest) -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put(p + Annotations.HOSTNAME, hosts);
                    putIf(m, p + Annotations.TARGET, target);
                    putIf(m, p + Annotations.TTL, ttl);
                    putIf(m, p + Annotations.SET_IDENTIFIER, setId);
                    putIf(m, p + Annotations.ALIAS, alias);
                    awsProps.forEach((k, v) -> m.put(p + k, v));
                    putIf(m, p + Annotations.CONTROLLER, rest.get(0));
                    putIf(m, p + Annotations.ACCESS, rest.get(1));
                    putIf(m, p + Annotations.INGRESS_HOSTNAME_SOURCE, rest.get(2));
                    putIf(m, p + Annotations.INTERNAL_HOSTNAME, rest.get(3));
                    return m;
                });
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static Arbitrary<MappingOptions> options() {
        return Combinators.combine(Arbitraries.of(FILTERS), Arbitraries.of(1, 3, 50, 1000, 1000, 5000),
                        Arbitraries.of(false, true), Arbitraries.of("", "{{.Name}}.example.com",
                                "{{.Name}}.{{.Namespace}}.example.org").injectNull(0.7),
                        Arbitraries.of(false, false, true), Arbitraries.of(false, false, true))
                .as((filter, max, internal, template, tls, rules) -> MappingOptions.defaults("c1")
                        .withDomainFilter(filter).withMaxEndpoints(max).withPublishInternalServices(internal)
                        .withFqdnTemplate(template).withIgnoreIngressSpecs(tls, rules));
    }

    private static Arbitrary<String> objectName() {
        return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.of("web", "shop", "a-b", "db")),
                Tuple.of(1, Arbitraries.of("", "Ünïcode", "x".repeat(300), "a.b", "a\u0000")));
    }

    // ---- objects -----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Case> services() {
        Arbitrary<List<LoadBalancerIngress>> status = Combinators.combine(target(), Arbitraries.of(true, false))
                .as((t, ip) -> ip ? new LoadBalancerIngressBuilder().withIp(t).build()
                        : new LoadBalancerIngressBuilder().withHostname(t).build()).list().ofMinSize(1).ofMaxSize(3)
                .injectNull(0.15).map(l -> l == null ? List.<LoadBalancerIngress>of() : l);
        Arbitrary<String> type = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("LoadBalancer")),
                Tuple.of(4, Arbitraries.of("ClusterIP", "NodePort", "ExternalName")),
                Tuple.of(1, Arbitraries.of("", "Weird")));
        Arbitrary<String> clusterIp = Arbitraries.of("10.0.0.10", "None", "bad").injectNull(0.2);
        Arbitrary<List<String>> externalIps = target().list().ofMaxSize(2).injectNull(0.6);
        Arbitrary<List<EndpointSlice>> slices = Combinators.combine(target(), label().injectNull(0.5),
                        Arbitraries.of(true, false))
                .as((ip, hostname, ready) -> ip + (ready ? "" : ":notready") + (hostname == null ? "" : "#" + hostname))
                .list().ofMaxSize(3).map(entries -> List.of(Fixtures.slice("web", entries.stream()
                        .filter(e -> !e.contains("@")).toArray(String[]::new))));
        Arbitrary<List<Node>> nodes = target().list().ofMaxSize(2).map(ips -> IntStream.range(0, ips.size())
                .mapToObj(i -> Fixtures.node("n" + i, false, (i % 2 == 0 ? "ExternalIP=" : "InternalIP=") + ips.get(i)))
                .toList());
        return Combinators.combine(objectName(), annotations(false), type, clusterIp, externalIps, status,
                        Combinators.combine(slices, nodes, target()).as((sl, nd, en) -> Arrays.<Object>asList(sl, nd,
                                en)), options())
                .as((name, ann, t, ip, ext, lb, context, options) -> {
                    @SuppressWarnings("unchecked")
                    List<EndpointSlice> sl = (List<EndpointSlice>) context.get(0);
                    @SuppressWarnings("unchecked")
                    List<Node> nd = (List<Node>) context.get(1);
                    Service svc = new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default")
                            .withAnnotations(ann).endMetadata().withNewSpec().withType(t).withClusterIP(ip)
                            .withExternalIPs(ext).withExternalName((String) context.get(2)).addNewPort()
                            .withName("http").withProtocol("TCP").withPort(80).withNodePort(30080).endPort().endSpec()
                            .withNewStatus().withNewLoadBalancer().withIngress(lb).endLoadBalancer().endStatus().build();
                    return new Case(svc, sl, nd, options);
                });
    }

    @Provide
    Arbitrary<Case> ingresses() {
        Arbitrary<List<String>> rules = Arbitraries.frequencyOf(
                Tuple.of(30, name().injectNull(0.1).list().ofMaxSize(4)),
                Tuple.of(1, manyNames(500, 2_000).map(s -> List.of(s.split(",")))));
        Arbitrary<List<String>> tls = name().list().ofMaxSize(2);
        Arbitrary<List<String>> status = Arbitraries.frequencyOf(Tuple.of(5, target().list().ofMinSize(1)
                .ofMaxSize(3)), Tuple.of(1, Arbitraries.just(List.of())));
        return Combinators.combine(objectName(), annotations(true), rules, tls, status,
                        Arbitraries.of("nginx", "alb").injectNull(0.5), options())
                .as((name, ann, hosts, tlsHosts, lb, cls, options) -> {
                    IngressBuilder b = new IngressBuilder().withNewMetadata().withName(name).withNamespace("shop")
                            .withAnnotations(ann).endMetadata().withNewSpec().withIngressClassName(cls).endSpec();
                    // one edit for all rules: an edit per rule copies the spec each time (quadratic in rules)
                    b.editSpec().withRules(hosts.stream().map(h -> new IngressRuleBuilder().withHost(h).build())
                            .toList()).endSpec();
                    if (!tlsHosts.isEmpty()) {
                        b.editSpec().addNewTl().withHosts(tlsHosts).endTl().endSpec();
                    }
                    Ingress ing = b.build();
                    ing.setStatus(new IngressStatusBuilder()
                            .withNewLoadBalancer().withIngress(lb.stream().map(t -> t.matches("[0-9.]+")
                                    ? new IngressLoadBalancerIngressBuilder().withIp(t).build()
                                    : new IngressLoadBalancerIngressBuilder().withHostname(t).build()).toList())
                            .endLoadBalancer().build());
                    return new Case(ing, List.of(), List.of(), options);
                });
    }

    // ---- properties --------------------------------------------------------------------------------------------

    @Property(tries = 7_000, shrinking = ShrinkingMode.BOUNDED)
    void servicesMapSafely(@ForAll("services") Case c) throws Exception {
        Service svc = (Service) c.object();
        MappingResult result = ServiceMapper.map(svc, c.slices(), c.nodes(), c.options());
        List<String> hosts = Annotations.of(svc.getMetadata().getAnnotations()).list(Annotations.HOSTNAME);
        checkResult(result, c.options(), svc.getMetadata().getAnnotations(), hosts, serviceTargets(svc));
    }

    @Property(tries = 3_000, shrinking = ShrinkingMode.BOUNDED)
    void ingressesMapSafely(@ForAll("ingresses") Case c) throws Exception {
        Ingress ing = (Ingress) c.object();
        MappingResult result = IngressMapper.map(ing, c.options());
        Annotations ann = Annotations.of(ing.getMetadata().getAnnotations());
        boolean rulesCount = ann.get(Annotations.INGRESS_HOSTNAME_SOURCE).isEmpty()
                && !c.options().ignoreIngressRulesSpec() && c.options().ingressClasses().isEmpty();
        List<String> hosts = rulesCount ? ing.getSpec().getRules().stream().map(r -> r.getHost())
                .filter(h -> h != null).map(h -> Annotations.withoutTrailingDots(h.strip()))
                .filter(h -> !h.isEmpty()).toList() : List.of();
        List<String> targets = ann.list(Annotations.TARGET);
        if (targets.isEmpty()) {
            targets = ing.getStatus().getLoadBalancer().getIngress().stream()
                    .flatMap(l -> Stream.of(l.getIp(), l.getHostname()))
                    .filter(t -> t != null && !t.isBlank()).toList();
        }
        checkResult(result, c.options(), ing.getMetadata().getAnnotations(), hosts, targets);
    }

    /** The raw targets every host name of a LoadBalancer or ExternalName Service gets; empty for other types. */
    private static List<String> serviceTargets(Service svc) {
        List<String> override = Annotations.of(svc.getMetadata().getAnnotations()).list(Annotations.TARGET);
        String type = ServiceMapper.type(svc);
        List<String> ext = svc.getSpec().getExternalIPs() == null ? List.of() : svc.getSpec().getExternalIPs();
        List<String> targets = switch (type) {
            case ServiceMapper.LOAD_BALANCER -> !ext.isEmpty() ? ext : svc.getStatus().getLoadBalancer().getIngress()
                    .stream().flatMap(l -> Stream.of(l.getIp(), l.getHostname()))
                    .filter(t -> t != null && !t.isBlank()).toList();
            case ServiceMapper.EXTERNAL_NAME -> !ext.isEmpty() ? ext : svc.getSpec().getExternalName() == null
                    ? List.of() : List.of(svc.getSpec().getExternalName());
            default -> null;
        };
        if (targets == null) {
            return List.of(); // other types: their targets come from elsewhere; not accounted here
        }
        return override.isEmpty() ? targets : override;
    }

    private static void checkResult(MappingResult result, MappingOptions o, Map<String, String> annotations,
                                    List<String> hosts, List<String> rawTargets) throws Exception {
        if (result.skipped() != null) {
            assertThat(result.endpoints()).isEmpty();
            Statistics.label("outcome").collect("skipped");
            return;
        }
        boolean refused = result.rejections().stream().anyMatch(Rejection::refusesObject);
        Statistics.label("outcome").collect(refused ? "refused" : result.endpoints().isEmpty() ? "nothing"
                : "endpoints");
        if (refused) {
            assertThat(result.endpoints()).isEmpty();
        }
        assertThat(result.endpoints().size()).isLessThanOrEqualTo(o.maxEndpoints());
        for (Endpoint e : result.endpoints()) {
            assertThat(o.domainFilter().rejection(e.dnsName())).as("outside the filter: %s", e.dnsName()).isNull();
            NameCheck again = DnsNames.check(e.dnsName());
            assertThat(again.isValid()).as("%s: %s", e.dnsName(), again.reason()).isTrue();
            assertThat(again.name()).as("normal form").isEqualTo(e.dnsName());
            assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(e.dnsName())).isTrue();
            assertThat(e.targets()).isNotEmpty();
            for (String t : e.targets()) {
                switch (e.recordType()) {
                    case "A" -> assertThat(e.property("alias") != null
                            || InetAddresses.forString(t) instanceof Inet4Address).as(t).isTrue();
                    case "AAAA" -> assertThat(e.property("alias") != null
                            || InetAddresses.forString(t) instanceof Inet6Address).as(t).isTrue();
                    case "CNAME" -> assertThat(DnsNames.check(t).name()).isEqualTo(t);
                    default -> assertThat(e.recordType()).isEqualTo("SRV");
                }
            }
        }
        for (Rejection r : result.rejections()) {
            Statistics.label("rejections").collect(r.reason());
            assertThat(r.reason()).isNotBlank();
            assertThat(r.detail()).isNotBlank();
            assertThat(r.name().length()).isLessThanOrEqualTo(Rejection.MAX_NAME);
            assertThat(r.detail().length()).isLessThanOrEqualTo(Rejection.MAX_DETAIL);
        }
        String ttl = Annotations.of(annotations).get(Annotations.TTL).orElse(null);
        if (Ttl.parse(ttl).error() != null) {
            assertThat(result.rejections()).as("a bad ttl is reported").anyMatch(r -> r.reason()
                    .equals(Rejection.INVALID_TTL));
        }
        if (!refused && !rawTargets.isEmpty()) {
            Set<String> produced = result.endpoints().stream().map(Endpoint::dnsName).collect(Collectors.toSet());
            Set<String> rejected = result.rejections().stream().map(Rejection::name).collect(Collectors.toSet());
            for (String h : hosts) {
                NameCheck n = DnsNames.check(h);
                boolean accounted = (n.isValid() && (produced.contains(n.name()) || rejected.contains(n.name())))
                        || rejected.contains(Rejection.abbreviate(h, Rejection.MAX_NAME));
                assertThat(accounted).as("host name '%s' neither published nor rejected", h).isTrue();
            }
        }
        if (!refused) {
            publishable(result);
        }
    }

    /** What the publisher would send: every state encodes, lists at most its cap of refused names, fits or is refused. */
    private static void publishable(MappingResult result) throws Exception {
        Map<String, ShardedState.Part> parts = ShardedState.split(result.endpoints(), result.rejections(), SHARDS);
        List<Integer> sizes = new ArrayList<>();
        for (var part : parts.entrySet()) {
            String shard = part.getKey();
            ShardedState.Part p = part.getValue();
            assertThat(p.rejected().size()).isLessThanOrEqualTo(ShardedState.MAX_REJECTED + 1);
            byte[] value = StateCodec.encode(new SourceState("c1", "Service", "default", "web", "u", "1", 1L,
                    p.endpoints(), p.rejected()), p.endpointsJson(), p.rejectedJson());
            if (value.length < 65_536) { // decoding every huge state would be most of the run's time
                assertThat(JsonCodec.decode(value, SourceState.class).endpoints())
                        .isEqualTo(p.endpoints());
            }
            int key = RecordKey.of(shard, "c1/Service/default/web").getBytes(StandardCharsets.UTF_8).length;
            assertThat(BOUND.record("service/default/web", shard, key, value.length).isPresent())
                    .isEqualTo(key + value.length > BOUND.maxRecordBytes());
            sizes.add(value.length);
        }
        Statistics.label("largest state").collect(sizes.stream().mapToInt(i -> i).max().orElse(0) > 100_000
                ? "> 100 KB" : "<= 100 KB");
    }
}
