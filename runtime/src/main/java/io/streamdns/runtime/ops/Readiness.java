package io.streamdns.runtime.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Named readiness checks of a process (informers synced, partitions restored, zones discovered). */
public final class Readiness {
    private final Map<String, Boolean> checks = new ConcurrentHashMap<>();
    private final Map<String, String> details = new ConcurrentHashMap<>();

    /** Declares a check, not ready yet. */
    public void register(String name) {
        checks.putIfAbsent(name, false);
    }

    public void set(String name, boolean ready) {
        checks.put(name, ready);
    }

    public boolean isReady() {
        return !checks.isEmpty() && checks.values().stream().allMatch(Boolean::booleanValue);
    }

    public Map<String, Boolean> snapshot() {
        return new TreeMap<>(checks);
    }

    /** Why a check is as it is (an outage, held deletes, a refusal), shown by /readyz; null clears it. */
    public void detail(String name, String text) {
        if (text == null) {
            details.remove(name);
        } else {
            details.put(name, text);
        }
    }

    public Map<String, String> details() {
        return new TreeMap<>(details);
    }
}
