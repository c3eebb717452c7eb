package io.streamdns.applier.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.streamdns.applier.metrics.ApplierMetrics;
import io.streamdns.applier.provider.CallStats;
import io.streamdns.applier.provider.ProviderException.Kind;
import io.streamdns.applier.provider.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(VertxExtension.class)
class ResilientGateTest {
    static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(10));

    static ProviderException fail(Kind kind) {
        return ProviderException.of(kind, kind.name(), "injected " + kind);
    }

    /** Answers from a script: a ProviderException fails the attempt, anything else succeeds. */
    static final class Script {
        final Deque<Object> answers;
        final AtomicInteger calls = new AtomicInteger();

        Script(Object... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        Future<String> next() {
            calls.incrementAndGet();
            Object a = answers.isEmpty() ? "ok" : answers.poll();
            return a instanceof ProviderException pe ? Future.failedFuture(pe) : Future.succeededFuture((String) a);
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    static Throwable awaitFailure(Future<?> f) throws Exception {
        try {
            await(f);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    static Stream<Arguments> retries() {
        return Stream.of(
                Arguments.of("two throttles then success", new Object[] {fail(Kind.THROTTLED), fail(Kind.THROTTLED), "ok"}, 3, "ok", null),
                Arguments.of("PriorRequestNotComplete is retried", new Object[] {fail(Kind.BUSY), "ok"}, 2, "ok", null),
                Arguments.of("5xx and timeouts are retried", new Object[] {fail(Kind.TRANSIENT), fail(Kind.TRANSIENT), "ok"}, 3, "ok", null),
                Arguments.of("retries end after maxAttempts", new Object[] {fail(Kind.TRANSIENT), fail(Kind.TRANSIENT),
                        fail(Kind.TRANSIENT), fail(Kind.TRANSIENT), "ok"}, 4, null, Kind.TRANSIENT),
                Arguments.of("a rejected batch is not retried", new Object[] {fail(Kind.REJECTED), "ok"}, 1, null, Kind.REJECTED),
                Arguments.of("access denied is not retried", new Object[] {fail(Kind.FATAL), "ok"}, 1, null, Kind.FATAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retries")
    void retriesOnlyWhatIsRetryable(String title, Object[] answers, int attempts, String value, Kind failure, Vertx vertx)
            throws Exception {
        ApplierMetrics metrics = ApplierMetrics.noop();
        ResilientGate gate = new ResilientGate(vertx, new AimdRateLimiter(vertx, 1000), FAST,
                new ZoneCircuits(Duration.ofSeconds(30), metrics), metrics);
        Script script = new Script(answers);
        CallStats stats = new CallStats();
        Future<String> f = gate.call("Op", "Z1", script::next, stats);
        if (failure == null) {
            assertThat(await(f)).isEqualTo(value);
        } else {
            assertThat(awaitFailure(f)).isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(failure));
        }
        assertThat(script.calls.get()).isEqualTo(attempts);
        assertThat(stats.attempts()).isEqualTo(attempts);
        assertThat(stats.retries()).isEqualTo(attempts - 1);
        assertThat(metrics.registry().counter("streamdns.applier.retries", "operation", "Op").count()).isEqualTo(attempts - 1);
    }

    @Test
    void throttlesSlowTheLimiterDownAndSuccessSpeedsItUp(Vertx vertx) throws Exception {
        ApplierMetrics metrics = ApplierMetrics.noop();
        AimdRateLimiter limiter = new AimdRateLimiter(vertx, 1000);
        ResilientGate gate = new ResilientGate(vertx, limiter, FAST, new ZoneCircuits(Duration.ofSeconds(30), metrics), metrics);
        CallStats stats = new CallStats();
        await(gate.call("Op", "Z1", new Script(fail(Kind.THROTTLED), "ok")::next, stats));
        assertThat(stats.throttles()).isEqualTo(1);
        assertThat(metrics.registry().counter("streamdns.applier.throttles", "operation", "Op").count()).isEqualTo(1);
        // one halving, then one additive step back up
        assertThat(limiter.rate()).isEqualTo(500 + 100);
    }

    @Test
    void aZoneCircuitOpensOnPersistentFailureAndProbesHalfOpen(Vertx vertx) throws Exception {
        ApplierMetrics metrics = ApplierMetrics.noop();
        ZoneCircuits circuits = new ZoneCircuits(Duration.ofMillis(200), metrics);
        RetryPolicy once = new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1));
        ResilientGate gate = new ResilientGate(vertx, new AimdRateLimiter(vertx, 1000), once, circuits, metrics);
        Script down = new Script(fail(Kind.TRANSIENT), fail(Kind.TRANSIENT), fail(Kind.TRANSIENT));
        for (int i = 0; i < 3; i++) {
            awaitFailure(gate.call("Op", "Z1", down::next, new CallStats()));
        }
        assertThat(circuits.state("Z1")).isEqualTo(CircuitBreaker.State.OPEN);
        Throwable refused = awaitFailure(gate.call("Op", "Z1", down::next, new CallStats()));
        assertThat(refused).isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CIRCUIT_OPEN));
        assertThat(down.calls.get()).as("an open circuit sends nothing").isEqualTo(3);
        // other zones are unaffected
        assertThat(await(gate.call("Op", "Z2", new Script("ok")::next, new CallStats()))).isEqualTo("ok");
        // after the wait one probe goes through and closes the circuit
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Script up = new Script("ok");
        while (true) {
            Future<String> f = gate.call("Op", "Z1", up::next, new CallStats());
            try {
                await(f);
                break;
            } catch (ExecutionException e) {
                assertThat(System.nanoTime()).as("circuit never half-opened").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        assertThat(circuits.state("Z1")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(metrics.registry().get("streamdns.applier.circuit.state").tag("zone", "Z1").gauge().value()).isZero();
    }

    @Test
    void aCancelledWorkMakesNoFurtherAttemptWhileThrottled(Vertx vertx) throws Exception {
        ApplierMetrics metrics = ApplierMetrics.noop();
        RetryPolicy many = new RetryPolicy(50, Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(5));
        ZoneCircuits circuits = new ZoneCircuits(Duration.ofSeconds(30), metrics);
        ResilientGate gate = new ResilientGate(vertx, new AimdRateLimiter(vertx, 1000), many, circuits, metrics);
        AtomicBoolean revoked = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        CallStats stats = new CallStats(revoked::get);
        Future<String> f = gate.call("ChangeResourceRecordSets", "Z1", () -> {
            if (calls.incrementAndGet() == 3) {
                revoked.set(true); // the partition is revoked while this attempt is throttled
            }
            return Future.failedFuture(fail(Kind.THROTTLED));
        }, stats);
        Throwable cause = f.toCompletionStage().toCompletableFuture().handle((v, t) -> t).get(20, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(CancellationException.class);
        Thread.sleep(50);
        assertThat(calls.get()).as("no attempt after the revocation").isEqualTo(3);
        assertThat(stats.attempts()).isEqualTo(3);
        // the permission taken for the cancelled call is given back: the circuit is not held half-used
        assertThat(circuits.state("Z1")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(await(gate.call("Op", "Z1", new Script("ok")::next, new CallStats()))).isEqualTo("ok");
    }

    @Test
    void rejectedBatchesDoNotOpenTheCircuit(Vertx vertx) throws Exception {
        ApplierMetrics metrics = ApplierMetrics.noop();
        ZoneCircuits circuits = new ZoneCircuits(Duration.ofSeconds(30), metrics);
        ResilientGate gate = new ResilientGate(vertx, new AimdRateLimiter(vertx, 1000), FAST, circuits, metrics);
        for (int i = 0; i < 10; i++) {
            awaitFailure(gate.call("Op", "Z1", new Script(fail(Kind.REJECTED))::next, new CallStats()));
        }
        assertThat(circuits.state("Z1")).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
