package io.streamdns.applier;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.applier.batch.EndpointMapper;
import io.streamdns.applier.batch.Limits;
import io.streamdns.applier.batch.MergedPlan;
import io.streamdns.applier.batch.OwnershipGuard;
import io.streamdns.applier.batch.PlanCompiler;
import io.streamdns.applier.batch.PlanMerger;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneSelection;
import io.streamdns.applier.metrics.ApplierMetrics;
import io.streamdns.applier.provider.ProviderException;
import io.streamdns.applier.state.ZoneCache;
import io.streamdns.applier.state.ZoneCatalog;
import io.streamdns.applier.state.ZoneStateKeeper;
import io.streamdns.applier.state.ZoneStatePublisher;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.model.registry.TxtRecordFormat;
import io.streamdns.model.shard.ShardResolver;
import io.streamdns.testsupport.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The executor against an in-memory provider with Route 53's semantics, and a mock Kafka producer. */
@ExtendWith(VertxExtension.class)
class PlanExecutorTest {
    static final String OWNER = "me";
    Vertx vertx;
    FakeDnsProvider provider;
    Zone zone;
    MockProducer<String, byte[]> mock;
    ZoneStateKeeper keeper;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        provider = new FakeDnsProvider();
        zone = provider.zone("Z1", "example.com");
        mock = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        ApplierMetrics metrics = ApplierMetrics.noop();
        ShardResolver shards = new ShardResolver(List.of());
        keeper = new ZoneStateKeeper(vertx, provider, new ZoneCatalog(provider, new ZoneSelection("", null, DomainFilter.ALL)),
                new ZoneCache(), new ZoneStatePublisher(KafkaProducer.create(vertx, mock), shards, 6, metrics), null,
                shards, DomainFilter.ALL, metrics, null);
    }

    PlanExecutor executor(boolean dryRun) {
        OwnershipGuard guard = new OwnershipGuard(OWNER, TxtNameMapper.defaults());
        return new PlanExecutor(provider, keeper, index -> new PlanCompiler(index, DomainFilter.ALL, guard,
                new EndpointMapper(true), Limits.ROUTE53), dryRun, ApplierMetrics.noop());
    }

    ApplyResult run(PlanExecutor executor, ChangePlan plan) throws Exception {
        Future<ApplyResult> f = Future.future(p -> vertx.runOnContext(v -> executor.execute(plan, 1L).onComplete(p)));
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static ChangePlan creates(List<Endpoint> endpoints) {
        return new ChangePlan("p1", "example.com", 1L, 1L, endpoints, List.of(), List.of(), List.of(), List.of());
    }

    static List<Endpoint> hosts(int n, int poisonAt) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Endpoint.of(String.format("h%03d.example.com", i), "A", i == poisonAt ? "poison" : "10.0.0.1"));
        }
        return out;
    }

    static Endpoint txtFor(String name) {
        return new Endpoint("a-" + name, "TXT", List.of(TxtRecordFormat.value(Map.of("owner", OWNER))), 0, null, Map.of(),
                Map.of(Labels.OWNED_RECORD, name));
    }

    long count(ApplyResult r, ChangeOutcome.Status s) {
        return r.outcomes().stream().filter(o -> o.status() == s).count();
    }

    @Test
    void mergedPlansShareCallsAndEachGetsItsOwnOutcomes() throws Exception {
        List<ChangePlan> plans = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "m" + i + ".example.com";
            plans.add(new ChangePlan("p" + i, "example.com", 1L, 1L, List.of(Endpoint.of(name, "A",
                    i == 7 ? "poison" : "10.0.0.1"), txtFor(name)), List.of(), List.of(), List.of(), List.of()));
        }
        MergedPlan merged = PlanMerger.prefix(plans, 50, 5000);
        PlanExecutor executor = executor(false);
        Future<List<ApplyResult>> f = Future.future(p -> vertx.runOnContext(v -> executor.execute(merged, 1L, () -> false)
                .onComplete(p)));
        List<ApplyResult> results = f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(results).extracting(ApplyResult::planId).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6",
                "p7", "p8", "p9");
        for (int i = 0; i < 10; i++) {
            String name = "m" + i + ".example.com";
            assertThat(results.get(i).outcomes()).extracting(ChangeOutcome::dnsName)
                    .containsExactlyInAnyOrder(name, "a-" + name);
            assertThat(results.get(i).status()).isEqualTo(i == 7 ? ApplyResult.Status.FAILED : ApplyResult.Status.APPLIED);
        }
        // one batch for all ten, refused for m7's group, which is taken out by bisection; far fewer than 10 calls
        assertThat(provider.applyCalls.get()).isLessThan(10);
        assertThat(provider.zones.get(zone)).hasSize(18);
    }

    @Test
    void aPoisonChangeInABatchOf500IsIsolatedByBisection() throws Exception {
        ApplyResult r = run(executor(false), creates(hosts(500, 137)));
        assertThat(r.status()).isEqualTo(ApplyResult.Status.PARTIAL);
        assertThat(count(r, ChangeOutcome.Status.APPLIED)).isEqualTo(499);
        assertThat(r.outcomes()).filteredOn(o -> o.status() == ChangeOutcome.Status.REJECTED).singleElement()
                .satisfies(o -> {
                    assertThat(o.dnsName()).isEqualTo("h137.example.com");
                    assertThat(o.message()).contains("ARRDATAIllegalIPv4Address");
                });
        assertThat(provider.zones.get(zone)).hasSize(499);
        // 1 + about two calls per halving (log2 500 ≈ 9) instead of 500 one-by-one
        assertThat(provider.applyCalls.get()).isBetween(10, 25);
        assertThat(r.attempts()).isGreaterThanOrEqualTo(provider.applyCalls.get());
    }

    @Test
    void aNamedRejectionTakesOutOnlyItsGroupAndPublishesTheTruth() throws Exception {
        RecordSet theirs = new RecordSet("h003.example.com", "A", 300, List.of("192.0.2.9"), null, null, null);
        keeper.ensureLoaded(List.of(zone)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        provider.put(zone, theirs); // made after our listing: the create is sent and refused
        List<Endpoint> plan = new ArrayList<>();
        for (Endpoint e : hosts(10, -1)) {
            plan.add(e);
            plan.add(txtFor(e.dnsName()));
        }
        ApplyResult r = run(executor(false), creates(plan));
        // refused with its group; the re-read shows a record that is not ours: skipped as not owned
        assertThat(r.outcomes()).filteredOn(o -> o.status() == ChangeOutcome.Status.SKIPPED)
                .extracting(ChangeOutcome::dnsName).containsExactlyInAnyOrder("h003.example.com", "a-h003.example.com");
        assertThat(count(r, ChangeOutcome.Status.APPLIED)).isEqualTo(18);
        assertThat(provider.zones.get(zone).get(theirs.key())).as("never overwritten").isEqualTo(theirs);
        assertThat(provider.applyCalls.get()).isEqualTo(2);
        assertThat(published()).contains("example.com|Z1/h003.example.com/A/");
    }

    @Test
    void aReplayedPlanIsAlreadyDone() throws Exception {
        ChangePlan plan = creates(List.of(Endpoint.of("www.example.com", "A", "10.0.0.1"), txtFor("www.example.com")));
        assertThat(run(executor(false), plan).status()).isEqualTo(ApplyResult.Status.APPLIED);
        int calls = provider.applyCalls.get();
        ApplyResult again = run(executor(false), plan);
        assertThat(again.status()).isEqualTo(ApplyResult.Status.NOTHING_TO_DO);
        assertThat(again.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(ChangeOutcome.Status.ALREADY_DONE));
        assertThat(provider.applyCalls.get()).isEqualTo(calls);
    }

    @Test
    void aReplayWhoseFirstRunLandedUnseenEndsAlreadyDone() throws Exception {
        // another applier's batch landed after our listing: we create again, Route 53 refuses, the re-read shows ours
        keeper.ensureLoaded(List.of(zone)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        provider.put(zone, new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), null, null, null));
        provider.put(zone, new RecordSet("a-www.example.com", "TXT", 300, List.of(TxtRecordFormat.value(Map.of("owner", OWNER))),
                null, null, null));
        ApplyResult r = run(executor(false), creates(List.of(Endpoint.of("www.example.com", "A", "10.0.0.1"),
                txtFor("www.example.com"))));
        assertThat(r.outcomes()).hasSize(2)
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(ChangeOutcome.Status.ALREADY_DONE));
    }

    @Test
    void anEqualRecordMadeByHandAfterOurListingIsNotAdoptedWhenRouteRefusesTheCreate() throws Exception {
        keeper.ensureLoaded(List.of(zone)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        RecordSet byHand = new RecordSet("www.example.com", "A", 300, List.of("10.0.0.1"), null, null, null);
        provider.put(zone, byHand);
        ApplyResult r = run(executor(false), creates(List.of(Endpoint.of("www.example.com", "A", "10.0.0.1"),
                txtFor("www.example.com"))));
        assertThat(r.outcomes()).hasSize(2).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(ChangeOutcome.Status.SKIPPED);
            assertThat(o.message()).contains("no ownership TXT");
        });
        assertThat(provider.zones.get(zone)).as("no TXT of ours was written beside it").containsOnlyKeys(byHand.key());
    }

    @Test
    void aDeleteOfASetThatVanishedCountsAsDoneAndItsTxtGoesToo() throws Exception {
        RecordSet a = new RecordSet("old.example.com", "A", 300, List.of("10.0.0.1"), null, null, null);
        RecordSet txt = new RecordSet("a-old.example.com", "TXT", 300, List.of(TxtRecordFormat.value(Map.of("owner", OWNER))),
                null, null, null);
        provider.put(zone, a);
        provider.put(zone, txt);
        keeper.ensureLoaded(List.of(zone)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        provider.zones.get(zone).remove(a.key()); // deleted by hand after our listing
        ChangePlan plan = new ChangePlan("p2", "example.com", 1L, 0L, List.of(), List.of(), List.of(),
                List.of(Endpoint.of("old.example.com", "A", "10.0.0.1"), txtFor("old.example.com")), List.of());
        ApplyResult r = run(executor(false), plan);
        assertThat(r.outcomes()).extracting(ChangeOutcome::dnsName, ChangeOutcome::status).containsExactlyInAnyOrder(
                Tuple.tuple("old.example.com", ChangeOutcome.Status.ALREADY_DONE),
                Tuple.tuple("a-old.example.com", ChangeOutcome.Status.APPLIED));
        assertThat(provider.zones.get(zone)).isEmpty();
        assertThat(r.endToEndMillis()).as("no source event time: unknown").isEqualTo(-1);
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        ApplyResult r = run(executor(true), creates(hosts(5, -1)));
        assertThat(r.status()).isEqualTo(ApplyResult.Status.DRY_RUN);
        assertThat(r.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(ChangeOutcome.Status.DRY_RUN));
        assertThat(provider.applyCalls.get()).isZero();
        assertThat(provider.zones.get(zone)).isEmpty();
    }

    @Test
    void persistentProviderTroubleFailsTheChangesButAnswersThePlan() throws Exception {
        provider.failWith = ProviderException.of(ProviderException.Kind.TRANSIENT, "ServiceUnavailable", "down");
        ApplyResult r = run(executor(false), creates(hosts(3, -1)));
        assertThat(r.status()).isEqualTo(ApplyResult.Status.FAILED);
        assertThat(r.outcomes()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(ChangeOutcome.Status.FAILED);
            assertThat(o.message()).contains("ServiceUnavailable");
        });
        provider.failWith = ProviderException.of(ProviderException.Kind.CIRCUIT_OPEN, "CircuitOpen", "open");
        assertThat(run(executor(false), creates(hosts(3, -1))).outcomes())
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(ChangeOutcome.Status.SKIPPED));
    }

    @Test
    void appliedChangesArePublishedToZoneState() throws Exception {
        ApplyResult r = run(executor(false), creates(List.of(Endpoint.of("www.example.com", "A", "10.0.0.1"))));
        assertThat(r.changeIds()).hasSize(1);
        assertThat(r.endToEndMillis()).isGreaterThanOrEqualTo(0);
        assertThat(published()).containsExactly("example.com|Z1/www.example.com/A/");
    }

    @Test
    void aFailureAfterAPartialSuccessGivesEachChangeExactlyOneOutcome() throws Exception {
        provider.throwOnCall = 2;
        OwnershipGuard guard = new OwnershipGuard(OWNER, TxtNameMapper.defaults());
        PlanExecutor oneChangePerBatch = new PlanExecutor(provider, keeper, index -> new PlanCompiler(index,
                DomainFilter.ALL, guard, new EndpointMapper(true), new Limits(1, 32_000, 1000)), false, ApplierMetrics.noop());
        ApplyResult r = run(oneChangePerBatch, creates(hosts(3, -1)));
        assertThat(r.outcomes()).extracting(ChangeOutcome::dnsName, ChangeOutcome::status).containsExactly(
                Tuple.tuple("h000.example.com", ChangeOutcome.Status.APPLIED),
                Tuple.tuple("h001.example.com", ChangeOutcome.Status.FAILED),
                Tuple.tuple("h002.example.com", ChangeOutcome.Status.FAILED));
        assertThat(r.outcomes()).filteredOn(o -> o.status() == ChangeOutcome.Status.FAILED)
                .allSatisfy(o -> assertThat(o.message()).contains("boom"));
        assertThat(r.status()).isEqualTo(ApplyResult.Status.PARTIAL);
        assertThat(provider.zones.get(zone)).hasSize(1);
    }

    @Test
    void theNextCallDoesNotWaitForZoneStateAcksButTheResultDoes() throws Exception {
        MockProducer<String, byte[]> slow = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        ShardResolver shards = new ShardResolver(List.of());
        keeper = new ZoneStateKeeper(vertx, provider, new ZoneCatalog(provider, new ZoneSelection("", null, DomainFilter.ALL)),
                new ZoneCache(), new ZoneStatePublisher(KafkaProducer.create(vertx, slow), shards, 6, ApplierMetrics.noop()),
                null, shards, DomainFilter.ALL, ApplierMetrics.noop(), null);
        OwnershipGuard guard = new OwnershipGuard(OWNER, TxtNameMapper.defaults());
        PlanExecutor oneChangePerBatch = new PlanExecutor(provider, keeper, index -> new PlanCompiler(index,
                DomainFilter.ALL, guard, new EndpointMapper(true), new Limits(1, 32_000, 1000)), false, ApplierMetrics.noop());
        ChangePlan plan = creates(hosts(3, -1));
        Future<ApplyResult> f = Future.future(p -> vertx.runOnContext(v -> oneChangePerBatch.execute(plan, 1L).onComplete(p)));

        await(() -> provider.applyCalls.get() == 3);
        await(() -> slow.history().size() == 3);
        assertThat(f.isComplete()).as("no result before Kafka acknowledged the zone-state it describes").isFalse();
        while (slow.completeNext()) {
            // the three batches' zone-state records
        }
        ApplyResult r = f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(r.changeIds()).hasSize(3);
    }

    @Test
    void aZoneStatePublishThatFailsAfterTheWriteIsRepublishedFromTheView() throws Exception {
        MockProducer<String, byte[]> flaky = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        ShardResolver shards = new ShardResolver(List.of());
        keeper = new ZoneStateKeeper(vertx, provider, new ZoneCatalog(provider, new ZoneSelection("", null, DomainFilter.ALL)),
                new ZoneCache(), new ZoneStatePublisher(KafkaProducer.create(vertx, flaky), shards, 6, ApplierMetrics.noop()),
                null, shards, DomainFilter.ALL, ApplierMetrics.noop(), null);
        RecordSet old = new RecordSet("old.example.com", "A", 300, List.of("10.0.0.9"), null, null, null);
        provider.put(zone, old);
        provider.put(zone, new RecordSet("a-old.example.com", "TXT", 300, List.of(TxtRecordFormat.value(Map.of("owner", OWNER))),
                null, null, null));
        PlanExecutor executor = executor(false);
        ChangePlan plan = new ChangePlan("p3", "example.com", 1L, 1L, List.of(Endpoint.of("www.example.com", "A", "10.0.0.1")),
                List.of(), List.of(), List.of(Endpoint.of("old.example.com", "A", "10.0.0.9")), List.of());
        Future<ApplyResult> f = Future.future(p -> vertx.runOnContext(v -> executor.execute(plan, 1L).onComplete(p)));
        // (no partition is assigned here, so the zone's first listing publishes nothing) the write's publication fails
        await(() -> flaky.history().size() >= 2);
        while (flaky.errorNext(new TimeoutException("broker down"))) {
            // the write's record and tombstone
        }
        await(() -> keeper.unpublished() == 2);
        // the repair republishes from the view after a backoff; the result waits for it
        await(() -> flaky.history().size() >= 4);
        assertThat(f.isComplete()).as("no result before the zone-state it describes").isFalse();
        while (flaky.completeNext()) {
            // the republished record and tombstone
        }
        ApplyResult r = f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(r.status()).as("Route 53 took the write: applied, not failed").isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(r.outcomes()).hasSize(2);
        assertThat(keeper.unpublished()).isZero();
        List<ProducerRecord<String, byte[]>> again = flaky.history().subList(2, 4);
        assertThat(again).extracting(ProducerRecord::key).containsExactlyInAnyOrder("example.com|Z1/www.example.com/A/",
                "example.com|Z1/old.example.com/A/");
        assertThat(again).filteredOn(rec -> rec.key().contains("old.")).singleElement()
                .satisfies(rec -> assertThat(rec.value()).as("tombstone").isNull());
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Eventually.until("the condition", Duration.ofSeconds(20), condition);
    }

    List<String> published() {
        return mock.history().stream().map(ProducerRecord::key).toList();
    }
}
