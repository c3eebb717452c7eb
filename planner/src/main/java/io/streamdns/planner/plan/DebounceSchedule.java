package io.streamdns.planner.plan;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The debounce of one shard, per name and driven by the caller's clock (pure: no timers). A touched name is due at
 * {@code min(lastTouch + quiet, firstTouch + max)}: a busy shard whose names each change now and then no longer waits
 * for the whole shard to fall quiet, only for each name to. The shard fires when its earliest name is due
 * ({@link #nextDueAt()}); {@link #due(long)} then takes every name due by {@code now + slack} as one batch and leaves
 * the rest pending.
 */
public final class DebounceSchedule {
    /** The names to plan and the earliest source event among their touches (0: none, e.g. zone state only). */
    public record Batch(Set<String> names, long earliestEventAt) {
    }

    private static final class Pending {
        final long firstAt;
        long dueAt;
        long earliestEventAt;

        Pending(long firstAt) {
            this.firstAt = firstAt;
        }
    }

    private record Due(long at, String name) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : name.compareTo(o.name);
        }
    }

    private final long quietMs;
    private final long maxMs;
    private final long slackMs;
    private final Map<String, Pending> pending = new HashMap<>();
    private final TreeSet<Due> queue = new TreeSet<>();

    /**
     * The coalescing slack for a quiet window: names due within it of the firing one join its plan. It bounds a busy
     * shard to about one plan per slack (20/s at the default 200 ms) instead of one per touched name, while every
     * name still waits at least 3/4 of its quiet window (a name is taken early, never late, so the slack adds no
     * latency); 50 ms at most, so a long quiet window does not make names jump far ahead of their own quiet time.
     */
    public static long slackFor(long quietMs) {
        return Math.min(quietMs / 4, 50);
    }

    public DebounceSchedule(long quietMs, long maxMs) {
        this(quietMs, maxMs, slackFor(quietMs));
    }

    public DebounceSchedule(long quietMs, long maxMs, long slackMs) {
        if (quietMs < 0 || maxMs < 0 || slackMs < 0) {
            throw new IllegalArgumentException("debounce times must not be negative: " + quietMs + "/" + maxMs + "/"
                    + slackMs);
        }
        this.quietMs = quietMs;
        this.maxMs = maxMs;
        this.slackMs = slackMs;
    }

    /**
     * Touches names at {@code now}.
     *
     * @param eventAt epoch millis of the source event behind the touch, 0 when there is none
     * @return how many of the names were pending already (coalesced into their pending plan)
     */
    public int touch(long now, Collection<String> names, long eventAt) {
        int coalesced = 0;
        for (String name : names) {
            Pending p = pending.get(name);
            if (p == null) {
                p = new Pending(now);
                pending.put(name, p);
                p.dueAt = now + Math.min(quietMs, maxMs);
                queue.add(new Due(p.dueAt, name));
            } else {
                coalesced++;
                long dueAt = Math.min(now + quietMs, p.firstAt + maxMs);
                if (dueAt != p.dueAt) {
                    queue.remove(new Due(p.dueAt, name));
                    p.dueAt = dueAt;
                    queue.add(new Due(dueAt, name));
                }
            }
            if (eventAt > 0 && (p.earliestEventAt == 0 || eventAt < p.earliestEventAt)) {
                p.earliestEventAt = eventAt;
            }
        }
        return coalesced;
    }

    /** True when a name is due at {@code now} (the earliest, with the slack). */
    public boolean hasDue(long now) {
        return !queue.isEmpty() && queue.first().at() <= now + slackMs;
    }

    /** Takes the names due by {@code now + slack}; an empty batch when none is. */
    public Batch due(long now) {
        Set<String> names = new HashSet<>();
        long earliest = 0;
        while (hasDue(now)) {
            Due d = queue.pollFirst();
            Pending p = pending.remove(d.name());
            names.add(d.name());
            if (p.earliestEventAt > 0 && (earliest == 0 || p.earliestEventAt < earliest)) {
                earliest = p.earliestEventAt;
            }
        }
        return new Batch(names, earliest);
    }

    /** When the earliest pending name is due, {@link Long#MAX_VALUE} when none is pending. */
    public long nextDueAt() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.first().at();
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    public int size() {
        return pending.size();
    }

    /** Drops every pending name (the shard was revoked). */
    public void clear() {
        pending.clear();
        queue.clear();
    }
}
