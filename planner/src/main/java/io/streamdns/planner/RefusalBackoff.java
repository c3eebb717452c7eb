package io.streamdns.planner;

import io.streamdns.runtime.Backoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Names whose changes the provider refused are planned again only after a growing pause (min, 2×min, ... up to
 * max, ±20 %: {@link Backoff}), so a change that keeps being rejected does not loop hot; an accepted change resets
 * the name.
 */
final class RefusalBackoff {
    private record State(int attempts, long until) {
    }

    private final Backoff backoff;
    private final Map<String, State> byKey = new HashMap<>();

    RefusalBackoff(long minMs, long maxMs) {
        this.backoff = Backoff.of(Duration.ofMillis(minMs), Duration.ofMillis(maxMs));
    }

    /** Records a refusal. @return milliseconds until the name may be planned again */
    long reject(String shard, String name, long now) {
        State s = byKey.get(key(shard, name));
        int attempts = s == null ? 1 : s.attempts() + 1;
        long delay = backoff.delayMillis(attempts);
        byKey.put(key(shard, name), new State(attempts, now + delay));
        return delay;
    }

    /** Milliseconds the name must still wait, 0 when it may be planned. */
    long waitFor(String shard, String name, long now) {
        State s = byKey.get(key(shard, name));
        return s == null ? 0 : Math.max(0, s.until() - now);
    }

    void accepted(String shard, String name) {
        byKey.remove(key(shard, name));
    }

    void dropShard(String shard) {
        byKey.keySet().removeIf(k -> k.startsWith(shard + "|"));
    }

    int size() {
        return byKey.size();
    }

    private static String key(String shard, String name) {
        return shard + "|" + name;
    }
}
