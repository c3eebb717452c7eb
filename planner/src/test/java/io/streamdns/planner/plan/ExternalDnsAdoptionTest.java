package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.AliasTarget;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A zone external-dns (v0.18+) manages with the same owner id, written literally as Route 53 lists it, is adopted
 * without a single change; records of another owner and unmanaged types stay untouched and unreported.
 */
class ExternalDnsAdoptionTest {
    private static final String Z = "Z0EXAMPLE";
    private static final String ELB = "lb-1.us-east-1.elb.amazonaws.com";

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("defaults", "", "", "", Map.of("www", "a-www.ex.com", "api-a", "a-api.ex.com",
                        "api-aaaa", "aaaa-api.ex.com", "app", "cname-app.ex.com", "w", "cname-w.ex.com",
                        "wild", "a-*.ex.com", "other", "a-other.ex.com")),
                Arguments.of("--txt-prefix=txt.", "txt.", "", "", Map.of("www", "txt.a-www.ex.com",
                        "api-a", "txt.a-api.ex.com", "api-aaaa", "txt.aaaa-api.ex.com", "app", "txt.cname-app.ex.com",
                        "w", "txt.cname-w.ex.com", "wild", "txt.a-*.ex.com", "other", "txt.a-other.ex.com")),
                Arguments.of("--txt-suffix=-x --txt-wildcard-replacement=star", "", "-x", "star", Map.of(
                        "www", "a-www-x.ex.com", "api-a", "a-api-x.ex.com", "api-aaaa", "aaaa-api-x.ex.com",
                        "app", "cname-app-x.ex.com", "w", "cname-w-x.ex.com", "wild", "a-star-x.ex.com",
                        "other", "a-other-x.ex.com")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void adoptsWithoutChurn(String title, String prefix, String suffix, String wildcard, Map<String, String> txt) {
        List<ZoneRecord> zone = new ArrayList<>();
        zone.add(rec("ex.com", "NS", 172800, List.of("ns-1.awsdns-01.org.", "ns-2.awsdns-02.com."), null, null));
        zone.add(rec("ex.com", "SOA", 900, List.of("ns-1.awsdns-01.org. hostmaster.ex.com. 1 7200 900 1209600 86400"), null, null));
        zone.add(rec("ex.com", "MX", 300, List.of("10 mail.ex.com."), null, null));
        zone.add(rec("www.ex.com", "A", 300, List.of("192.0.2.10", "192.0.2.11"), null, null));
        zone.add(txt(txt.get("www"), "service/default/web", null, null));
        zone.add(alias("api.ex.com", "A"));
        zone.add(alias("api.ex.com", "AAAA"));
        zone.add(txt(txt.get("api-a"), "service/default/api", null, null));
        zone.add(txt(txt.get("api-aaaa"), "service/default/api", null, null));
        zone.add(rec("app.ex.com", "CNAME", 300, List.of("lb.other.net"), null, null));
        zone.add(txt(txt.get("app"), "ingress/default/app", null, null));
        zone.add(rec("w.ex.com", "CNAME", 60, List.of("blue.other.net"), "blue", Map.of(ProviderProperties.AWS_WEIGHT, "10")));
        zone.add(txt(txt.get("w"), "service/default/blue", "blue", Map.of(ProviderProperties.AWS_WEIGHT, "10")));
        zone.add(rec("*.ex.com", "A", 300, List.of("192.0.2.20"), null, null));
        zone.add(txt(txt.get("wild"), "ingress/default/wild", null, null));
        zone.add(rec("other.ex.com", "A", 300, List.of("192.0.2.30"), null, null));
        zone.add(new ZoneRecord(Z, "ex.com", txt.get("other"), "TXT", 300,
                List.of("\"heritage=external-dns,external-dns/owner=someone-else,external-dns/resource=service/x/y\""),
                null, null, Map.of()));
        zone.add(rec("manual.ex.com", "A", 300, List.of("192.0.2.40"), null, null));

        List<Endpoint> desired = List.of(
                want("service/default/web", Endpoint.of("www.ex.com", "A", "192.0.2.11", "192.0.2.10")),
                want("service/default/api", Endpoint.of("api.ex.com", "CNAME", ELB)),
                want("ingress/default/app", Endpoint.of("app.ex.com", "CNAME", "lb.other.net")),
                want("service/default/blue", new Endpoint("w.ex.com", "CNAME", List.of("blue.other.net"), 60, "blue",
                        Map.of(ProviderProperties.AWS_WEIGHT, "10"), Map.of())),
                want("ingress/default/wild", Endpoint.of("*.ex.com", "A", "192.0.2.20")));

        PlanSettings settings = PlanSettings.defaults().withTxtNames(new TxtNameMapper(prefix, suffix, wildcard));
        Changes changes = new Planner(settings).plan(desired, zone.stream().map(ZoneRecord::toEndpoint).toList());

        assertThat(changes.isEmpty()).as("changes %s", changes).isTrue();
        assertThat(changes.skipped()).isEmpty();
    }

    private static Endpoint want(String resource, Endpoint e) {
        return e.withLabels(Map.of(Labels.RESOURCE, resource, Labels.CLUSTER, "prod"));
    }

    private static ZoneRecord rec(String name, String type, long ttl, List<String> values, String set, Map<String, String> props) {
        return new ZoneRecord(Z, "ex.com", name, type, ttl, values, set, null, props);
    }

    private static ZoneRecord alias(String name, String type) {
        return new ZoneRecord(Z, "ex.com", name, type, 0, List.of(), null, new AliasTarget("Z35SXDOTRQ7X7K", ELB, true), Map.of());
    }

    /** The value exactly as external-dns writes it: heritage first, then owner and resource, quoted. */
    private static ZoneRecord txt(String name, String resource, String set, Map<String, String> props) {
        return new ZoneRecord(Z, "ex.com", name, "TXT", 300,
                List.of("\"heritage=external-dns,external-dns/owner=default,external-dns/resource=" + resource + "\""),
                set, null, props);
    }
}
