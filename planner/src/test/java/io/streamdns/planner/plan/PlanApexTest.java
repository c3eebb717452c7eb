package io.streamdns.planner.plan;

import static io.streamdns.planner.plan.PlanCase.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records at a zone apex ({@code ex.com}, known by its SOA): owned by the apex marker, a legacy-format value at the
 * apex (or at {@code <txt-prefix>ex.com}), added beside SPF / verification values by compare-and-swap, never by
 * overwriting them.
 */
class PlanApexTest {
    private static final String ELB = "lb-1.us-east-1.elb.amazonaws.com";
    private static final String ELB2 = "lb-2.us-east-1.elb.amazonaws.com";
    private static final String SOA = "ex.com SOA ns-1.awsdns-01.org.";
    private static final String SPF = "\"v=spf1 include:_spf.google.com ~all\"";
    private static final String VERIFY = "\"google-site-verification=abc123\"";
    private static final String OURS = TxtRecordFormat.value(Map.of(Labels.OWNER, Fixtures.OWNER, Labels.RESOURCE,
            Fixtures.RESOURCE, Labels.CLUSTER, Fixtures.CLUSTER));
    private static final String ALIAS = "ex.com A " + ELB + " ttl=300 alias=true aws/evaluate-target-health=true";
    private static final String ALIAS6 = "ex.com AAAA " + ELB + " ttl=300 alias=true aws/evaluate-target-health=true";
    private static final String RENDERED = "A ex.com " + ELB + " ttl=300 [alias eth=true]";
    private static final String RENDERED6 = "AAAA ex.com " + ELB + " ttl=300 [alias eth=true]";

    static Endpoint apexTxt(String... values) {
        return new Endpoint("ex.com", RecordTypes.TXT, List.of(values), 3600, null, Map.of(), Map.of());
    }

    static Stream<PlanCase> rows() {
        return Stream.of(
                row("apex ALIAS, no TXT at the apex: record and marker (ours alone) created")
                        .want("ex.com CNAME " + ELB + " alias-type=A").have(SOA)
                        .creates(RENDERED, "TXT ex.com ours"),
                row("apex ALIAS beside SPF and verification: our value added first, theirs carried, TTL kept")
                        .want("ex.com CNAME " + ELB + " alias-type=A").have(SOA).have(apexTxt(SPF, VERIFY))
                        .creates(RENDERED)
                        .updates("TXT ex.com " + VERIFY + "," + SPF + " ttl=3600 -> TXT ex.com " + VERIFY + "," + OURS + ","
                                + SPF + " ttl=3600"),
                row("the load balancer changes: only the record is updated, the TXT set is untouched")
                        .want("ex.com CNAME " + ELB2 + " alias-type=A").have(SOA, ALIAS).have(apexTxt(OURS, SPF, VERIFY))
                        .updates(RENDERED + " -> " + RENDERED.replace(ELB, ELB2)),
                row("adopted apex as we left it: nothing to do").want("ex.com CNAME " + ELB + " alias-type=A")
                        .have(SOA, ALIAS).have(apexTxt(OURS, SPF, VERIFY)),
                row("apex ALIAS released: record deleted, our value removed by compare-and-swap, theirs kept")
                        .have(SOA, ALIAS).have(apexTxt(OURS, SPF, VERIFY)).deletes(RENDERED)
                        .updates("TXT ex.com " + VERIFY + "," + OURS + "," + SPF + " ttl=3600 -> TXT ex.com " + VERIFY + ","
                                + SPF + " ttl=3600"),
                row("apex ALIAS released, the marker alone in its set: both deleted")
                        .have(SOA, ALIAS).have(apexTxt(OURS)).deletes(RENDERED, "TXT ex.com ours ttl=3600"),
                row("apex A and AAAA alias pair: one marker owns both")
                        .want("ex.com CNAME " + ELB + " alias-type=A").want("ex.com AAAA " + ELB + " alias=true")
                        .have(SOA).creates(RENDERED, RENDERED6, "TXT ex.com ours"),
                row("apex AAAA is owned by the marker too (external-dns's legacy reading skips AAAA)")
                        .want("ex.com CNAME " + ELB2 + " alias-type=A").want("ex.com AAAA " + ELB2 + " alias=true")
                        .have(SOA, ALIAS, ALIAS6).have(apexTxt(OURS, SPF))
                        .updates(RENDERED + " -> " + RENDERED.replace(ELB, ELB2),
                                RENDERED6 + " -> " + RENDERED6.replace(ELB, ELB2)),
                row("apex A released while the AAAA stays: the marker stays")
                        .want("ex.com AAAA " + ELB + " alias=true").have(SOA, ALIAS, ALIAS6).have(apexTxt(OURS, SPF))
                        .deletes(RENDERED),
                row("apex A and AAAA released: our value removed once")
                        .have(SOA, ALIAS, ALIAS6).have(apexTxt(OURS, SPF)).deletes(RENDERED, RENDERED6)
                        .updates("TXT ex.com " + OURS + "," + SPF + " ttl=3600 -> TXT ex.com " + SPF + " ttl=3600"),
                row("unowned apex ALIAS (as external-dns leaves it) beside SPF: not adopted, reported")
                        .want("ex.com CNAME " + ELB + " alias-type=A").have(SOA, ALIAS).have(apexTxt(SPF))
                        .skips("ex.com/A unowned"),
                row("unowned apex ALIAS not desired: left alone").have(SOA, ALIAS).have(apexTxt(SPF)),
                row("apex TXT naming another owner: create skipped")
                        .want("ex.com CNAME " + ELB + " alias-type=A").have(SOA)
                        .have(apexTxt(TxtRecordFormat.value(Map.of(Labels.OWNER, "other")), SPF))
                        .skips("ex.com/A owned-by-other"),
                row("--txt-prefix=txt.: the marker at txt.ex.com, no sharing with the apex's TXT set")
                        .with(s -> s.withTxtNames(new TxtNameMapper("txt.", "", "")))
                        .want("ex.com CNAME " + ELB + " alias-type=A").have(SOA).have(apexTxt(SPF))
                        .creates(RENDERED, "TXT txt.ex.com ours"),
                row("--txt-prefix=%{record_type}.: a.ex.com lies in the zone, the current form is used")
                        .with(s -> s.withTxtNames(new TxtNameMapper("%{record_type}.", "", "")))
                        .want("ex.com CNAME " + ELB + " alias-type=A").have(SOA).have(apexTxt(SPF))
                        .creates(RENDERED, "TXT a.ex.com ours"),
                row("--txt-suffix=-x: ex-x.com would lie outside, the marker is at the apex")
                        .with(s -> s.withTxtNames(new TxtNameMapper("", "-x", "")))
                        .want("ex.com CNAME " + ELB + " alias-type=A").have(SOA)
                        .creates(RENDERED, "TXT ex.com ours"),
                row("the domain filter covers the apex and its marker")
                        .with(s -> s.withDomainFilter(DomainFilter.of(List.of("ex.com"), List.of())))
                        .want("ex.com CNAME " + ELB + " alias-type=A").have(SOA).creates(RENDERED, "TXT ex.com ours"),
                row("no SOA known: the apex is planned like any name (its TXT a-ex.com outside the filter)")
                        .with(s -> s.withDomainFilter(DomainFilter.of(List.of("ex.com"), List.of())))
                        .want("ex.com CNAME " + ELB + " alias-type=A").skips("ex.com/A txt-outside-domain"),
                row("--migrate-from-txt-owner: the old owner's marker is rewritten by compare-and-swap")
                        .with(s -> s.withMigrateFromOwner("old"))
                        .want("ex.com CNAME " + ELB + " alias-type=A").have(SOA, ALIAS)
                        .have(apexTxt(OURS.replace("owner=default", "owner=old"), SPF))
                        .updates("TXT ex.com " + OURS.replace("owner=default", "owner=old") + "," + SPF + " ttl=3600"
                                + " -> TXT ex.com " + OURS + "," + SPF + " ttl=3600"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plans(PlanCase row) {
        PlanAssertions.check(row);
    }

    @Test
    void aSetWithValuesWeDidNotCreateIsRewrittenByCompareAndSwap() {
        PlanCase c = row("").want("ex.com CNAME " + ELB + " alias-type=A").have(SOA).have(apexTxt(VERIFY, SPF));
        Changes changes = new Planner(c.settings).plan(c.desired, c.current);
        Endpoint neu = changes.updateNew().get(0);
        assertThat(neu.targets()).containsExactlyInAnyOrder(OURS, VERIFY, SPF); // the applier writes ours first
        assertThat(neu.label(Labels.TXT_SWAP)).isEqualTo("true");
        assertThat(changes.updateOld().get(0).targets()).containsExactlyInAnyOrder(VERIFY, SPF);
        assertThat(changes.updateOld().get(0).label(Labels.TXT_SWAP)).isNull();
        // a set that holds only our value is replaced or deleted as usual, no swap
        PlanCase alone = row("").have(SOA, ALIAS).have(apexTxt(OURS));
        assertThat(new Planner(alone.settings).plan(alone.desired, alone.current).delete())
                .allSatisfy(e -> assertThat(e.label(Labels.TXT_SWAP)).isNull());
    }
}
