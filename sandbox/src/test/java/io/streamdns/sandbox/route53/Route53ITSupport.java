package io.streamdns.sandbox.route53;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * One emulator and one real AWS SDK v2 async client per IT class (a client's close() takes ~2 s), plus the
 * helpers the ITs share. Throttling is off unless a test turns it on; settings are restored after each test.
 */
abstract class Route53ITSupport {
    static Route53Emulator emulator;
    static Route53AsyncClient r53;

    @BeforeAll
    static void start() {
        emulator = Route53Emulator.startBlocking(Route53EmulatorOptions.defaults().withRateLimit(0, 0)
                .withChangeDelay(Duration.ofMillis(300)));
        r53 = client(emulator);
    }

    /**
     * Every Route 53 error reaches the test as it came (no retry), but a pooled connection the SDK found closed
     * under a request ("The connection was closed during the request", seen once in CI, before any byte of an
     * answer) is tried again, as the SDK's default strategy and the applier do: it says nothing of the emulator.
     */
    private static final RetryStrategy RETRY_CLOSED_CONNECTIONS_ONLY = StandardRetryStrategy.builder().maxAttempts(3)
            .circuitBreakerEnabled(false).backoffStrategy(BackoffStrategy.retryImmediately())
            .retryOnException(e -> e instanceof SdkClientException && e.getCause() instanceof IOException)
            .useClientDefaults(false) // else the client adds its own conditions (throttling, 5xx) to these
            .build();

    static Route53AsyncClient client(Route53Emulator emu) {
        return Route53AsyncClient.builder().endpointOverride(emu.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEMULATOR", "secret")))
                .overrideConfiguration(o -> o.retryStrategy(RETRY_CLOSED_CONNECTIONS_ONLY)
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    @AfterAll
    static void stop() {
        r53.close();
        emulator.close().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void restore() {
        emulator.faults().clear();
        emulator.throttle().configure(0, 0);
        emulator.store().priorRequestCheck(false);
        emulator.store().changeDelay(Duration.ofMillis(300));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    static Change change(String action, String name, RRType type, long ttl, String... values) {
        return Change.builder().action(action).resourceRecordSet(ResourceRecordSet.builder().name(name).type(type)
                .ttl(ttl).resourceRecords(records(values)).build()).build();
    }

    static Change a(String action, String name, String... values) {
        return change(action, name, RRType.A, 300, values);
    }

    static List<ResourceRecord> records(String... values) {
        return Arrays.stream(values).map(v -> ResourceRecord.builder().value(v).build()).toList();
    }

    static Change with(Change c, Consumer<ResourceRecordSet.Builder> edit) {
        ResourceRecordSet.Builder b = c.resourceRecordSet().toBuilder();
        edit.accept(b);
        return c.toBuilder().resourceRecordSet(b.build()).build();
    }

    static ChangeInfo apply(String zoneId, List<Change> changes) {
        return join(r53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(changes))))
                .changeInfo();
    }

    /** Every set of a zone, page by page as a client pages: maxItems, then the NextRecord* triple. */
    static List<ResourceRecordSet> listAll(String zoneId, int pageSize) {
        List<ResourceRecordSet> all = new ArrayList<>();
        String name = null;
        String type = null;
        String id = null;
        while (true) {
            String n = name;
            String t = type;
            String i = id;
            ListResourceRecordSetsResponse page = join(r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)
                    .maxItems(Integer.toString(pageSize)).startRecordName(n).startRecordType(t).startRecordIdentifier(i)));
            assertThat(page.resourceRecordSets().size()).isLessThanOrEqualTo(Math.min(pageSize, 300));
            all.addAll(page.resourceRecordSets());
            if (!page.isTruncated()) {
                return all;
            }
            name = page.nextRecordName();
            type = page.nextRecordTypeAsString();
            id = page.nextRecordIdentifier();
        }
    }

    static String zone() {
        return emulator.createZone("example.com", false);
    }

    static List<String> names(List<ResourceRecordSet> sets) {
        return sets.stream().map(s -> s.name() + " " + s.typeAsString()
                + (s.setIdentifier() == null ? "" : " " + s.setIdentifier())).toList();
    }

    static ResourceRecordSet find(List<ResourceRecordSet> sets, String name, String setId) {
        return sets.stream().filter(s -> s.name().equals(name) && Objects.equals(s.setIdentifier(), setId))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " " + setId + " in " + names(sets)));
    }
}
