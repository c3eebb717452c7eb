package io.streamdns.bench.fault;

import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.store.Change;
import io.streamdns.sandbox.route53.store.RecordSet;
import io.streamdns.sandbox.route53.store.ZoneStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a fault run expects of the zones, and what they did: names that must hold a value (an A record and its
 * ownership TXT), names that must be gone, foreign records that must stay untouched. A sampler thread reads the
 * emulator every 200 ms and keeps the longest stall: the longest time a zone had unmet expectations without any of
 * them being met. At the end, the emulator's journal of accepted changes gives duplicates and foreign writes.
 */
public final class ZoneWatch implements AutoCloseable {
    private final Route53Emulator route53;
    private final Map<String, String> zoneIds;
    /** name → wanted A value (null: the name must not exist), per zone. */
    private final Map<String, Map<String, String>> wanted = new ConcurrentHashMap<>();
    private final Set<String> foreign = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastProgress = new HashMap<>();
    private final Map<String, Integer> lastMet = new HashMap<>();
    private volatile long longestStallMs;
    private volatile String longestStallZone = "";
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile int journalStart;

    public ZoneWatch(Route53Emulator route53, Map<String, String> zoneIdsByName) {
        this.route53 = route53;
        this.zoneIds = Map.copyOf(zoneIdsByName);
        zoneIds.keySet().forEach(z -> wanted.put(z, new ConcurrentHashMap<>()));
        sampler = new Thread(this::sample, "zone-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    public void want(String zone, String name, String ipv4) {
        wanted.get(zone).put(name, ipv4);
    }

    public void wantGone(String zone, String name) {
        wanted.get(zone).put(name, "");
    }

    public void foreign(String name) {
        foreign.add(name);
    }

    /** Counts writes from now on (after seeding the zones). */
    public void startCounting() {
        journalStart = route53.store().journal().size();
    }

    /** Expectations not met now (a missing or wrong record, a record that should be gone, a missing TXT). */
    public int unmet() {
        int n = 0;
        for (String zone : zoneIds.keySet()) {
            n += unmet(zone, route53.records(zoneIds.get(zone)));
        }
        return n;
    }

    private int unmet(String zone, List<RecordSet> records) {
        Map<String, String> a = new HashMap<>();
        Set<String> txt = new HashSet<>();
        for (RecordSet r : records) {
            String name = r.name().endsWith(".") ? r.name().substring(0, r.name().length() - 1) : r.name();
            if (r.type().equals("A") && r.values() != null && !r.values().isEmpty()) {
                a.put(name, r.values().get(0));
            } else if (r.type().equals("TXT")) {
                txt.add(name);
            }
        }
        int n = 0;
        for (Map.Entry<String, String> e : wanted.get(zone).entrySet()) {
            boolean gone = e.getValue().isEmpty();
            boolean met = gone ? !a.containsKey(e.getKey()) && !txt.contains("a-" + e.getKey())
                    : e.getValue().equals(a.get(e.getKey())) && txt.contains("a-" + e.getKey());
            if (!met) {
                n++;
            }
        }
        return n;
    }

    private void sample() {
        while (running) {
            long now = System.currentTimeMillis();
            for (String zone : zoneIds.keySet()) {
                int unmet;
                try {
                    unmet = unmet(zone, route53.records(zoneIds.get(zone)));
                } catch (RuntimeException e) {
                    continue;
                }
                int met = wanted.get(zone).size() - unmet;
                if (unmet == 0 || met > lastMet.getOrDefault(zone, -1)) {
                    lastProgress.put(zone, now);
                }
                lastMet.put(zone, met);
                long stall = now - lastProgress.getOrDefault(zone, now);
                if (stall > longestStallMs) {
                    longestStallMs = stall;
                    longestStallZone = zone;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    /** Resets the stall measure (e.g. after the set-up burst of a case whose fault comes later). */
    public synchronized void resetStall() {
        longestStallMs = 0;
        lastProgress.replaceAll((z, t) -> System.currentTimeMillis());
    }

    public long longestStallMs() {
        return longestStallMs;
    }

    public String longestStallZone() {
        return longestStallZone;
    }

    /** Counts from the emulator's journal of accepted changes. */
    public record Writes(long total, long duplicates, long foreignTouched) {
    }

    /**
     * Duplicates: accepted changes to expected names beyond the fewest that reach the final state (1 for a record
     * that exists at the end, 2 for one created and deleted). Foreign: accepted changes to a foreign record.
     */
    public Writes writes() {
        List<ZoneStore.JournalEntry> all = route53.store().journal();
        List<ZoneStore.JournalEntry> journal = all.subList(Math.min(journalStart, all.size()), all.size());
        Map<String, Integer> perRecord = new HashMap<>();
        Map<String, Boolean> deleted = new HashMap<>();
        long foreignTouched = 0;
        for (ZoneStore.JournalEntry e : journal) {
            String name = e.set().name().endsWith(".") ? e.set().name().substring(0, e.set().name().length() - 1)
                    : e.set().name();
            String owned = name.startsWith("a-") ? name.substring(2) : name;
            if (foreign.contains(name)) {
                foreignTouched++;
                continue;
            }
            if (wantedAnywhere(owned)) {
                String key = name + "/" + e.set().type();
                perRecord.merge(key, 1, Integer::sum);
                if (e.action() == Change.Action.DELETE) {
                    deleted.put(key, true);
                }
            }
        }
        long duplicates = 0;
        for (Map.Entry<String, Integer> e : perRecord.entrySet()) {
            int fewest = deleted.getOrDefault(e.getKey(), false) ? 2 : 1;
            duplicates += Math.max(0, e.getValue() - fewest);
        }
        return new Writes(journal.size(), duplicates, foreignTouched);
    }

    private boolean wantedAnywhere(String name) {
        for (Map<String, String> z : wanted.values()) {
            if (z.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
