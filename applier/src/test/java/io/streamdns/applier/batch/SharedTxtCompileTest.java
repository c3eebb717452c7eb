package io.streamdns.applier.batch;

import static io.streamdns.applier.batch.Fixtures.OWNER;
import static io.streamdns.applier.batch.Fixtures.ownerValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The apex TXT set shared with values we did not create: our value goes in and out by compare-and-swap (DELETE of
 * the exact planned set + CREATE, one batch), and the guard lets through nothing else that touches such a set.
 */
class SharedTxtCompileTest {
    static final Zone Z = Fixtures.EXAMPLE;
    static final String APEX = "example.com";
    static final String SPF = "\"v=spf1 include:_spf.google.com ~all\"";
    static final String VERIFY = "\"google-site-verification=abc123\"";
    static final String OURS = ownerValue(OWNER);
    static final String ELB = "lb-1.us-east-1.elb.amazonaws.com";

    static PlanCompiler compiler() {
        return new PlanCompiler(new ZoneIndex(List.of(Z)), DomainFilter.ALL, new OwnershipGuard(OWNER,
                TxtNameMapper.defaults()), new EndpointMapper(true), Limits.ROUTE53);
    }

    static Endpoint alias(String type, String target) {
        return Endpoint.of(APEX, type, target).withProperty(ProviderProperties.ALIAS, "true");
    }

    /** The apex TXT as the planner sends it: labelled with the record it owns, TTL as the zone has it. */
    static Endpoint txt(boolean swap, String... values) {
        Map<String, String> labels = new HashMap<>(Map.of(Labels.OWNED_RECORD, APEX, Labels.OWNED_TYPE, "A"));
        if (swap) {
            labels.put(Labels.TXT_SWAP, "true");
        }
        return new Endpoint(APEX, "TXT", List.of(values), 3600, null, Map.of(), labels);
    }

    static RecordSet txtSet(long ttl, String... values) {
        return new RecordSet(APEX, "TXT", ttl, List.of(values), null, null, null);
    }

    static RecordSet aliasSet(String type, String target) {
        return new EndpointMapper(true).toRecordSet(alias(type, target), Z);
    }

    static ChangePlan plan(List<Endpoint> create, List<Endpoint> old, List<Endpoint> neu, List<Endpoint> delete) {
        return new ChangePlan("p1", APEX, 1L, 0L, create, old, neu, delete, List.of());
    }

    static Stream<Arguments> rows() {
        Endpoint a = alias("A", ELB);
        Endpoint a2 = alias("A", "lb-2.us-east-1.elb.amazonaws.com");
        RecordSet spfOnly = txtSet(3600, SPF, VERIFY);
        RecordSet shared = txtSet(3600, OURS, SPF, VERIFY);
        return Stream.of(
                Arguments.of("our value added beside SPF and verification: one batch, ours first",
                        plan(List.of(a), List.of(txt(false, SPF, VERIFY)), List.of(txt(true, OURS, SPF, VERIFY)), List.of()),
                        new RecordSet[] {spfOnly},
                        List.of("DELETE TXT example.com [" + VERIFY + ", " + SPF + "] ttl=3600", "CREATE A example.com",
                                "CREATE TXT example.com [" + OURS + ", " + VERIFY + ", " + SPF + "] ttl=3600"), List.of()),
                Arguments.of("the zone view already differs: the DELETE still names the planned set (Route 53 decides)",
                        plan(List.of(a), List.of(txt(false, SPF)), List.of(txt(true, OURS, SPF)), List.of()),
                        new RecordSet[] {txtSet(3600, SPF, VERIFY)},
                        List.of("DELETE TXT example.com [" + SPF + "] ttl=3600", "CREATE A example.com",
                                "CREATE TXT example.com [" + OURS + ", " + SPF + "] ttl=3600"), List.of()),
                Arguments.of("our value removed, theirs kept: record DELETE + compare-and-swap",
                        plan(List.of(), List.of(txt(false, OURS, SPF, VERIFY)), List.of(txt(true, SPF, VERIFY)), List.of(a)),
                        new RecordSet[] {aliasSet("A", ELB), shared},
                        List.of("DELETE A example.com", "DELETE TXT example.com [" + OURS + ", " + VERIFY + ", " + SPF
                                + "] ttl=3600", "CREATE TXT example.com [" + VERIFY + ", " + SPF + "] ttl=3600"), List.of()),
                Arguments.of("the load balancer changes: the apex ALIAS is owned through the marker",
                        plan(List.of(), List.of(a), List.of(a2), List.of()), new RecordSet[] {aliasSet("A", ELB), shared},
                        List.of("UPSERT A example.com"), List.of()),
                Arguments.of("the apex AAAA is owned through the marker too",
                        plan(List.of(), List.of(alias("AAAA", ELB)), List.of(alias("AAAA", "lb-2.us-east-1.elb.amazonaws.com")),
                                List.of()), new RecordSet[] {aliasSet("AAAA", ELB), shared},
                        List.of("UPSERT AAAA example.com"), List.of()),
                Arguments.of("an apex AAAA without a marker is not ours",
                        plan(List.of(), List.of(alias("AAAA", ELB)), List.of(alias("AAAA", "lb-2.us-east-1.elb.amazonaws.com")),
                                List.of()), new RecordSet[] {aliasSet("AAAA", ELB), spfOnly},
                        List.of(), List.of("SKIPPED UPDATE example.com/AAAA")),
                Arguments.of("a swap that drops a value we did not create: never sent",
                        plan(List.of(a), List.of(txt(false, SPF, VERIFY)), List.of(txt(true, OURS, SPF)), List.of()),
                        new RecordSet[] {spfOnly}, List.of(),
                        List.of("SKIPPED CREATE example.com/A", "SKIPPED UPDATE example.com/TXT", "SKIPPED UPDATE example.com/TXT")),
                Arguments.of("a swap that changes the set's TTL: never sent",
                        plan(List.of(a), List.of(txt(false, SPF)), List.of(txt(true, OURS, SPF).withTtl(300)), List.of()),
                        new RecordSet[] {txtSet(3600, SPF)}, List.of(),
                        List.of("SKIPPED CREATE example.com/A", "SKIPPED UPDATE example.com/TXT", "SKIPPED UPDATE example.com/TXT")),
                Arguments.of("a swap that adds another owner's value: never sent",
                        plan(List.of(a), List.of(txt(false, SPF)), List.of(txt(true, ownerValue("them"), SPF)), List.of()),
                        new RecordSet[] {txtSet(3600, SPF)}, List.of(),
                        List.of("SKIPPED CREATE example.com/A", "SKIPPED UPDATE example.com/TXT", "SKIPPED UPDATE example.com/TXT")),
                Arguments.of("an UPSERT of a shared set (no swap): never sent",
                        plan(List.of(), List.of(txt(false, OURS, SPF)), List.of(txt(false, OURS)), List.of()),
                        new RecordSet[] {txtSet(3600, OURS, SPF)}, List.of(), List.of("SKIPPED UPDATE example.com/TXT")),
                Arguments.of("deleting our marker set that meanwhile also holds SPF: never sent (the zone's set is shared)",
                        plan(List.of(), List.of(), List.of(), List.of(a, txt(false, OURS))),
                        new RecordSet[] {aliasSet("A", ELB), txtSet(3600, OURS, SPF)}, List.of(),
                        List.of("SKIPPED DELETE example.com/A", "SKIPPED DELETE example.com/TXT")),
                Arguments.of("a swap the zone already shows (a replayed plan): both halves already done",
                        plan(List.of(), List.of(txt(false, SPF, VERIFY)), List.of(txt(true, OURS, SPF, VERIFY)), List.of()),
                        new RecordSet[] {shared}, List.of(),
                        List.of("ALREADY_DONE UPDATE example.com/TXT", "ALREADY_DONE UPDATE example.com/TXT")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void compiles(String title, ChangePlan plan, RecordSet[] zone, List<String> wire, List<String> decided) {
        CompiledPlan c = compiler().compile(plan, Fixtures.lookup(zone));
        List<String> sent = new ArrayList<>();
        c.zones().forEach(z -> {
            assertThat(z.batches()).as("one batch").hasSize(1);
            z.batches().get(0).changes().forEach(ch -> sent.add(render(ch)));
        });
        assertThat(sent).containsExactlyElementsOf(wire);
        assertThat(c.decided().stream().map(d -> d.status() + " " + d.origin().action() + " " + d.origin().dnsName()
                + "/" + d.origin().recordType()).toList()).containsExactlyInAnyOrderElementsOf(decided);
    }

    @Test
    void aTxtSetIsWrittenWithOurOwnershipValueFirst() {
        assertThat(txtSet(300, VERIFY, SPF, OURS).values()).containsExactly(OURS, VERIFY, SPF);
        assertThat(Fixtures.a("www.example.com", "10.0.0.2", "10.0.0.1").values()).containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void aSwapWhoseSetVanishedIsRefusedWholeNotHalfDone() {
        Change.Origin o = new Change.Origin(ChangeOutcome.Action.UPDATE, APEX, "TXT", null);
        Change delete = new Change(Change.Action.DELETE, txtSet(3600, SPF), APEX, o, true);
        Change create = new Change(Change.Action.CREATE, txtSet(3600, OURS, SPF), APEX, o, true);
        Batch batch = new Batch(List.of(new Batch.Group(APEX, List.of(delete, create))));
        Isolation.Step step = Isolation.next(batch, List.of("Tried to delete resource record set [name='example.com.', "
                + "type='TXT'] but it was not found"));
        assertThat(step.alreadyDone()).isEmpty();
        assertThat(step.retry()).isEmpty();
        assertThat(step.rejected()).containsOnlyKeys(delete, create);
        Isolation.Step mismatch = Isolation.next(batch, List.of("Tried to delete resource record set [name='example.com.', "
                + "type='TXT'] but the values provided do not match the current values"));
        assertThat(mismatch.rejected()).containsOnlyKeys(delete, create);
        assertThat(mismatch.retry()).isEmpty();
    }

    static String render(Change ch) {
        RecordSet s = ch.recordSet();
        return ch.action() + " " + s.type() + " " + s.name() + (s.isTxt() ? " " + s.values() + " ttl=" + s.ttl() : "");
    }
}
