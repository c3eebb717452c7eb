package io.streamdns.applier.batch;

import static io.streamdns.applier.batch.Fixtures.OWNER;
import static io.streamdns.applier.batch.Fixtures.ownerValue;
import static io.streamdns.applier.batch.Fixtures.ownershipTxt;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanCompilerTest {
    static final Zone EXAMPLE = Fixtures.EXAMPLE;
    static final Zone SUB = new Zone("Z2", "sub.example.com", false);
    static final Zone OTHER = new Zone("Z3", "other.org", false);
    static final ZoneIndex ZONES = new ZoneIndex(List.of(EXAMPLE, SUB, OTHER));

    static PlanCompiler compiler(DomainFilter filter) {
        return new PlanCompiler(ZONES, filter, new OwnershipGuard(OWNER, TxtNameMapper.defaults()),
                new EndpointMapper(true), Limits.ROUTE53);
    }

    static ChangePlan plan(List<Endpoint> create, List<Endpoint> old, List<Endpoint> neu, List<Endpoint> delete) {
        return new ChangePlan("p1", "example.com", 1L, 0L, create, old, neu, delete, List.of());
    }

    static ChangePlan update(Endpoint old, Endpoint neu) {
        return plan(List.of(), List.of(old), List.of(neu), List.of());
    }

    static Endpoint a(String name, String ip) {
        return Endpoint.of(name, "A", ip);
    }

    static Endpoint alias(String name, String target) {
        return Endpoint.of(name, "A", target).withProperty(ProviderProperties.ALIAS, "true");
    }

    /** The zone holds www's A (owned through a-www) unless a row says otherwise. */
    static final RecordSet[] OWNED_WWW = {
            Fixtures.a("www.example.com", "10.0.0.1"),
            new RecordSet("www.example.com", "CNAME", 300, List.of("lb.example.net"), null, null, null),
            Fixtures.txt("a-www.example.com", ownerValue(OWNER)),
            Fixtures.txt("cname-www.example.com", ownerValue(OWNER))};

    static Stream<Arguments> updates() {
        Endpoint www = a("www.example.com", "10.0.0.1");
        return Stream.of(
                Arguments.of("targets change: UPSERT", www, a("www.example.com", "10.0.0.2"),
                        List.of("UPSERT A www.example.com")),
                Arguments.of("TTL change: UPSERT", www, www.withTtl(60), List.of("UPSERT A www.example.com")),
                Arguments.of("type change CNAME -> A: DELETE + CREATE", Endpoint.of("www.example.com", "CNAME", "lb.example.net"),
                        www, List.of("DELETE CNAME www.example.com", "CREATE A www.example.com")),
                Arguments.of("set identifier change: DELETE + CREATE", www.withSetIdentifier("a").withProperty(ProviderProperties.AWS_WEIGHT, "1"),
                        www.withSetIdentifier("b").withProperty(ProviderProperties.AWS_WEIGHT, "1"),
                        List.of("DELETE A www.example.com/a", "CREATE A www.example.com/b")),
                Arguments.of("A -> ALIAS: DELETE + CREATE", www, alias("www.example.com", "lb-1.us-east-1.elb.amazonaws.com"),
                        List.of("DELETE A www.example.com", "CREATE A www.example.com")),
                Arguments.of("ALIAS -> A: DELETE + CREATE", alias("www.example.com", "lb-1.us-east-1.elb.amazonaws.com"), www,
                        List.of("DELETE A www.example.com", "CREATE A www.example.com")),
                Arguments.of("ALIAS target change: UPSERT", alias("www.example.com", "lb-1.us-east-1.elb.amazonaws.com"),
                        alias("www.example.com", "lb-2.us-east-1.elb.amazonaws.com"), List.of("UPSERT A www.example.com")),
                Arguments.of("routing kind weighted -> latency: DELETE + CREATE",
                        www.withSetIdentifier("a").withProperty(ProviderProperties.AWS_WEIGHT, "1"),
                        www.withSetIdentifier("a").withProperty(ProviderProperties.AWS_REGION, "eu-west-1"),
                        List.of("DELETE A www.example.com/a", "CREATE A www.example.com/a")),
                Arguments.of("weight change: UPSERT", www.withSetIdentifier("a").withProperty(ProviderProperties.AWS_WEIGHT, "1"),
                        www.withSetIdentifier("a").withProperty(ProviderProperties.AWS_WEIGHT, "9"),
                        List.of("UPSERT A www.example.com/a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void updatesBecomeUpsertOrDeleteCreate(String title, Endpoint old, Endpoint neu, List<String> wire) {
        // the zone holds exactly the old set plus its ownership TXTs
        List<RecordSet> zone = new ArrayList<>(List.of(OWNED_WWW).subList(2, 4));
        if (old.setIdentifier() != null) { // a member of a routing set is owned by the TXT with its set identifier
            zone.add(new RecordSet("a-www.example.com", "TXT", 300, List.of(ownerValue(OWNER)), old.setIdentifier(), null, null));
        }
        zone.add(new EndpointMapper(true).toRecordSet(old, EXAMPLE));
        CompiledPlan c = compiler(DomainFilter.ALL).compile(update(old, neu), Fixtures.lookup(zone.toArray(RecordSet[]::new)));
        assertThat(wire(c)).containsExactlyElementsOf(wire);
        assertThat(c.decided()).isEmpty();
    }

    static Stream<Arguments> plans() {
        Endpoint www = a("www.example.com", "10.0.0.1");
        Endpoint www2 = a("www.example.com", "10.0.0.2");
        return Stream.of(
                Arguments.of("create with ownership TXT: one batch, TXT beside its record",
                        plan(List.of(www, ownershipTxt("www.example.com", "A", OWNER)), List.of(), List.of(), List.of()),
                        new RecordSet[0], List.of("Z1: CREATE TXT a-www.example.com", "Z1: CREATE A www.example.com"), List.of()),
                Arguments.of("longest zone wins",
                        plan(List.of(a("api.sub.example.com", "10.0.0.1"), a("x.example.com", "10.0.0.1")), List.of(), List.of(), List.of()),
                        new RecordSet[0], List.of("Z1: CREATE A x.example.com", "Z2: CREATE A api.sub.example.com"), List.of()),
                Arguments.of("aws/hosted-zone-id pins the group, TXT included",
                        plan(List.of(a("api.sub.example.com", "10.0.0.1").withProperty(ProviderProperties.AWS_HOSTED_ZONE_ID, "/hostedzone/Z2"),
                                ownershipTxt("api.sub.example.com", "A", OWNER)), List.of(), List.of(), List.of()),
                        new RecordSet[0], List.of("Z2: CREATE TXT a-api.sub.example.com", "Z2: CREATE A api.sub.example.com"), List.of()),
                Arguments.of("pin to a managed zone that is not suitable (public, not the longest): skipped, as external-dns",
                        plan(List.of(a("api.sub.example.com", "10.0.0.1").withProperty(ProviderProperties.AWS_HOSTED_ZONE_ID, "/hostedzone/Z1"),
                                ownershipTxt("api.sub.example.com", "A", OWNER)), List.of(), List.of(), List.of()),
                        new RecordSet[0], List.of(), List.of("SKIPPED CREATE api.sub.example.com/A",
                                "SKIPPED CREATE a-api.sub.example.com/TXT")),
                Arguments.of("pin to an unmanaged zone: skipped",
                        plan(List.of(a("www.example.com", "10.0.0.1").withProperty(ProviderProperties.AWS_HOSTED_ZONE_ID, "ZNOPE")),
                                List.of(), List.of(), List.of()),
                        new RecordSet[0], List.of(), List.of("SKIPPED CREATE www.example.com/A")),
                Arguments.of("no zone holds the name: skipped",
                        plan(List.of(a("www.nowhere.net", "10.0.0.1")), List.of(), List.of(), List.of()),
                        new RecordSet[0], List.of(), List.of("SKIPPED CREATE www.nowhere.net/A")),
                Arguments.of("update of an owned record with its TXT: sent",
                        plan(List.of(), List.of(www), List.of(www2), List.of()), OWNED_WWW,
                        List.of("Z1: UPSERT A www.example.com"), List.of()),
                Arguments.of("update without ownership TXT: group skipped",
                        plan(List.of(), List.of(www), List.of(www2), List.of()), new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1")},
                        List.of(), List.of("SKIPPED UPDATE www.example.com/A")),
                Arguments.of("update owned by someone else: group skipped, TXT too",
                        plan(List.of(), List.of(www, ownershipTxt("www.example.com", "A", OWNER)),
                                List.of(www2, ownershipTxt("www.example.com", "A", OWNER).withTargets(List.of(ownerValue(OWNER)))), List.of()),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"), Fixtures.txt("a-www.example.com", ownerValue("them"))},
                        List.of(), List.of("SKIPPED UPDATE www.example.com/A", "SKIPPED UPDATE a-www.example.com/TXT")),
                Arguments.of("owned through the legacy TXT name",
                        plan(List.of(), List.of(), List.of(), List.of(www)),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"), Fixtures.txt("www.example.com", ownerValue(OWNER))},
                        List.of("Z1: DELETE A www.example.com"), List.of()),
                Arguments.of("A alias owned through a legacy cname- TXT",
                        plan(List.of(), List.of(), List.of(), List.of(alias("www.example.com", "d1.cloudfront.net"))),
                        new RecordSet[] {new EndpointMapper(true).toRecordSet(alias("www.example.com", "d1.cloudfront.net"), EXAMPLE),
                                Fixtures.txt("cname-www.example.com", ownerValue(OWNER))},
                        List.of("Z1: DELETE A www.example.com"), List.of()),
                Arguments.of("TXT that is not an ownership record is never deleted",
                        plan(List.of(), List.of(), List.of(), List.of(Endpoint.of("t.example.com", "TXT", "\"v=spf1\""))),
                        new RecordSet[] {Fixtures.txt("t.example.com", "\"v=spf1\"")},
                        List.of(), List.of("SKIPPED DELETE t.example.com/TXT")),
                Arguments.of("delete of a missing set: already done",
                        plan(List.of(), List.of(), List.of(), List.of(www, ownershipTxt("www.example.com", "A", OWNER))),
                        new RecordSet[0], List.of(), List.of("ALREADY_DONE DELETE www.example.com/A", "ALREADY_DONE DELETE a-www.example.com/TXT")),
                Arguments.of("create of an identical set: already done (a replayed plan)",
                        plan(List.of(www, ownershipTxt("www.example.com", "A", OWNER)), List.of(), List.of(), List.of()),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"), Fixtures.txt("a-www.example.com", ownerValue(OWNER))},
                        List.of(), List.of("ALREADY_DONE CREATE www.example.com/A", "ALREADY_DONE CREATE a-www.example.com/TXT")),
                Arguments.of("a delete sends the set as the zone holds it (TTL 60, not the plan's unset TTL)",
                        plan(List.of(), List.of(), List.of(), List.of(www)),
                        new RecordSet[] {new RecordSet("www.example.com", "A", 60, List.of("10.0.0.1"), null, null, null),
                                Fixtures.txt("a-www.example.com", ownerValue(OWNER))},
                        List.of("Z1: DELETE A www.example.com ttl=60"), List.of()),
                Arguments.of("create over a different unowned set: group skipped, never sent",
                        plan(List.of(www, ownershipTxt("www.example.com", "A", OWNER)), List.of(), List.of(), List.of()),
                        new RecordSet[] {Fixtures.a("www.example.com", "192.0.2.1")},
                        List.of(), List.of("SKIPPED CREATE www.example.com/A", "SKIPPED CREATE a-www.example.com/TXT")),
                Arguments.of("create over a different set of ours: not sent (Route 53 would refuse it), re-read instead",
                        plan(List.of(www), List.of(), List.of(), List.of()),
                        new RecordSet[] {Fixtures.a("www.example.com", "192.0.2.1"), Fixtures.txt("a-www.example.com", ownerValue(OWNER))},
                        List.of(), List.of()));
    }

    /** A record equal to what we want, owned by nobody or by someone else: never adopted, whatever the TXT says. */
    static Stream<Arguments> notAdopted() {
        Endpoint weighted = a("www.example.com", "10.0.0.1").withSetIdentifier("blue")
                .withProperty(ProviderProperties.AWS_WEIGHT, "1");
        RecordSet weightedSet = new EndpointMapper(true).toRecordSet(weighted, EXAMPLE);
        Endpoint aaaa = Endpoint.of("www.example.com", "AAAA", "2001:db8::1");
        Endpoint cname = Endpoint.of("www.example.com", "CNAME", "lb.example.net");
        RecordSet aaaaSet = new RecordSet("www.example.com", "AAAA", 300, List.of("2001:db8::1"), null, null, null);
        RecordSet cnameSet = new RecordSet("www.example.com", "CNAME", 300, List.of("lb.example.net"), null, null, null);
        String theirs = ownerValue("them");
        return Stream.of(
                Arguments.of("identical record without any TXT (made by hand)", a("www.example.com", "10.0.0.1"),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1")}, "has no ownership TXT"),
                Arguments.of("identical record of an external-dns with another --txt-prefix",
                        a("www.example.com", "10.0.0.1"), new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"),
                                Fixtures.txt("ext-a-www.example.com", ownerValue(OWNER))}, "has no ownership TXT"),
                Arguments.of("identical record whose TXT names another owner", a("www.example.com", "10.0.0.1"),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"), Fixtures.txt("a-www.example.com", theirs)},
                        "names owner 'them'"),
                Arguments.of("the first ownership TXT decides: current form names another owner, legacy names us",
                        a("www.example.com", "10.0.0.1"), new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"),
                                Fixtures.txt("a-www.example.com", theirs), Fixtures.txt("www.example.com", ownerValue(OWNER))},
                        "names owner 'them'"),
                Arguments.of("values naming two owners own nothing", a("www.example.com", "10.0.0.1"),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"), new RecordSet("a-www.example.com", "TXT",
                                300, List.of(ownerValue(OWNER), theirs), null, null, null)}, "ambiguous"),
                Arguments.of("our TXT without the record's set identifier owns no member of a routing set", weighted,
                        new RecordSet[] {weightedSet, Fixtures.txt("a-www.example.com", ownerValue(OWNER))},
                        "has no ownership TXT"),
                Arguments.of("a legacy TXT does not own AAAA", aaaa,
                        new RecordSet[] {aaaaSet, Fixtures.txt("www.example.com", ownerValue(OWNER))}, "has no ownership TXT"),
                Arguments.of("a cname- TXT owns an A alias only, not a plain A", a("www.example.com", "10.0.0.1"),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"),
                                Fixtures.txt("cname-www.example.com", ownerValue(OWNER))}, "has no ownership TXT"),
                Arguments.of("a TXT that is not an ownership record owns nothing", cname,
                        new RecordSet[] {cnameSet, Fixtures.txt("cname-www.example.com", "\"v=spf1 -all\"")},
                        "has no ownership TXT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAdopted")
    void anEqualRecordThatIsNotOursIsNeverAdopted(String title, Endpoint wanted, RecordSet[] zone, String why) {
        Endpoint txt = ownershipTxt(wanted.dnsName(), wanted.recordType(), OWNER);
        if (wanted.setIdentifier() != null) {
            txt = txt.withSetIdentifier(wanted.setIdentifier()).withProperty(ProviderProperties.AWS_WEIGHT, "1");
        }
        CompiledPlan c = compiler(DomainFilter.ALL).compile(plan(List.of(wanted, txt), List.of(), List.of(), List.of()),
                Fixtures.lookup(zone));
        assertThat(c.zones()).as("nothing sent, not even the TXT").isEmpty();
        assertThat(c.decided()).hasSize(2).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(ChangeOutcome.Status.SKIPPED);
            assertThat(d.message()).contains(why).contains("left alone");
        });
        // and a later delete or update of it is not sent either
        CompiledPlan delete = compiler(DomainFilter.ALL).compile(plan(List.of(), List.of(), List.of(), List.of(wanted, txt)),
                Fixtures.lookup(zone));
        assertThat(delete.zones()).isEmpty();
        CompiledPlan update = compiler(DomainFilter.ALL).compile(update(wanted, wanted.withTtl(60)), Fixtures.lookup(zone));
        assertThat(update.zones()).isEmpty();
    }

    static Stream<Arguments> adopted() {
        Endpoint aliasA = alias("www.example.com", "lb-1.us-east-1.elb.amazonaws.com");
        RecordSet aliasSet = new EndpointMapper(true).toRecordSet(aliasA, EXAMPLE);
        Endpoint weighted = a("www.example.com", "10.0.0.1").withSetIdentifier("blue")
                .withProperty(ProviderProperties.AWS_WEIGHT, "1");
        RecordSet weightedSet = new EndpointMapper(true).toRecordSet(weighted, EXAMPLE);
        RecordSet weightedTxt = new RecordSet("a-www.example.com", "TXT", 300, List.of(ownerValue(OWNER)), "blue", null,
                Routing.fromProperties(Map.of(ProviderProperties.AWS_WEIGHT, "1")));
        return Stream.of(
                Arguments.of("current-form TXT", a("www.example.com", "10.0.0.1"),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"), Fixtures.txt("a-www.example.com", ownerValue(OWNER))}),
                Arguments.of("legacy TXT owns an A", a("www.example.com", "10.0.0.1"),
                        new RecordSet[] {Fixtures.a("www.example.com", "10.0.0.1"), Fixtures.txt("www.example.com", ownerValue(OWNER))}),
                Arguments.of("cname- TXT owns an A alias", aliasA,
                        new RecordSet[] {aliasSet, Fixtures.txt("cname-www.example.com", ownerValue(OWNER))}),
                Arguments.of("TXT with the set identifier owns its member", weighted,
                        new RecordSet[] {weightedSet, weightedTxt}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adopted")
    void anEqualRecordOfOursIsAlreadyDone(String title, Endpoint wanted, RecordSet[] zone) {
        CompiledPlan c = compiler(DomainFilter.ALL).compile(plan(List.of(wanted), List.of(), List.of(), List.of()),
                Fixtures.lookup(zone));
        assertThat(c.zones()).isEmpty();
        assertThat(decided(c)).containsExactly("ALREADY_DONE CREATE www.example.com/" + wanted.recordType());
    }

    /**
     * A first start beside external-dns's records: the planner, before zone state arrived, plans creates of records
     * (identical: already done) and of TXTs that exist with other labels. The group is not sent but held for a
     * re-read: no ChangeResourceRecordSets call that Route 53 would refuse.
     */
    @Test
    void aGroupThatWouldCreateOverAnExistingSetIsHeldForARereadNotSent() {
        Endpoint www = a("www.example.com", "10.0.0.1");
        Endpoint txt = ownershipTxt("www.example.com", "A", OWNER).withTargets(List.of(ownerValue(OWNER) + "x"));
        CompiledPlan c = compiler(DomainFilter.ALL).compile(plan(List.of(www, txt), List.of(), List.of(), List.of()),
                Fixtures.lookup(Fixtures.a("www.example.com", "10.0.0.1"), Fixtures.txt("a-www.example.com", ownerValue(OWNER))));
        assertThat(c.zones()).isEmpty();
        assertThat(decided(c)).containsExactly("ALREADY_DONE CREATE www.example.com/A");
        assertThat(c.stale()).singleElement().satisfies(z -> assertThat(z.changes()).extracting(ch -> ch.recordSet().name())
                .containsExactly("a-www.example.com"));
        // a type change (DELETE + CREATE of one key) and a compare-and-swap are not held
        CompiledPlan typeChange = compiler(DomainFilter.ALL).compile(update(www,
                alias("www.example.com", "lb-1.us-east-1.elb.amazonaws.com")), Fixtures.lookup(OWNED_WWW));
        assertThat(typeChange.stale()).isEmpty();
        assertThat(wire(typeChange)).containsExactly("DELETE A www.example.com", "CREATE A www.example.com");
    }

    @Test
    void anUpdateIsCheckedAgainstTheFilterOnItsOldSideToo() {
        CompiledPlan c = compiler(DomainFilter.of(List.of("example.com"), List.of())).compile(
                update(a("www.other.org", "10.0.0.1"), a("www.example.com", "10.0.0.2")),
                Fixtures.lookup(OWNED_WWW));
        assertThat(c.zones()).isEmpty();
        assertThat(c.decided()).singleElement().satisfies(d -> assertThat(d.message()).contains("outside the domain filter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void compiles(String title, ChangePlan plan, RecordSet[] zone, List<String> wire, List<String> decided) {
        CompiledPlan c = compiler(DomainFilter.ALL).compile(plan, Fixtures.lookup(zone));
        assertThat(zoneWire(c)).containsExactlyElementsOf(wire);
        assertThat(decided(c)).containsExactlyInAnyOrderElementsOf(decided);
    }

    @Test
    void namesOutsideTheDomainFilterAreNeverSentAndTakeTheirGroupAlong() {
        ChangePlan plan = plan(List.of(a("www.example.com", "10.0.0.1"), ownershipTxt("www.example.com", "A", OWNER),
                a("api.sub.example.com", "10.0.0.1")), List.of(), List.of(), List.of());
        CompiledPlan c = compiler(DomainFilter.of(List.of("sub.example.com"), List.of())).compile(plan, ZoneLookup.EMPTY);
        assertThat(zoneWire(c)).containsExactly("Z2: CREATE A api.sub.example.com");
        assertThat(decided(c)).containsExactlyInAnyOrder("SKIPPED CREATE www.example.com/A", "SKIPPED CREATE a-www.example.com/TXT");
        assertThat(c.decided()).allSatisfy(d -> assertThat(d.message()).contains("outside the domain filter"));

        CompiledPlan excluded = compiler(DomainFilter.of(List.of(), List.of("sub.example.com"))).compile(plan, ZoneLookup.EMPTY);
        assertThat(decided(excluded)).containsExactly("SKIPPED CREATE api.sub.example.com/A");
    }

    /** external-dns's suitableZones: every private zone holding the name, plus the public zone of the longest name. */
    static Stream<Arguments> suitableZones() {
        return Stream.of(
                Arguments.of("private parent and public child: both", "api.sub.example.com", null,
                        List.of("P1: CREATE A api.sub.example.com", "Z2: CREATE A api.sub.example.com")),
                Arguments.of("two private zones and the best public one", "x.int.sub.example.com", null,
                        List.of("P1: CREATE A x.int.sub.example.com", "P2: CREATE A x.int.sub.example.com",
                                "Z2: CREATE A x.int.sub.example.com")),
                Arguments.of("only the private zone holds it", "x.corp.internal", null,
                        List.of("P3: CREATE A x.corp.internal")),
                Arguments.of("split horizon: public and private of one name", "www.example.com", null,
                        List.of("P1: CREATE A www.example.com", "Z1: CREATE A www.example.com")),
                Arguments.of("pin picks the private zone of a split horizon", "www.example.com", "P1",
                        List.of("P1: CREATE A www.example.com")),
                Arguments.of("pin picks one private zone of several", "x.int.sub.example.com", "/hostedzone/P2",
                        List.of("P2: CREATE A x.int.sub.example.com")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suitableZones")
    void recordsGoToEveryMatchingPrivateZoneAndTheBestPublicZone(String title, String name, String pin,
                                                                  List<String> wire) {
        ZoneIndex zones = new ZoneIndex(List.of(EXAMPLE, SUB, OTHER, new Zone("P1", "example.com", true),
                new Zone("P2", "int.sub.example.com", true), new Zone("P3", "corp.internal", true)));
        Endpoint e = pin == null ? a(name, "10.0.0.1") : a(name, "10.0.0.1").withProperty(ProviderProperties.AWS_HOSTED_ZONE_ID, pin);
        CompiledPlan c = new PlanCompiler(zones, DomainFilter.ALL, new OwnershipGuard(OWNER, TxtNameMapper.defaults()),
                new EndpointMapper(true), Limits.ROUTE53).compile(plan(List.of(e), List.of(), List.of(), List.of()),
                ZoneLookup.EMPTY);
        assertThat(zoneWire(c)).containsExactlyInAnyOrderElementsOf(wire);
        assertThat(c.decided()).isEmpty();
    }

    @Test
    void anOversizedGroupIsReported() {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ips.add("10.0.0." + i);
        }
        ChangePlan plan = plan(List.of(new Endpoint("big.example.com", "A", ips, 0, null, Map.of(), Map.of()),
                a("small.example.com", "10.0.0.1")), List.of(), List.of(), List.of());
        CompiledPlan c = new PlanCompiler(ZONES, DomainFilter.ALL, new OwnershipGuard(OWNER, TxtNameMapper.defaults()),
                new EndpointMapper(true), new Limits(1000, 32_000, 10)).compile(plan, ZoneLookup.EMPTY);
        assertThat(zoneWire(c)).containsExactly("Z1: CREATE A small.example.com");
        assertThat(c.decided()).singleElement().satisfies(d -> assertThat(d.message()).contains("exceeds the batch limits"));
    }

    @Test
    void aMalformedEndpointSkipsItsGroupWithTheReason() {
        ChangePlan plan = plan(List.of(a("www.example.com", "10.0.0.1").withProperty(ProviderProperties.AWS_WEIGHT, "7"),
                ownershipTxt("www.example.com", "A", OWNER)), List.of(), List.of(), List.of());
        CompiledPlan c = compiler(DomainFilter.ALL).compile(plan, ZoneLookup.EMPTY);
        assertThat(c.zones()).isEmpty();
        assertThat(decided(c)).containsExactlyInAnyOrder("SKIPPED CREATE www.example.com/A", "SKIPPED CREATE a-www.example.com/TXT");
        assertThat(c.decided()).allSatisfy(d -> assertThat(d.message()).contains("needs a set identifier"));
    }

    static List<String> wire(CompiledPlan c) {
        return c.allChanges().stream().map(ch -> ch.action() + " " + ch.recordSet().type() + " " + ch.recordSet().name()
                + (ch.recordSet().setIdentifier() == null ? "" : "/" + ch.recordSet().setIdentifier())).toList();
    }

    static List<String> zoneWire(CompiledPlan c) {
        List<String> out = new ArrayList<>();
        c.zones().forEach(z -> z.batches().forEach(b -> b.changes().forEach(ch -> out.add(z.zone().id() + ": "
                + ch.action() + " " + ch.recordSet().type() + " " + ch.recordSet().name()
                + (ch.recordSet().ttl() == 300 || ch.recordSet().ttl() == 0 ? "" : " ttl=" + ch.recordSet().ttl())))));
        return out;
    }

    static List<String> decided(CompiledPlan c) {
        return c.decided().stream().map(d -> d.status() + " " + d.origin().action() + " " + d.origin().dnsName() + "/"
                + d.origin().recordType()).toList();
    }
}
