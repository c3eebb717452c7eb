package io.streamdns.applier;

import io.streamdns.applier.batch.Change;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.provider.CallStats;
import io.streamdns.applier.provider.DnsProvider;
import io.streamdns.applier.provider.ProviderException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory provider with Route 53's batch semantics (atomic; CREATE of an existing set and DELETE of a missing
 * or different one refused with Route 53's messages; a value containing "poison" refused without naming the set).
 */
final class FakeDnsProvider implements DnsProvider {
    final Map<Zone, TreeMap<String, RecordSet>> zones = new HashMap<>();
    final AtomicInteger applyCalls = new AtomicInteger();
    final AtomicInteger listCalls = new AtomicInteger();
    ProviderException failWith;
    /** Throws (a bug, not a provider answer) on this apply call, counted from 1; 0: never. */
    int throwOnCall;

    Zone zone(String id, String name) {
        Zone z = new Zone(id, name, false);
        zones.put(z, new TreeMap<>());
        return z;
    }

    void put(Zone z, RecordSet s) {
        zones.get(z).put(s.key(), s);
    }

    @Override
    public Future<List<Zone>> zones(CallStats stats) {
        stats.attempt();
        return Future.succeededFuture(new ArrayList<>(zones.keySet()));
    }

    @Override
    public Future<List<RecordSet>> records(Zone zone, CallStats stats) {
        stats.attempt();
        listCalls.incrementAndGet();
        return Future.succeededFuture(new ArrayList<>(zones.get(zone).values()));
    }

    @Override
    public Future<List<RecordSet>> recordsAt(Zone zone, String name, CallStats stats) {
        stats.attempt();
        listCalls.incrementAndGet();
        return Future.succeededFuture(zones.get(zone).values().stream().filter(s -> s.name().equals(name)).toList());
    }

    @Override
    public Future<Accepted> apply(Zone zone, List<Change> changes, String comment, CallStats stats) {
        stats.attempt();
        if (applyCalls.incrementAndGet() == throwOnCall) {
            throw new IllegalStateException("boom on call " + throwOnCall);
        }
        if (failWith != null) {
            return Future.failedFuture(failWith);
        }
        TreeMap<String, RecordSet> copy = new TreeMap<>(zones.get(zone));
        List<String> problems = new ArrayList<>();
        for (Change c : changes) {
            RecordSet s = c.recordSet();
            String describe = "[name='" + s.name() + ".', type='" + s.type() + "']";
            if (s.values().stream().anyMatch(v -> v.contains("poison"))) {
                problems.add("Invalid Resource Record: FATAL problem: ARRDATAIllegalIPv4Address encountered with 'poison'");
                continue;
            }
            switch (c.action()) {
                case CREATE -> {
                    if (copy.containsKey(s.key())) {
                        problems.add("Tried to create resource record set " + describe + " but it already exists");
                    } else {
                        copy.put(s.key(), s);
                    }
                }
                case DELETE -> {
                    RecordSet now = copy.get(s.key());
                    if (now == null) {
                        problems.add("Tried to delete resource record set " + describe + " but it was not found");
                    } else if (!now.equals(s)) {
                        problems.add("Tried to delete resource record set " + describe
                                + " but the values provided do not match the current values");
                    } else {
                        copy.remove(s.key());
                    }
                }
                case UPSERT -> copy.put(s.key(), s);
            }
        }
        if (!problems.isEmpty()) {
            return Future.failedFuture(new ProviderException(ProviderException.Kind.REJECTED, "InvalidChangeBatch",
                    String.join("; ", problems), problems, null));
        }
        zones.put(zone, copy);
        return Future.succeededFuture(new Accepted("C" + applyCalls.get(), System.currentTimeMillis()));
    }
}
