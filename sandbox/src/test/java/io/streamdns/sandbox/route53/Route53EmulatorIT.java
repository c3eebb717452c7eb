package io.streamdns.sandbox.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * ChangeResourceRecordSets and ListResourceRecordSets through the real AWS SDK v2 async client: every
 * rejection with Route 53's code and message, atomicity, ordering, paging, sort order, routing policies.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class Route53EmulatorIT extends Route53ITSupport {

    // ---- InvalidChangeBatch --------------------------------------------------------------------------

    static Stream<Arguments> invalidChangeBatch() {
        return Stream.of(
                Arguments.of("create of an existing set", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(a("CREATE", "a.example.com", "10.0.0.2")),
                        List.of("Tried to create resource record set [name='a.example.com.', type='A'] but it already exists")),
                Arguments.of("delete of a missing set", List.of(), List.of(a("DELETE", "a.example.com", "10.0.0.1")),
                        List.of("Tried to delete resource record set [name='a.example.com.', type='A'] but it was not found")),
                Arguments.of("delete whose values differ", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(a("DELETE", "a.example.com", "10.0.0.9")),
                        List.of("Tried to delete resource record set [name='a.example.com.', type='A'] but the values"
                                + " provided do not match the current values")),
                Arguments.of("CNAME beside other types", List.of(a("CREATE", "x.example.com", "10.0.0.1")),
                        List.of(change("CREATE", "x.example.com", RRType.CNAME, 60, "y.example.com")),
                        List.of("RRSet of type CNAME with DNS name x.example.com. is not permitted as it conflicts with"
                                + " other records with the same DNS name in zone example.com.")),
                Arguments.of("name outside the zone", List.of(), List.of(a("CREATE", "x.example.org", "10.0.0.1")),
                        List.of("RRSet with DNS name x.example.org. is not permitted in zone example.com.")),
                Arguments.of("CNAME at the apex", List.of(), List.of(change("CREATE", "example.com", RRType.CNAME, 60, "a.org")),
                        List.of("RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.")),
                Arguments.of("weighted set beside a simple one", List.of(a("CREATE", "w.example.com", "10.0.0.1")),
                        List.of(with(a("CREATE", "w.example.com", "10.0.0.2"), b -> b.setIdentifier("one").weight(10L))),
                        List.of("RRSet with DNS name w.example.com., type A, SetIdentifier one cannot be created as a"
                                + " non-weighted set exists with the same name and type.")),
                Arguments.of("bad IPv4", List.of(), List.of(a("CREATE", "b.example.com", "300.1.1.1")),
                        List.of("Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid"
                                + " IPv4 address) encountered with '300.1.1.1''")),
                Arguments.of("bad IPv6", List.of(), List.of(change("CREATE", "b.example.com", RRType.AAAA, 60, "fe80:::1")),
                        List.of("Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a"
                                + " valid IPv6 address) encountered with 'fe80:::1''")),
                Arguments.of("bad name", List.of(), List.of(a("CREATE", "b..example.com", "10.0.0.1")),
                        List.of("FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with 'b..example.com'")),
                Arguments.of("more than 1000 records", List.of(),
                        List.of(a("CREATE", "big.example.com", IntStream.range(0, 1001)
                                .mapToObj(i -> "10.1." + (i / 250) + "." + (i % 250)).toArray(String[]::new))),
                        List.of("Number of records limit of 1000 exceeded.")),
                Arguments.of("UPSERT counted twice against 1000", List.of(),
                        List.of(a("UPSERT", "big.example.com", IntStream.range(0, 501)
                                .mapToObj(i -> "10.1." + (i / 250) + "." + (i % 250)).toArray(String[]::new))),
                        List.of("Number of records limit of 1000 exceeded.")),
                Arguments.of("more than 32,000 value characters", List.of(),
                        IntStream.range(0, 130).mapToObj(i -> change("CREATE", "t" + i + ".example.com", RRType.TXT, 60,
                                "\"" + "v".repeat(250) + "\"")).toList(),
                        List.of("RDATA character limit of 32000 exceeded.")),
                Arguments.of("all messages of a batch in brackets", List.of(a("CREATE", "a.example.com", "10.0.0.1")),
                        List.of(a("CREATE", "a.example.com", "10.0.0.1"), a("CREATE", "q.example.org", "10.0.0.1")),
                        List.of("Tried to create resource record set [name='a.example.com.', type='A'] but it already exists",
                                "RRSet with DNS name q.example.org. is not permitted in zone example.com.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidChangeBatch")
    void invalidChangeBatch(String title, List<Change> setup, List<Change> batch, List<String> messages) {
        String zoneId = zone();
        if (!setup.isEmpty()) {
            apply(zoneId, setup);
        }
        List<ResourceRecordSet> before = listAll(zoneId, 300);
        assertThatThrownBy(() -> apply(zoneId, batch)).isInstanceOfSatisfying(InvalidChangeBatchException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeBatch");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(messages.toString());
            assertThat(e.getMessage()).startsWith(messages.toString());
        });
        assertThat(listAll(zoneId, 300)).isEqualTo(before);
    }

    // ---- InvalidInput --------------------------------------------------------------------------------

    static Stream<Arguments> invalidInput() {
        Change plain = a("CREATE", "a.example.com", "10.0.0.1");
        AliasTarget elb = AliasTarget.builder().hostedZoneId("Z35SXDOTRQ7X7K").dnsName("lb-1.us-east-1.elb.amazonaws.com")
                .evaluateTargetHealth(false).build();
        return Stream.of(
                Arguments.of("empty batch", List.of(), "Invalid XML ; cvc-complex-type.2.4.b: The content of element"
                        + " 'Changes' is not complete. One of '{\"https://route53.amazonaws.com/doc/2013-04-01/\":Change}' is expected."),
                Arguments.of("missing TTL", List.of(with(plain, b -> b.ttl(null))),
                        "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or"
                                + " TrafficPolicyInstanceId], but found none in Change with [Action=CREATE,"
                                + " Name=a.example.com, Type=A, SetIdentifier=null]"),
                Arguments.of("missing records", List.of(with(plain, b -> b.resourceRecords((List<ResourceRecord>) null))),
                        "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or"
                                + " TrafficPolicyInstanceId], but found none in Change with [Action=CREATE,"
                                + " Name=a.example.com, Type=A, SetIdentifier=null]"),
                Arguments.of("alias with TTL", List.of(with(plain, b -> b.resourceRecords((List<ResourceRecord>) null)
                                .aliasTarget(elb))),
                        "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or"
                                + " TrafficPolicyInstanceId], but found more than one in Change with [Action=CREATE,"
                                + " Name=a.example.com, Type=A, SetIdentifier=null]"),
                Arguments.of("set identifier without routing policy", List.of(with(plain, b -> b.setIdentifier("one"))),
                        "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, or"
                                + " MultiValueAnswer], but found none in Change with [Action=CREATE, Name=a.example.com,"
                                + " Type=A, SetIdentifier=one]"),
                Arguments.of("routing policy without set identifier", List.of(with(plain, b -> b.weight(5L))),
                        "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE,"
                                + " Name=a.example.com, Type=A, SetIdentifier=null]"),
                Arguments.of("unknown action", List.of(a("REPLACE", "a.example.com", "10.0.0.1")),
                        "Invalid XML ; cvc-enumeration-valid: Value 'REPLACE' is not facet-valid with respect to"
                                + " enumeration '[CREATE, DELETE, UPSERT]'. It must be a value from the enumeration."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInput")
    void invalidInput(String title, List<Change> batch, String message) {
        String zoneId = zone();
        assertThatThrownBy(() -> apply(zoneId, batch)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void unknownZoneIsNoSuchHostedZone() {
        assertThatThrownBy(() -> apply("ZNOSUCHZONE", List.of(a("CREATE", "a.example.com", "10.0.0.1"))))
                .isInstanceOfSatisfying(NoSuchHostedZoneException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No hosted zone found with ID: ZNOSUCHZONE");
                });
        assertThatThrownBy(() -> join(r53.listResourceRecordSets(r -> r.hostedZoneId("ZNOSUCHZONE"))))
                .isInstanceOf(NoSuchHostedZoneException.class);
    }

    // ---- atomicity, ordering, paging, order ----------------------------------------------------------

    @Test
    void oneBadChangeAmongFiveHundredChangesNothing() {
        String zoneId = zone();
        List<Change> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(a("CREATE", "h" + i + ".example.com", "10.2." + (i / 250) + "." + (i % 250)));
        }
        batch.set(250, a("DELETE", "never.example.com", "10.9.9.9"));
        assertThatThrownBy(() -> apply(zoneId, batch)).isInstanceOf(InvalidChangeBatchException.class)
                .hasMessageContaining("[Tried to delete resource record set [name='never.example.com.', type='A'] but it was not found]");
        assertThat(names(listAll(zoneId, 300))).containsExactly("example.com. NS", "example.com. SOA");
        batch.remove(250);
        apply(zoneId, batch);
        assertThat(listAll(zoneId, 300)).hasSize(501);
    }

    @Test
    void changesApplyInOrderAndSeeEachOther() {
        String zoneId = zone();
        apply(zoneId, List.of(a("CREATE", "o.example.com", "10.0.0.1")));
        apply(zoneId, List.of(a("DELETE", "o.example.com", "10.0.0.1"), a("CREATE", "o.example.com", "10.0.0.2"),
                a("CREATE", "p.example.com", "10.0.0.3"), a("DELETE", "p.example.com", "10.0.0.3"),
                a("UPSERT", "q.example.com", "10.0.0.4"), a("UPSERT", "q.example.com", "10.0.0.5")));
        List<ResourceRecordSet> sets = listAll(zoneId, 300);
        assertThat(names(sets)).containsExactly("example.com. NS", "example.com. SOA", "o.example.com. A", "q.example.com. A");
        assertThat(sets.get(2).resourceRecords()).extracting(ResourceRecord::value).containsExactly("10.0.0.2");
        assertThat(sets.get(3).resourceRecords()).extracting(ResourceRecord::value).containsExactly("10.0.0.5");
        // the reverse order fails: the CREATE sees the set still there
        assertThatThrownBy(() -> apply(zoneId, List.of(a("CREATE", "o.example.com", "10.0.0.7"),
                a("DELETE", "o.example.com", "10.0.0.2")))).isInstanceOf(InvalidChangeBatchException.class)
                .hasMessageContaining("but it already exists");
    }

    @Test
    void pagesThrough2500SetsWithoutDuplicatesOrGaps() {
        String zoneId = zone();
        Set<String> expected = new HashSet<>(Set.of("example.com. NS", "example.com. SOA"));
        for (int batch = 0; batch < 3; batch++) {
            List<Change> changes = new ArrayList<>();
            for (int i = batch * 1000; i < Math.min(2500, (batch + 1) * 1000); i++) {
                String name = "r" + i + (i % 3 == 0 ? "-x" : "") + ".s" + (i % 7) + ".example.com";
                changes.add(i % 5 == 0 ? change("CREATE", name, RRType.TXT, 60, "\"" + i + "\"")
                        : a("CREATE", name, "10.3." + (i / 250) + "." + (i % 250)));
                expected.add(name + ". " + (i % 5 == 0 ? "TXT" : "A"));
            }
            apply(zoneId, changes);
        }
        for (int pageSize : new int[] {300, 97, 1000}) {
            List<String> listed = names(listAll(zoneId, pageSize));
            assertThat(listed).hasSize(2502).doesNotHaveDuplicates();
            assertThat(new HashSet<>(listed)).isEqualTo(expected);
            assertThat(listed).isEqualTo(names(emulator.records(zoneId).stream().map(r -> ResourceRecordSet.builder()
                    .name(r.name()).type(r.type()).setIdentifier(r.setIdentifier()).build()).toList()));
        }
        ListResourceRecordSetsResponse capped = join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).maxItems("1000")));
        assertThat(capped.resourceRecordSets()).hasSize(300);
        assertThat(capped.isTruncated()).isTrue();
    }

    @Test
    void listsInRoute53SortOrder() {
        String zoneId = zone();
        apply(zoneId, List.of(a("CREATE", "b.example.com", "10.0.0.1"), a("CREATE", "a.example.com", "10.0.0.1"),
                a("CREATE", "a-b.example.com", "10.0.0.1"), a("CREATE", "*.example.com", "10.0.0.1"),
                change("CREATE", "a.example.com", RRType.TXT, 60, "\"t\""), a("CREATE", "z.a.example.com", "10.0.0.1"),
                change("CREATE", "a.example.com", RRType.AAAA, 60, "2001:db8::1"), a("CREATE", "MiXeD.Example.com", "10.0.0.1")));
        assertThat(names(listAll(zoneId, 300))).containsExactly("example.com. NS", "example.com. SOA",
                "\\052.example.com. A", "a-b.example.com. A", "a.example.com. A", "a.example.com. AAAA",
                "a.example.com. TXT", "z.a.example.com. A", "b.example.com. A", "mixed.example.com. A");
    }

    @Test
    void routingPoliciesAndAliasesAreStoredAndListedFaithfully() {
        String zoneId = zone();
        AliasTarget elb = AliasTarget.builder().hostedZoneId("Z35SXDOTRQ7X7K").dnsName("LB-1.us-east-1.elb.amazonaws.com")
                .evaluateTargetHealth(true).build();
        apply(zoneId, List.of(
                with(a("CREATE", "w.example.com", "10.0.0.1"), b -> b.setIdentifier("blue").weight(70L)),
                with(a("CREATE", "w.example.com", "10.0.0.2"), b -> b.setIdentifier("green").weight(30L)),
                with(a("CREATE", "l.example.com", "10.0.0.3"), b -> b.setIdentifier("eu").region("eu-west-1")),
                with(a("CREATE", "f.example.com", "10.0.0.4"), b -> b.setIdentifier("main").failover("PRIMARY")
                        .healthCheckId("hc-1")),
                with(a("CREATE", "g.example.com", "10.0.0.5"), b -> b.setIdentifier("de")
                        .geoLocation(g -> g.countryCode("DE"))),
                with(a("CREATE", "m.example.com", "10.0.0.6"), b -> b.setIdentifier("m1").multiValueAnswer(true)),
                Change.builder().action(ChangeAction.CREATE).resourceRecordSet(s -> s.name("alias.example.com")
                        .type(RRType.A).aliasTarget(elb)).build()));
        List<ResourceRecordSet> sets = listAll(zoneId, 1);
        ResourceRecordSet alias = find(sets, "alias.example.com.", null);
        assertThat(alias.aliasTarget()).isEqualTo(elb.toBuilder().dnsName("lb-1.us-east-1.elb.amazonaws.com.").build());
        assertThat(alias.ttl()).isNull();
        assertThat(find(sets, "w.example.com.", "blue").weight()).isEqualTo(70L);
        assertThat(find(sets, "w.example.com.", "green").weight()).isEqualTo(30L);
        assertThat(find(sets, "l.example.com.", "eu").regionAsString()).isEqualTo("eu-west-1");
        assertThat(find(sets, "f.example.com.", "main").failoverAsString()).isEqualTo("PRIMARY");
        assertThat(find(sets, "f.example.com.", "main").healthCheckId()).isEqualTo("hc-1");
        assertThat(find(sets, "g.example.com.", "de").geoLocation().countryCode()).isEqualTo("DE");
        assertThat(find(sets, "m.example.com.", "m1").multiValueAnswer()).isTrue();
        // deleting a weighted set needs its exact content
        apply(zoneId, List.of(with(a("DELETE", "w.example.com", "10.0.0.1"), b -> b.setIdentifier("blue").weight(70L))));
        ListResourceRecordSetsResponse page = join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .startRecordName("w.example.com").startRecordType(RRType.A).maxItems("1")));
        assertThat(names(page.resourceRecordSets())).containsExactly("w.example.com. A green");
    }

    @Test
    void pagingCarriesTheSetIdentifier() {
        String zoneId = zone();
        List<Change> changes = new ArrayList<>();
        for (String id : List.of("c", "a", "b")) {
            changes.add(with(a("CREATE", "w.example.com", "10.0.0.1"), b -> b.setIdentifier(id).weight(1L)));
        }
        apply(zoneId, changes);
        ListResourceRecordSetsResponse first = join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .startRecordName("w.example.com").maxItems("1")));
        assertThat(first.resourceRecordSets().get(0).setIdentifier()).isEqualTo("a");
        assertThat(first.nextRecordName()).isEqualTo("w.example.com.");
        assertThat(first.nextRecordType()).isEqualTo(RRType.A);
        assertThat(first.nextRecordIdentifier()).isEqualTo("b");
        assertThat(names(listAll(zoneId, 1))).endsWith("w.example.com. A a", "w.example.com. A b", "w.example.com. A c");
    }
}
