package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.RecordTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link Changes} to a zone held as endpoints, strictly as Route 53 would: a CREATE of an existing record
 * set, or an UPDATE or DELETE of a missing one, fails. Stored records lose their labels, and an unset TTL becomes
 * 300, as a provider reports them back.
 */
final class PlanApplier {
    private PlanApplier() {
    }

    static List<Endpoint> apply(List<Endpoint> zone, Changes changes) {
        Map<String, Endpoint> byKey = new LinkedHashMap<>();
        for (Endpoint e : zone) {
            byKey.putIfAbsent(e.recordKey(), e);
        }
        for (Endpoint d : changes.delete()) {
            if (byKey.remove(d.recordKey()) == null) {
                throw new IllegalStateException("DELETE of a missing record set " + d);
            }
        }
        for (int i = 0; i < changes.updateOld().size(); i++) {
            Endpoint old = changes.updateOld().get(i);
            Endpoint neu = changes.updateNew().get(i);
            if (!old.recordKey().equals(neu.recordKey())) {
                throw new IllegalStateException("update changes the record set: " + old + " -> " + neu);
            }
            if (byKey.remove(old.recordKey()) == null) {
                throw new IllegalStateException("UPDATE of a missing record set " + old);
            }
            byKey.put(neu.recordKey(), stored(neu));
        }
        for (Endpoint c : changes.create()) {
            if (byKey.containsKey(c.recordKey())) {
                throw new IllegalStateException("CREATE of an existing record set " + c + ": " + byKey.get(c.recordKey()));
            }
            byKey.put(c.recordKey(), stored(c));
        }
        return new ArrayList<>(byKey.values());
    }

    private static Endpoint stored(Endpoint e) {
        Endpoint s = e.withLabels(Map.of());
        if (s.ttl() == 0 && !RecordComparison.isAlias(s)) {
            s = s.withTtl(300);
        }
        return e.recordType().equals(RecordTypes.TXT) || !s.providerSpecific().containsKey("alias-type") ? s
                : s.withProperty("alias-type", null);
    }
}
