package io.streamdns.planner;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Coalesces touched names per shard: a shard fires once its names have been quiet for {@code quiet}, or at the
 * latest {@code max} after the first of them was touched, so a burst becomes one plan per shard. Vert.x timers,
 * event-loop only.
 */
final class Debouncer {
    /** The names to plan and the earliest source event among the touches (0: none, e.g. zone state only). */
    record Batch(Set<String> names, long earliestEventAt) {
    }

    private static final class Pending {
        final Set<String> names = new HashSet<>();
        final long firstAt;
        long earliestEventAt;
        long timer = -1;

        Pending(long firstAt) {
            this.firstAt = firstAt;
        }
    }

    private final Vertx vertx;
    private final long quietMs;
    private final long maxMs;
    private final Consumer<String> onFire;
    private final Counter coalesced;
    private final LongSupplier clock;
    private final Map<String, Pending> pending = new HashMap<>();

    Debouncer(Vertx vertx, long quietMs, long maxMs, Consumer<String> onFire, Counter coalesced, LongSupplier clock) {
        this.vertx = vertx;
        this.quietMs = quietMs;
        this.maxMs = maxMs;
        this.onFire = onFire;
        this.coalesced = coalesced;
        this.clock = clock;
    }

    /** @param eventAt epoch millis of the source event behind the touch, 0 when there is none */
    void touch(String shard, Collection<String> names, long eventAt) {
        if (names.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        Pending p = pending.computeIfAbsent(shard, k -> new Pending(now));
        for (String n : names) {
            if (!p.names.add(n)) {
                coalesced.increment();
            }
        }
        if (eventAt > 0 && (p.earliestEventAt == 0 || eventAt < p.earliestEventAt)) {
            p.earliestEventAt = eventAt;
        }
        long delay = Math.max(1, Math.min(quietMs, p.firstAt + maxMs - now));
        if (p.timer >= 0) {
            vertx.cancelTimer(p.timer);
        }
        p.timer = vertx.setTimer(delay, id -> {
            Pending current = pending.get(shard);
            if (current != null && current.timer == id) {
                onFire.accept(shard);
            }
        });
    }

    /** Takes the shard's pending names (the caller plans them), or null. */
    Batch take(String shard) {
        Pending p = pending.remove(shard);
        if (p == null) {
            return null;
        }
        if (p.timer >= 0) {
            vertx.cancelTimer(p.timer);
        }
        return new Batch(p.names, p.earliestEventAt);
    }

    void cancel(String shard) {
        take(shard);
    }

    boolean isPending(String shard) {
        return pending.containsKey(shard);
    }
}
