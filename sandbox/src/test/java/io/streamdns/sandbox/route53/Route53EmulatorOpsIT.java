package io.streamdns.sandbox.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdns.sandbox.route53.store.ChangeRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.HostedZoneNotEmptyException;
import software.amazon.awssdk.services.route53.model.HostedZoneType;
import software.amazon.awssdk.services.route53.model.InvalidDomainNameException;
import software.amazon.awssdk.services.route53.model.InvalidVpcIdException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListTagsForResourcesResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * Operations around the change batches through the real AWS SDK v2 async client: GetChange, throttling,
 * PriorRequestNotComplete, injected faults (in-process and over the admin path), authentication.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class Route53EmulatorOpsIT extends Route53ITSupport {

    // ---- GetChange, throttling, PriorRequestNotComplete, faults --------------------------------------

    @Test
    void changeIsPendingThenInSync() throws InterruptedException {
        String zoneId = zone();
        ChangeInfo info = apply(zoneId, List.of(a("CREATE", "c.example.com", "10.0.0.1")));
        assertThat(info.status()).isEqualTo(ChangeStatus.PENDING);
        assertThat(info.id()).startsWith("C");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ChangeStatus status = info.status();
        while (status == ChangeStatus.PENDING && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = join(r53.getChange(r -> r.id(info.id()))).changeInfo().status();
        }
        assertThat(status).isEqualTo(ChangeStatus.INSYNC);
        assertThatThrownBy(() -> join(r53.getChange(r -> r.id("CNOSUCHCHANGE"))))
                .isInstanceOfSatisfying(NoSuchChangeException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void throttlingIsSeenByTheSdkAsThrottling() {
        String zoneId = zone();
        emulator.throttle().configure(1, 2);
        // one after another (each takes milliseconds, well inside the bucket's second): six connections opened at
        // once made the SDK's pool fail a request now and then, which is not what this test is about
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try {
                join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)));
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        assertThat(failures).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(Route53Exception.class, x -> {
            assertThat(x.isThrottlingException()).isTrue();
            assertThat(x.statusCode()).isEqualTo(400);
            assertThat(x.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(x.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        }));
        assertThat(emulator.counters().count("ListResourceRecordSets", "Throttling")).isEqualTo(failures.size());
    }

    @Test
    void priorRequestNotCompleteWhileTheLastChangeIsPending() throws Exception {
        String zoneId = zone();
        HttpResponse<String> set = HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulator.endpoint()
                .resolve("/_emulator/changes")).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"delayMs\": 300000, \"priorRequestNotComplete\": true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(emulator.store().changeDelay()).isEqualTo(Duration.ofMinutes(5));
        apply(zoneId, List.of(a("CREATE", "p1.example.com", "10.0.0.1")));
        assertThatThrownBy(() -> apply(zoneId, List.of(a("CREATE", "p2.example.com", "10.0.0.1"))))
                .isInstanceOfSatisfying(PriorRequestNotCompleteException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.isThrottlingException()).isFalse();
                });
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("internal errors", FaultSettings.NONE.withInternalErrorRate(1), 500, "InternalFailure"),
                Arguments.of("unavailable", FaultSettings.NONE.withUnavailableRate(1), 503, "ServiceUnavailable"),
                Arguments.of("outage answered 503", FaultSettings.NONE.withOutage(true), 503, "ServiceUnavailable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void injectedFaultsReachTheSdk(String title, FaultSettings faults, int status, String code) {
        String zoneId = zone();
        emulator.faults().set(faults);
        assertThatThrownBy(() -> apply(zoneId, List.of(a("CREATE", "f.example.com", "10.0.0.1"))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                });
        emulator.faults().clear();
        assertThat(names(listAll(zoneId, 300))).doesNotContain("f.example.com. A");
        apply(zoneId, List.of(a("CREATE", "f.example.com", "10.0.0.1")));
    }

    @Test
    void outageByConnectionResetIsAClientError() {
        String zoneId = zone();
        emulator.faults().set(FaultSettings.NONE.withOutage(true).withOutageMode(FaultSettings.OutageMode.RESET));
        assertThatThrownBy(() -> join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId))))
                .isInstanceOf(SdkClientException.class);
        // the IT client tries a closed connection again (Route53ITSupport): every one of its 3 attempts was reset
        assertThat(emulator.counters().count("ListResourceRecordSets", "ConnectionReset")).isEqualTo(3);
        emulator.faults().clear();
        assertThat(join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId))).resourceRecordSets()).hasSize(2);
    }

    @Test
    void latencyIsAdded() {
        String zoneId = zone();
        emulator.faults().latencyMs(300);
        long start = System.nanoTime();
        join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)));
        // a lower bound only: the timer cannot fire early
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void faultsCanBeSetOverTheAdminPath() throws Exception {
        String zoneId = zone();
        HttpClient http = HttpClient.newHttpClient();
        URI faults = emulator.endpoint().resolve("/_emulator/faults");
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(faults).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"unavailableRate\": 1.0}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"unavailableRate\" : 1.0");
        assertThatThrownBy(() -> join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId))))
                .isInstanceOfSatisfying(Route53Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        http.send(HttpRequest.newBuilder(faults).PUT(HttpRequest.BodyPublishers.ofString("{\"unavailableRate\": 0}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)));
        String counters = http.send(HttpRequest.newBuilder(emulator.endpoint().resolve("/_emulator/counters")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(counters).contains("\"ListResourceRecordSets\"").contains("\"ServiceUnavailable\"").contains("\"ok\"");
    }

    @Test
    void requestsWithoutAuthorizationAreRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(emulator.endpoint().resolve("/2013-04-01/hostedzone"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>")
                .contains("<Message>Missing Authentication Token</Message>");
        assertThat(emulator.counters().count("ListHostedZones", "MissingAuthenticationToken")).isPositive();
    }

    // ---- hosted zones, tags, admin API, in-process API -----------------------------------------------

    @Test
    void hostedZoneLifecycle() {
        String ref = UUID.randomUUID().toString();
        CreateHostedZoneResponse created = join(r53.createHostedZone(r -> r.name("Example.NET").callerReference(ref)
                .hostedZoneConfig(c -> c.comment("public one"))));
        String id = created.hostedZone().id();
        assertThat(created.hostedZone().name()).isEqualTo("example.net.");
        assertThat(created.hostedZone().resourceRecordSetCount()).isEqualTo(2L);
        assertThat(created.hostedZone().config().privateZone()).isFalse();
        assertThat(created.delegationSet().nameServers()).hasSize(4);
        assertThat(created.changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
        assertThat(created.location()).endsWith("/2013-04-01/hostedzone/" + id);
        List<ResourceRecordSet> apex = listAll(id, 300);
        assertThat(names(apex)).containsExactly("example.net. NS", "example.net. SOA");
        assertThat(apex.get(0).resourceRecords()).extracting(ResourceRecord::value)
                .containsExactlyElementsOf(created.delegationSet().nameServers().stream().map(n -> n + ".").toList());

        assertThatThrownBy(() -> join(r53.createHostedZone(r -> r.name("other.net").callerReference(ref))))
                .isInstanceOfSatisfying(HostedZoneAlreadyExistsException.class, e -> assertThat(e.statusCode()).isEqualTo(409));

        apply(id, List.of(a("CREATE", "a.example.net", "10.0.0.1")));
        assertThat(join(r53.getHostedZone(r -> r.id(id))).hostedZone().resourceRecordSetCount()).isEqualTo(3L);
        assertThatThrownBy(() -> join(r53.deleteHostedZone(r -> r.id(id))))
                .isInstanceOfSatisfying(HostedZoneNotEmptyException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        apply(id, List.of(a("DELETE", "a.example.net", "10.0.0.1")));
        assertThat(join(r53.deleteHostedZone(r -> r.id(id))).changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
        assertThatThrownBy(() -> join(r53.getHostedZone(r -> r.id(id))))
                .isInstanceOfSatisfying(NoSuchHostedZoneException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void privateZonesNeedAVpc() {
        CreateHostedZoneResponse created = join(r53.createHostedZone(r -> r.name("corp.internal")
                .callerReference(UUID.randomUUID().toString()).vpc(v -> v.vpcId("vpc-1").vpcRegion(VPCRegion.EU_WEST_1))));
        assertThat(created.hostedZone().config().privateZone()).isTrue();
        assertThat(created.vpc().vpcId()).isEqualTo("vpc-1");
        assertThat(created.delegationSet()).isNull();
        GetHostedZoneResponse got = join(r53.getHostedZone(r -> r.id(created.hostedZone().id())));
        assertThat(got.vpCs()).extracting(VPC::vpcId).containsExactly("vpc-1");
        assertThatThrownBy(() -> join(r53.createHostedZone(r -> r.name("corp2.internal")
                .callerReference(UUID.randomUUID().toString()).hostedZoneConfig(c -> c.privateZone(true)))))
                .isInstanceOf(InvalidVpcIdException.class);
        assertThatThrownBy(() -> join(r53.createHostedZone(r -> r.name("bad..name")
                .callerReference(UUID.randomUUID().toString())))).isInstanceOf(InvalidDomainNameException.class);
        assertThat(join(r53.listHostedZones(r -> r.hostedZoneType(HostedZoneType.PRIVATE_HOSTED_ZONE))).hostedZones())
                .allSatisfy(z -> assertThat(z.config().privateZone()).isTrue()).isNotEmpty();
    }

    @Test
    void listsHostedZonesPageByPage() {
        for (int i = 0; i < 5; i++) {
            emulator.createZone("page" + i + ".example", false);
        }
        Set<String> all = new HashSet<>();
        String marker = null;
        do {
            String m = marker;
            ListHostedZonesResponse page = join(r53.listHostedZones(r -> r.maxItems("3").marker(m)));
            assertThat(page.hostedZones().size()).isLessThanOrEqualTo(3);
            page.hostedZones().forEach(z -> assertThat(all.add(z.id())).as("no duplicate " + z.id()).isTrue());
            marker = page.isTruncated() ? page.nextMarker() : null;
        } while (marker != null);
        assertThat(all).hasSize(emulator.zones().size());
    }

    @Test
    void listsHostedZonesByReversedName() {
        String b = emulator.createZone("b.bytest", false);
        String ab = emulator.createZone("a.b.bytest", false);
        String a = emulator.createZone("a.bytest", false);
        ListHostedZonesByNameResponse first = join(r53.listHostedZonesByName(r -> r.dnsName("a.bytest").maxItems("2")));
        // the SDK strips "/hostedzone/" from ids in some answers only; this one keeps it, as with Route 53
        assertThat(first.hostedZones()).extracting(HostedZone::id).containsExactly("/hostedzone/" + a, "/hostedzone/" + b);
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextDNSName()).isEqualTo("a.b.bytest.");
        assertThat(first.nextHostedZoneId()).isEqualTo(ab);
        ListHostedZonesByNameResponse next = join(r53.listHostedZonesByName(r -> r.dnsName(first.nextDNSName())
                .hostedZoneId(first.nextHostedZoneId()).maxItems("1")));
        assertThat(next.hostedZones()).extracting(HostedZone::id).containsExactly("/hostedzone/" + ab);
    }

    @Test
    void tagsOfHostedZones() {
        String zoneId = zone();
        join(r53.changeTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)
                .addTags(Tag.builder().key("owner").value("streamdns").build(), Tag.builder().key("env").value("dev").build())));
        join(r53.changeTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)
                .removeTagKeys("env")));
        ListTagsForResourcesResponse tags = join(r53.listTagsForResources(r -> r.resourceType(TagResourceType.HOSTEDZONE)
                .resourceIds(zoneId)));
        assertThat(tags.resourceTagSets()).singleElement().satisfies(set -> {
            assertThat(set.resourceId()).isEqualTo(zoneId);
            assertThat(set.tags()).containsExactly(Tag.builder().key("owner").value("streamdns").build());
        });
        assertThat(join(r53.listTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)))
                .resourceTagSet().tags()).hasSize(1);
    }

    @Test
    void inProcessApiAndAdminPathSeeTheSameZones() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(emulator.endpoint().resolve("/_emulator/zones"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"admin.example\", \"private\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);
        String zoneId = new JsonObject(created.body()).getString("id");
        emulator.change(zoneId, List.of(ChangeRequest.of("CREATE", "x.admin.example", "A", 60, List.of("10.0.0.1"))));
        assertThat(names(listAll(zoneId, 300))).containsExactly("admin.example. NS", "admin.example. SOA",
                "x.admin.example. A");
        String dump = http.send(HttpRequest.newBuilder(emulator.endpoint().resolve("/_emulator/zones")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(dump).contains("\"id\" : \"" + zoneId + "\"").contains("\"x.admin.example.\"").contains("\"10.0.0.1\"");
        assertThat(emulator.counters().count("ListResourceRecordSets", EmulatorCounters.OK)).isPositive();

        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(emulator.endpoint().resolve("/_emulator/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(emulator.zones()).isEmpty();
        assertThat(emulator.counters().snapshot()).isEmpty();
        assertThatThrownBy(() -> join(r53.getHostedZone(r -> r.id(zoneId)))).isInstanceOf(NoSuchHostedZoneException.class);
    }
}
