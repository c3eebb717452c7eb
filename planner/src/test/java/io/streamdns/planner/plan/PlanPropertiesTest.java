package io.streamdns.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties over random desired and current zones (several owners, legacy TXT, aliases, clusters, policies). */
class PlanPropertiesTest {
    private static final TxtNameMapper NAMES = TxtNameMapper.defaults();
    private static final DomainFilter EX = DomainFilter.of(List.of("ex.com"), List.of());

    record Scenario(PlanSettings settings, List<Endpoint> desired, List<Endpoint> current) {
    }

    @Property(tries = 400)
    void applyingAPlanAndPlanningAgainYieldsNothing(@ForAll("scenarios") Scenario s) {
        Planner planner = new Planner(s.settings());
        Changes first = planner.plan(s.desired(), s.current());
        List<Endpoint> after = PlanApplier.apply(s.current(), first);
        Changes second = planner.plan(s.desired(), after);
        assertThat(second.isEmpty()).as("second plan %s after %s", second, first).isTrue();
    }

    @Property(tries = 400)
    void noPlanTouchesARecordOwnedBySomeoneElse(@ForAll("scenarios") Scenario s) {
        Changes c = new Planner(s.settings()).plan(s.desired(), s.current());
        Stream.concat(c.updateOld().stream(), c.delete().stream()).forEach(e -> {
            if (e.recordType().equals(RecordTypes.TXT)) {
                assertThat(owners(e)).as("TXT %s", e).containsOnly(s.settings().ownerId());
            } else {
                assertThat(ownerOf(e, s.current())).as("record %s", e).contains(s.settings().ownerId());
            }
        });
        for (Endpoint e : c.create()) {
            assertThat(s.current()).as("create %s of an existing record set", e)
                    .noneMatch(x -> x.recordKey().equals(e.recordKey()));
        }
    }

    @Property(tries = 300)
    void upsertOnlyNeverDeletesAndCreateOnlyOnlyCreates(@ForAll("scenarios") Scenario s) {
        Changes upsert = new Planner(s.settings().withPolicy(Policy.UPSERT_ONLY)).plan(s.desired(), s.current());
        assertThat(upsert.delete()).isEmpty();
        Changes create = new Planner(s.settings().withPolicy(Policy.CREATE_ONLY)).plan(s.desired(), s.current());
        assertThat(create.delete()).isEmpty();
        assertThat(create.create().stream().filter(e -> !e.recordType().equals(RecordTypes.TXT)).count())
                .isEqualTo(upsert.create().stream().filter(e -> !e.recordType().equals(RecordTypes.TXT)).count());
    }

    @Property(tries = 300)
    void namesOutsideTheDomainFilterNeverAppear(@ForAll("scenarios") Scenario s) {
        Changes c = new Planner(s.settings().withDomainFilter(EX)).plan(s.desired(), s.current());
        Stream.of(c.create(), c.updateOld(), c.updateNew(), c.delete()).flatMap(List::stream)
                .forEach(e -> assertThat(EX.matches(e.dnsName())).as("%s", e).isTrue());
    }

    /** Owner of a current record, read independently of the planner: its own TXT, cname- for an A-ALIAS, legacy. */
    private static Optional<String> ownerOf(Endpoint r, List<Endpoint> zone) {
        List<String> candidates = new ArrayList<>(List.of(NAMES.txtName(r.dnsName(), r.recordType())));
        if (RecordComparison.isAlias(r) && r.recordType().equals("A")) {
            candidates.add(NAMES.txtName(r.dnsName(), "CNAME"));
        }
        if (!r.recordType().equals("AAAA")) {
            candidates.add(NAMES.legacyTxtName(r.dnsName()));
        }
        for (String name : candidates) {
            for (Endpoint t : zone) {
                if (t.recordType().equals("TXT") && t.dnsName().equals(name)
                        && Objects.equals(t.setIdentifier(), r.setIdentifier()) && !owners(t).isEmpty()) {
                    return owners(t).size() == 1 ? Optional.of(owners(t).get(0)) : Optional.of("ambiguous");
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> owners(Endpoint txt) {
        return txt.targets().stream().map(TxtRecordFormat::parse).flatMap(Optional::stream)
                .map(l -> l.getOrDefault(Labels.OWNER, "")).distinct().toList();
    }

    // ---- generators

    private static final List<String> NAMES_POOL = List.of("a.ex.com", "b.ex.com", "c.ex.com", "*.ex.com", "ex.com",
            "x.other.org");
    private static final List<String> IPS = List.of("192.0.2.1", "192.0.2.2", "10.0.0.10", "10.0.0.9");
    private static final List<String> IP6 = List.of("2001:db8::1", "2001:db8::2");
    private static final List<String> HOSTS = List.of("lb.other.net", "lb-1.us-east-1.elb.amazonaws.com",
            "lb-2.eu-west-1.elb.amazonaws.com", "d1.cloudfront.net");

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<PlanSettings> settings = Combinators.combine(Arbitraries.of(Policy.class),
                Arbitraries.of(MultiClusterStrategy.class), Arbitraries.of(false, false, true),
                Arbitraries.of(DomainFilter.ALL, EX)).as((p, m, preferCname, f) -> PlanSettings.defaults()
                .withPolicy(p).withMultiCluster(m).withAws(preferCname, true).withDomainFilter(f));
        return Combinators.combine(settings, desiredEndpoint().list().ofMaxSize(8), currentRecord().list().ofMaxSize(8))
                .as((s, d, c) -> new Scenario(s, d, zone(c)));
    }

    private Arbitrary<Endpoint> desiredEndpoint() {
        Arbitrary<String> name = Arbitraries.of(NAMES_POOL);
        Arbitrary<String[]> typeAndTargets = Arbitraries.oneOf(
                Arbitraries.of(IPS).list().ofMinSize(1).ofMaxSize(2).uniqueElements().map(t -> withType("A", t)),
                Arbitraries.of(IP6).list().ofMinSize(1).ofMaxSize(2).uniqueElements().map(t -> withType("AAAA", t)),
                Arbitraries.of(HOSTS).map(h -> new String[] {"CNAME", h}));
        Arbitrary<String> props = Arbitraries.of("", "", "", "alias=true", "alias-type=A", "alias=false",
                "set=blue aws/weight=10", "aws/weight=3");
        Arbitrary<String> ttl = Arbitraries.of("", "", "ttl=60", "ttl=300");
        Arbitrary<String> cluster = Arbitraries.of("c1", "c2", "c3");
        Arbitrary<String> resource = Arbitraries.of("service/default/r1", "service/default/r2", "ingress/x/r3");
        return Combinators.combine(name, typeAndTargets, props, ttl, cluster, resource).as((n, tt, p, t, c, r) ->
                Fixtures.want(c, r, n + " " + tt[0] + " " + tt[1] + " " + p + " " + t));
    }

    /** A current record plus its ownership TXT (ours, ours with cluster, another owner's, legacy ours, none). */
    private Arbitrary<List<Endpoint>> currentRecord() {
        Arbitrary<String> name = Arbitraries.of(NAMES_POOL);
        Arbitrary<String> spec = Arbitraries.oneOf(
                Arbitraries.of(IPS).list().ofMinSize(1).ofMaxSize(2).uniqueElements().map(t -> "A " + String.join(",", t)),
                Arbitraries.of(IP6).map(t -> "AAAA " + t),
                Arbitraries.of(HOSTS).map(h -> "CNAME " + h),
                Arbitraries.of(HOSTS).map(h -> "A " + h + " alias=true aws/evaluate-target-health=true"),
                Arbitraries.of(HOSTS).map(h -> "AAAA " + h + " alias=true aws/evaluate-target-health=true"));
        Arbitrary<String> set = Arbitraries.of("", "", "", "set=blue aws/weight=10", "set=c1 aws/weight=1");
        Arbitrary<String> owner = Arbitraries.of("ours", "ours", "ours-cluster", "other", "legacy", "cname", "none",
                "raw-txt");
        return Combinators.combine(name, spec, set, owner).as((n, sp, st, o) -> {
            Endpoint r = Fixtures.ep(n + " " + sp + " ttl=300 " + st);
            String opts = r.setIdentifier() == null ? "" : "set=" + r.setIdentifier();
            String txtName = NAMES.txtName(r.dnsName(), r.recordType());
            return switch (o) {
                case "ours" -> List.of(r, Fixtures.txt(txtName, "owner=default,resource=service/default/r1", opts));
                case "ours-cluster" -> List.of(r, Fixtures.txt(txtName, "owner=default,resource=ingress/x/r3,cluster=c2", opts));
                case "other" -> List.of(r, Fixtures.txt(txtName, "owner=other,resource=service/default/r1", opts));
                case "legacy" -> List.of(r, Fixtures.txt(NAMES.legacyTxtName(r.dnsName()), "owner=default,resource=service/default/r2", opts));
                case "cname" -> List.of(r, Fixtures.txt(NAMES.txtName(r.dnsName(), "CNAME"), "owner=default,resource=service/default/r1", opts));
                case "raw-txt" -> List.of(r, Fixtures.rawTxt(txtName, "\"v=spf1 -all\""));
                default -> List.of(r);
            };
        });
    }

    private static String[] withType(String type, List<String> targets) {
        return new String[] {type, String.join(",", targets)};
    }

    /** One record set per (name, type, set identifier), as in a real zone. */
    private static List<Endpoint> zone(List<List<Endpoint>> groups) {
        Map<String, Endpoint> byKey = new LinkedHashMap<>();
        for (List<Endpoint> g : groups) {
            for (Endpoint e : g) {
                byKey.putIfAbsent(e.recordKey(), e);
            }
        }
        return new ArrayList<>(byKey.values());
    }
}
