package io.streamdns.sandbox.route53.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ZoneStoreTest {
    private static final String ELB = "lb-1.us-east-1.elb.amazonaws.com";
    private static final String ELB_ZONE = "Z35SXDOTRQ7X7K";

    private ZoneStore store;
    private String zone;

    @BeforeEach
    void setUp() {
        store = new ZoneStore(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Duration.ZERO, false, 1);
        zone = store.createZone("example.com", "ref-1", null, false, List.of()).zone().id();
    }

    static ChangeRequest c(String action, String name, String type, long ttl, String... values) {
        return ChangeRequest.of(action, name, type, ttl, List.of(values));
    }

    static ChangeRequest a(String action, String name, String... values) {
        return c(action, name, "A", 300, values);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("create of an existing set", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(a("CREATE", "a.example.com", "10.0.0.2")),
                        List.of("Tried to create resource record set [name='a.example.com.', type='A'] but it already exists")),
                Arguments.of("delete of a missing set", List.of(), List.of(a("DELETE", "a.example.com", "10.0.0.1")),
                        List.of("Tried to delete resource record set [name='a.example.com.', type='A'] but it was not found")),
                Arguments.of("delete with other values", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(a("DELETE", "a.example.com", "10.0.0.2")),
                        List.of("Tried to delete resource record set [name='a.example.com.', type='A'] but the values"
                                + " provided do not match the current values")),
                Arguments.of("delete with another TTL", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(c("DELETE", "a.example.com", "A", 60, "10.0.0.1")),
                        List.of("Tried to delete resource record set [name='a.example.com.', type='A'] but the values"
                                + " provided do not match the current values")),
                Arguments.of("delete of a weighted set names its set identifier",
                        List.of(a("CREATE", "w.example.com", "10.0.0.1").weighted("one", 10)),
                        List.of(a("DELETE", "w.example.com", "10.0.0.1").weighted("one", 20)),
                        List.of("Tried to delete resource record set [name='w.example.com.', type='A', set-identifier='one']"
                                + " but the values provided do not match the current values")),
                Arguments.of("CNAME beside an A", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(c("CREATE", "a.example.com", "CNAME", 300, "b.example.com")),
                        List.of("RRSet of type CNAME with DNS name a.example.com. is not permitted as it conflicts with"
                                + " other records with the same DNS name in zone example.com.")),
                Arguments.of("TXT beside a CNAME", List.of(c("CREATE", "c.example.com", "CNAME", 300, "b.example.com")),
                        List.of(c("CREATE", "c.example.com", "TXT", 300, "\"x\"")),
                        List.of("RRSet of type TXT with DNS name c.example.com. is not permitted because a conflicting"
                                + " RRSet of type  CNAME with the same DNS name already exists in zone example.com.")),
                Arguments.of("CNAME at the apex", List.of(), List.of(c("CREATE", "example.com", "CNAME", 300, "b.example.org")),
                        List.of("RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.")),
                Arguments.of("name outside the zone", List.of(), List.of(a("CREATE", "a.example.org", "10.0.0.1")),
                        List.of("RRSet with DNS name a.example.org. is not permitted in zone example.com.")),
                Arguments.of("name that only ends like the zone", List.of(), List.of(a("CREATE", "badexample.com", "10.0.0.1")),
                        List.of("RRSet with DNS name badexample.com. is not permitted in zone example.com.")),
                Arguments.of("weighted beside a simple set", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(a("CREATE", "a.example.com", "10.0.0.2").weighted("w1", 10)),
                        List.of("RRSet with DNS name a.example.com., type A, SetIdentifier w1 cannot be created as a"
                                + " non-weighted set exists with the same name and type.")),
                Arguments.of("simple beside weighted sets", List.of(a("CREATE", "w.example.com", "10.0.0.1").weighted("w1", 10)),
                        List.of(a("CREATE", "w.example.com", "10.0.0.2")),
                        List.of("RRSet with DNS name w.example.com., type A cannot be created as a weighted set exists"
                                + " with the same name and type.")),
                Arguments.of("latency beside weighted", List.of(a("CREATE", "w.example.com", "10.0.0.1").weighted("w1", 10)),
                        List.of(a("CREATE", "w.example.com", "10.0.0.2").latency("eu", "eu-west-1")),
                        List.of("RRSet with DNS name w.example.com., type A, SetIdentifier eu cannot be created as a"
                                + " non-latency set exists with the same name and type.")),
                Arguments.of("two latency sets in one region",
                        List.of(a("CREATE", "l.example.com", "10.0.0.1").latency("one", "eu-west-1")),
                        List.of(a("CREATE", "l.example.com", "10.0.0.2").latency("two", "eu-west-1")),
                        List.of("RRSet with DNS name l.example.com., type A, SetIdentifier two, and Region Name=eu-west-1"
                                + " cannot be created because a latency RRSet with the same name, type and region already exists.")),
                Arguments.of("deleting the SOA", List.of(), List.of(c("DELETE", "example.com", "SOA", 900,
                                "SOA_VALUE")),
                        List.of("Tried to delete resource record set [name='example.com.', type='SOA'] but the values"
                                + " provided do not match the current values")),
                Arguments.of("alias to an ELB with the wrong canonical zone", List.of(),
                        List.of(ChangeRequest.alias("CREATE", "lb.example.com", "A", "Z32O12XQLNTSW2", ELB, false)),
                        List.of("Tried to create an alias that targets " + ELB + "., type A in zone Z32O12XQLNTSW2, but"
                                + " the alias target name does not lie within the target zone")),
                Arguments.of("every problem of a batch, in order", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(a("CREATE", "ok.example.com", "10.0.0.9"), a("CREATE", "a.example.com", "10.0.0.1"),
                                a("CREATE", "b.example.com", "1.2.3"), a("DELETE", "gone.example.com", "10.0.0.1")),
                        List.of("Tried to create resource record set [name='a.example.com.', type='A'] but it already exists",
                                "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid"
                                        + " IPv4 address) encountered with '1.2.3''",
                                "Tried to delete resource record set [name='gone.example.com.', type='A'] but it was not found")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsAsRoute53(String title, List<ChangeRequest> setup, List<ChangeRequest> batch, List<String> messages) {
        if (!setup.isEmpty()) {
            store.changeRecords(zone, setup, null);
        }
        List<RecordSet> before = store.records(zone);
        Route53Error e = catchThrowableOfType(Route53Error.class, () -> store.changeRecords(zone, batch, null));
        assertThat(e.code()).isEqualTo("InvalidChangeBatch");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.messages()).containsExactlyElementsOf(messages);
        assertThat(e.getMessage()).isEqualTo(messages.toString());
        assertThat(store.records(zone)).as("zone unchanged").isEqualTo(before);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("delete then create of one set", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(a("DELETE", "a.example.com", "10.0.0.1"), a("CREATE", "a.example.com", "10.0.0.2")),
                        List.of("a.example.com. A 300 [10.0.0.2]")),
                Arguments.of("create then delete in one batch", List.of(),
                        List.of(a("CREATE", "a.example.com", "10.0.0.1"), a("DELETE", "a.example.com", "10.0.0.1")),
                        List.of()),
                Arguments.of("create then create fails only if not deleted between", List.of(),
                        List.of(a("CREATE", "a.example.com", "10.0.0.1"), a("DELETE", "a.example.com", "10.0.0.1"),
                                a("CREATE", "a.example.com", "10.0.0.3")),
                        List.of("a.example.com. A 300 [10.0.0.3]")),
                Arguments.of("upsert replaces", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(a("UPSERT", "a.example.com", "10.0.0.5", "10.0.0.6")),
                        List.of("a.example.com. A 300 [10.0.0.5, 10.0.0.6]")),
                Arguments.of("delete matches values in any order", List.of(a("CREATE", "a.example.com", "10.0.0.1", "10.0.0.2")),
                        List.of(a("DELETE", "a.example.com", "10.0.0.2", "10.0.0.1")), List.of()),
                Arguments.of("names stored lower case with a trailing dot", List.of(),
                        List.of(a("CREATE", "WWW.Example.COM", "10.0.0.1")), List.of("www.example.com. A 300 [10.0.0.1]")),
                Arguments.of("wildcard stored escaped", List.of(),
                        List.of(a("CREATE", "*.example.com", "10.0.0.1")), List.of("\\052.example.com. A 300 [10.0.0.1]")),
                Arguments.of("weighted sets side by side", List.of(),
                        List.of(a("CREATE", "w.example.com", "10.0.0.1").weighted("b", 1),
                                a("CREATE", "w.example.com", "10.0.0.2").weighted("a", 2)),
                        List.of("w.example.com. A a 300 [10.0.0.2]", "w.example.com. A b 300 [10.0.0.1]")),
                Arguments.of("weighted CNAMEs side by side", List.of(),
                        List.of(c("CREATE", "c.example.com", "CNAME", 60, "x.example.org").weighted("one", 1),
                                c("CREATE", "c.example.com", "CNAME", 60, "y.example.org").weighted("two", 1)),
                        List.of("c.example.com. CNAME one 60 [x.example.org]", "c.example.com. CNAME two 60 [y.example.org]")),
                Arguments.of("CNAME replaced by an A in one batch", List.of(c("CREATE", "c.example.com", "CNAME", 60, "x.org")),
                        List.of(c("DELETE", "c.example.com", "CNAME", 60, "x.org"), a("CREATE", "c.example.com", "10.0.0.1")),
                        List.of("c.example.com. A 300 [10.0.0.1]")),
                Arguments.of("alias to an ELB", List.of(),
                        List.of(ChangeRequest.alias("CREATE", "lb.example.com", "A", ELB_ZONE, ELB.toUpperCase(), true)),
                        List.of("lb.example.com. A alias " + ELB_ZONE + " " + ELB + ". true")),
                Arguments.of("types at one name in type order", List.of(),
                        List.of(c("CREATE", "m.example.com", "TXT", 300, "\"t\""), a("CREATE", "m.example.com", "10.0.0.1"),
                                c("CREATE", "m.example.com", "AAAA", 300, "2001:db8::1")),
                        List.of("m.example.com. A 300 [10.0.0.1]", "m.example.com. AAAA 300 [2001:db8::1]",
                                "m.example.com. TXT 300 [\"t\"]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void appliesInOrder(String title, List<ChangeRequest> setup, List<ChangeRequest> batch, List<String> expected) {
        if (!setup.isEmpty()) {
            store.changeRecords(zone, setup, null);
        }
        store.changeRecords(zone, batch, "test");
        List<String> nonApex = store.records(zone).stream().filter(r -> !r.name().equals("example.com."))
                .map(ZoneStoreTest::show).toList();
        assertThat(nonApex).containsExactlyElementsOf(expected);
    }

    @Test
    void newZoneHasSoaAndNsAtApexAndCannotLoseThem() {
        List<RecordSet> records = store.records(zone);
        assertThat(records).extracting(RecordSet::type).containsExactly("NS", "SOA");
        RecordSet soa = records.get(1);
        Route53Error e = catchThrowableOfType(Route53Error.class, () -> store.changeRecords(zone,
                List.of(c("DELETE", "example.com.", "SOA", soa.ttl(), soa.values().get(0))), null));
        assertThat(e.messages()).containsExactly("A HostedZone must contain exactly one SOA record.");
        RecordSet ns = records.get(0);
        store.changeRecords(zone, List.of(c("UPSERT", "example.com", "NS", 3600, ns.values().toArray(String[]::new))), null);
        assertThat(store.records(zone).get(0).ttl()).isEqualTo(3600L);
    }

    @Test
    void oneBadChangeAmongFiveHundredLeavesTheZoneUnchanged() {
        List<ChangeRequest> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(a("CREATE", "h" + i + ".example.com", "10.0." + (i / 200) + "." + (i % 200)));
        }
        batch.set(317, a("CREATE", "h317.example.com", "10.0.1.300"));
        assertThat(catchThrowableOfType(Route53Error.class, () -> store.changeRecords(zone, batch, null)).messages())
                .hasSize(1);
        assertThat(store.records(zone)).hasSize(2);
    }

    @Test
    void deleteZoneOnlyWhenEmpty() {
        store.changeRecords(zone, List.of(a("CREATE", "a.example.com", "10.0.0.1")), null);
        assertThat(catchThrowableOfType(Route53Error.class, () -> store.deleteZone(zone)).code())
                .isEqualTo("HostedZoneNotEmpty");
        store.changeRecords(zone, List.of(a("DELETE", "a.example.com", "10.0.0.1")), null);
        store.deleteZone(zone);
        assertThat(catchThrowableOfType(Route53Error.class, () -> store.zone(zone)).code()).isEqualTo("NoSuchHostedZone");
    }

    @Test
    void callerReferenceIsUnique() {
        Route53Error e = catchThrowableOfType(Route53Error.class,
                () -> store.createZone("other.com", "ref-1", null, false, List.of()));
        assertThat(e.code()).isEqualTo("HostedZoneAlreadyExists");
        assertThat(e.status()).isEqualTo(409);
    }

    @Test
    void changesArePendingUntilTheDelayPassed() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(t0);
        ZoneStore delayed = new ZoneStore(clock, Duration.ofSeconds(10), true, 1);
        String id = delayed.createZone("example.com", "r", null, false, List.of()).zone().id();
        clock.now = t0.plusSeconds(10);
        ChangeInfo change = delayed.changeRecords(id, List.of(a("CREATE", "a.example.com", "10.0.0.1")), null);
        assertThat(change.status()).isEqualTo(ChangeInfo.Status.PENDING);
        assertThat(catchThrowableOfType(Route53Error.class, () -> delayed.changeRecords(id,
                List.of(a("CREATE", "b.example.com", "10.0.0.1")), null)).code()).isEqualTo("PriorRequestNotComplete");
        clock.now = t0.plusSeconds(20);
        assertThat(delayed.change(change.id()).status()).isEqualTo(ChangeInfo.Status.INSYNC);
        assertThat(catchThrowableOfType(Route53Error.class, () -> delayed.change("CNOPE")).code()).isEqualTo("NoSuchChange");
    }

    static String show(RecordSet r) {
        String id = r.setIdentifier() == null ? "" : " " + r.setIdentifier();
        if (r.isAlias()) {
            return r.name() + " " + r.type() + id + " alias " + r.alias().hostedZoneId() + " " + r.alias().dnsName()
                    + " " + r.alias().evaluateTargetHealth();
        }
        return r.name() + " " + r.type() + id + " " + r.ttl() + " " + r.values();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
