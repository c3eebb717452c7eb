package io.streamdns.planner;

import io.micrometer.core.instrument.Counter;
import io.streamdns.planner.plan.DebounceSchedule;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Vert.x timers around one {@link DebounceSchedule} per shard: each touched name waits for its own quiet window
 * (bounded by the maximum); when a shard's earliest name is due, {@code onFire} gets the shard and
 * {@link #take(String)} hands over every name due by then as one batch. One timer per shard, armed for the
 * earliest due name. Event-loop only.
 */
final class Debouncer {
    private static final class Shard {
        final DebounceSchedule schedule;
        long timer = -1;
        long armedFor = Long.MAX_VALUE;

        Shard(DebounceSchedule schedule) {
            this.schedule = schedule;
        }
    }

    private final Vertx vertx;
    private final long quietMs;
    private final long maxMs;
    private final Consumer<String> onFire;
    private final Counter coalesced;
    private final LongSupplier clock;
    private final Map<String, Shard> shards = new HashMap<>();

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
        Shard s = shards.computeIfAbsent(shard, k -> new Shard(new DebounceSchedule(quietMs, maxMs)));
        long now = clock.getAsLong();
        int n = s.schedule.touch(now, names, eventAt);
        if (n > 0) {
            coalesced.increment(n);
        }
        arm(shard, s, now);
    }

    /** Takes the shard's names due now (the caller plans them; the rest stay pending), or null when none is. */
    DebounceSchedule.Batch take(String shard) {
        Shard s = shards.get(shard);
        if (s == null) {
            return null;
        }
        long now = clock.getAsLong();
        DebounceSchedule.Batch batch = s.schedule.due(now);
        arm(shard, s, now);
        return batch.names().isEmpty() ? null : batch;
    }

    void cancel(String shard) {
        Shard s = shards.remove(shard);
        if (s != null && s.timer >= 0) {
            vertx.cancelTimer(s.timer);
        }
    }

    boolean isPending(String shard) {
        return shards.containsKey(shard);
    }

    /** Keeps one timer per shard for its earliest due name; an earlier timer is kept (it re-arms when it fires). */
    private void arm(String shard, Shard s, long now) {
        long next = s.schedule.nextDueAt();
        if (next == Long.MAX_VALUE) {
            cancel(shard);
            return;
        }
        if (s.timer >= 0 && s.armedFor <= next) {
            return;
        }
        if (s.timer >= 0) {
            vertx.cancelTimer(s.timer);
        }
        s.armedFor = next;
        s.timer = vertx.setTimer(Math.max(1, next - now), id -> {
            if (shards.get(shard) != s || s.timer != id) {
                return;
            }
            s.timer = -1;
            s.armedFor = Long.MAX_VALUE;
            if (s.schedule.hasDue(clock.getAsLong())) {
                onFire.accept(shard); // calls take(), which re-arms for the names left
            }
            if (shards.get(shard) == s && s.timer < 0) {
                arm(shard, s, clock.getAsLong());
            }
        });
    }
}
