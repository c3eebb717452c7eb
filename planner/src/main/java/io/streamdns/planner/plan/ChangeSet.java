package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutable changes while a plan is built; {@link #toChanges()} orders them deterministically: by the name a change is
 * about (a TXT: the record it owns), records before their TXT, then type, set identifier and name.
 */
final class ChangeSet {
    final List<Endpoint> create = new ArrayList<>();
    final List<Endpoint> updateOld = new ArrayList<>();
    final List<Endpoint> updateNew = new ArrayList<>();
    final List<Endpoint> delete = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();

    void update(Endpoint oldE, Endpoint newE) {
        updateOld.add(oldE);
        updateNew.add(newE);
    }

    void skip(Endpoint e, Skipped.Reason reason, String detail) {
        skipped.add(new Skipped(e.dnsName(), e.recordType(), e.setIdentifier(), reason, detail));
    }

    Changes toChanges() {
        List<Endpoint> c = sorted(create);
        Map<String, Endpoint> deletes = new LinkedHashMap<>();
        for (Endpoint d : delete) {
            deletes.putIfAbsent(d.recordKey(), d);
        }
        List<Endpoint> d = sorted(deletes.values());
        List<Keyed> idx = new ArrayList<>(updateNew.size());
        for (int i = 0; i < updateNew.size(); i++) {
            idx.add(Keyed.of(updateNew.get(i), i));
        }
        idx.sort(null);
        List<Endpoint> uo = new ArrayList<>(idx.size());
        List<Endpoint> un = new ArrayList<>(idx.size());
        for (Keyed k : idx) {
            uo.add(updateOld.get(k.index()));
            un.add(updateNew.get(k.index()));
        }
        Map<String, Skipped> unique = new LinkedHashMap<>();
        for (Skipped k : skipped) {
            unique.putIfAbsent(k.toString(), k);
        }
        List<Skipped> s = new ArrayList<>(unique.values());
        s.sort(Comparator.comparing(Skipped::name).thenComparing(Skipped::type)
                .thenComparing(k -> Objects.requireNonNullElse(k.setIdentifier(), ""))
                .thenComparing(k -> k.reason().ordinal()));
        return new Changes(c, uo, un, d, s);
    }

    /** The order, with its parts computed once per change (a comparator chain costs seconds at 100k changes). */
    private record Keyed(String owned, boolean txt, String ownedType, String type, String set, String name, int index)
            implements Comparable<Keyed> {
        static Keyed of(Endpoint e, int index) {
            boolean txt = e.recordType().equals(RecordTypes.TXT);
            return new Keyed(ownedName(e), txt, txt ? Objects.requireNonNullElse(e.label(Labels.OWNED_TYPE), "") : "",
                    e.recordType(),
                    Objects.requireNonNullElse(e.setIdentifier(), ""), e.dnsName(), index);
        }

        @Override
        public int compareTo(Keyed o) {
            int c = owned.compareTo(o.owned);
            if (c != 0) {
                return c;
            }
            if (txt != o.txt) {
                return txt ? 1 : -1;
            }
            c = ownedType.compareTo(o.ownedType);
            if (c == 0) {
                c = type.compareTo(o.type);
            }
            if (c == 0) {
                c = set.compareTo(o.set);
            }
            return c != 0 ? c : name.compareTo(o.name);
        }
    }

    private static List<Endpoint> sorted(Collection<Endpoint> endpoints) {
        List<Endpoint> in = new ArrayList<>(endpoints);
        List<Keyed> keys = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            keys.add(Keyed.of(in.get(i), i));
        }
        keys.sort(null);
        List<Endpoint> out = new ArrayList<>(in.size());
        for (Keyed k : keys) {
            out.add(in.get(k.index()));
        }
        return out;
    }

    static String ownedName(Endpoint e) {
        if (!e.recordType().equals(RecordTypes.TXT)) {
            return e.dnsName();
        }
        String owned = e.label(Labels.OWNED_RECORD);
        return owned != null ? owned : e.dnsName();
    }
}
