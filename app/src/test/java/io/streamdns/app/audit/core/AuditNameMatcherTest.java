package io.streamdns.app.audit.core;

import static io.streamdns.app.audit.AuditFixtures.a;
import static io.streamdns.app.audit.AuditFixtures.ownership;
import static io.streamdns.app.audit.AuditFixtures.zoneRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.audit.core.NameMatcher.Relation;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Rejection;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditNameMatcherTest {
    private static final String OWNED = "\"heritage=external-dns,external-dns/owner=default\"";
    private static final TxtNameMapper PLAIN = TxtNameMapper.defaults();
    private static final TxtNameMapper PREFIXED = new TxtNameMapper("dns.", "", "");

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("the name's own record", PLAIN, a("www.example.com", "1.2.3.4"), Relation.RECORD),
                Arguments.of("name with a trailing dot and upper case", PLAIN, a("WWW.example.com.", "1.2.3.4"),
                        Relation.RECORD),
                Arguments.of("another name", PLAIN, a("api.example.com", "1.2.3.4"), Relation.NONE),
                Arguments.of("a sub-name", PLAIN, a("x.www.example.com", "1.2.3.4"), Relation.NONE),
                Arguments.of("TXT ownership labelled ownedRecord", PLAIN,
                        ownership("www.example.com", "A", "default", "service/default/web"), Relation.OWNERSHIP),
                Arguments.of("TXT ownership of another name", PLAIN,
                        ownership("api.example.com", "A", "default", "service/default/api"), Relation.NONE),
                Arguments.of("unlabelled TXT named a-<name>", PLAIN, Endpoint.of("a-www.example.com", "TXT", OWNED),
                        Relation.OWNERSHIP),
                Arguments.of("unlabelled TXT named cname-<name>", PLAIN,
                        Endpoint.of("cname-www.example.com", "TXT", OWNED), Relation.OWNERSHIP),
                Arguments.of("an A record named a-<name> is no ownership", PLAIN,
                        a("a-www.example.com", "1.2.3.4"), Relation.NONE),
                Arguments.of("--txt-prefix dns.: dns.a-<name>", PREFIXED,
                        Endpoint.of("dns.a-www.example.com", "TXT", OWNED), Relation.OWNERSHIP),
                Arguments.of("--txt-prefix dns.: a-<name> is not ours", PREFIXED,
                        Endpoint.of("a-www.example.com", "TXT", OWNED), Relation.NONE),
                Arguments.of("--txt-prefix dns.: legacy dns.<name>", PREFIXED,
                        Endpoint.of("dns.www.example.com", "TXT", OWNED), Relation.OWNERSHIP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void relatesEndpoints(String title, TxtNameMapper txt, Endpoint e, Relation expected) {
        assertThat(new NameMatcher("www.example.com", txt).endpoint(e)).isEqualTo(expected);
    }

    static Stream<Arguments> zoneRecords() {
        ZoneRecord foreignTxt = new ZoneRecord("Z", "example.com", "a-www.example.com", "TXT", 300,
                List.of("\"v=spf1 -all\""), null, null, Map.of());
        ZoneRecord legacy = new ZoneRecord("Z", "example.com", "www.example.com", "TXT", 300,
                List.of(OWNED), null, null, Map.of());
        ZoneRecord plainTxtAtName = new ZoneRecord("Z", "example.com", "www.example.com", "TXT", 300,
                List.of("\"hello\""), null, null, Map.of());
        return Stream.of(
                Arguments.of("A record of the name", zoneRecord(a("www.example.com", "1.2.3.4")), Relation.RECORD),
                Arguments.of("ownership TXT a-<name>",
                        zoneRecord(ownership("www.example.com", "A", "default", "service/default/web")),
                        Relation.OWNERSHIP),
                Arguments.of("TXT a-<name> without an external-dns value", foreignTxt, Relation.NONE),
                Arguments.of("legacy ownership TXT at the name itself", legacy, Relation.OWNERSHIP),
                Arguments.of("a plain TXT record at the name", plainTxtAtName, Relation.RECORD),
                Arguments.of("another name", zoneRecord(a("api.example.com", "1.2.3.4")), Relation.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zoneRecords")
    void relatesZoneRecords(String title, ZoneRecord r, Relation expected) {
        assertThat(new NameMatcher("www.example.com", PLAIN).zoneRecord(r)).isEqualTo(expected);
    }

    static Stream<Arguments> namedThings() {
        return Stream.of(
                Arguments.of("outcome of the record", "www.example.com", "A", Relation.RECORD),
                Arguments.of("outcome of its ownership TXT", "a-www.example.com", "TXT", Relation.OWNERSHIP),
                Arguments.of("outcome of another name", "api.example.com", "A", Relation.NONE),
                Arguments.of("ownership TXT of another name", "a-api.example.com", "TXT", Relation.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedThings")
    void relatesOutcomesAndRejections(String title, String dnsName, String type, Relation expected) {
        NameMatcher m = new NameMatcher("www.example.com", PLAIN);
        ChangeOutcome o = new ChangeOutcome(ChangeOutcome.Action.CREATE, dnsName, type, null,
                ChangeOutcome.Status.APPLIED, "Z", null);
        assertThat(m.outcome(o)).isEqualTo(expected);
        assertThat(m.rejection(new Rejection(dnsName, type, "why"))).isEqualTo(expected != Relation.NONE);
    }
}
