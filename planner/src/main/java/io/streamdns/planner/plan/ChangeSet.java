package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.RecordTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Mutable changes while a plan is built; {@link #toChanges()} orders them deterministically. */
final class ChangeSet {
    /** By the name a change is about (TXT: the record it owns), records before their TXT, then type and set id. */
    static final Comparator<Endpoint> ORDER = Comparator
            .comparing(ChangeSet::ownedName)
            .thenComparing(e -> e.recordType().equals(RecordTypes.TXT) ? 1 : 0)
            .thenComparing(e -> Objects.requireNonNullElse(e.label(Labels.OWNED_TYPE), ""))
            .thenComparing(Endpoint::recordType)
            .thenComparing(e -> Objects.requireNonNullElse(e.setIdentifier(), ""))
            .thenComparing(Endpoint::dnsName);

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
        List<Endpoint> c = new ArrayList<>(create);
        c.sort(ORDER);
        Map<String, Endpoint> deletes = new LinkedHashMap<>();
        for (Endpoint d : delete) {
            deletes.putIfAbsent(d.recordKey(), d);
        }
        List<Endpoint> d = new ArrayList<>(deletes.values());
        d.sort(ORDER);
        List<Integer> idx = new ArrayList<>(updateNew.size());
        for (int i = 0; i < updateNew.size(); i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> ORDER.compare(updateNew.get(a), updateNew.get(b)));
        List<Endpoint> uo = new ArrayList<>(idx.size());
        List<Endpoint> un = new ArrayList<>(idx.size());
        for (int i : idx) {
            uo.add(updateOld.get(i));
            un.add(updateNew.get(i));
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

    static String ownedName(Endpoint e) {
        String owned = e.label(Labels.OWNED_RECORD);
        return owned != null ? owned : e.dnsName();
    }
}
