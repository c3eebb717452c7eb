package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.Require;
import io.streamdns.model.SourceState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the sources of one shard want: the latest {@link SourceState} per source identity and, per DNS name, which
 * sources claim it, so the desired endpoints of a name are found without a scan.
 */
public final class DesiredIndex {
    /** The latest state per key identity (the identity strings themselves are not held: {@link SourceTable}). */
    private final SourceTable sources = new SourceTable();
    /**
     * Per name, the {@link SourceTable} entry of the one source claiming it, or a List of the entries of several:
     * most have one.
     */
    private final NameMap<Object> byName = new NameMap<>();
    private final Canon canon = new Canon();

    /**
     * Records the state of a source ({@code null}: tombstone).
     *
     * @return the names whose desired records may have changed
     */
    public Set<String> put(String identity, SourceState state) {
        Object entry = null;
        if (state != null) {
            entry = SourceTable.entry(identity, labelled(state));
        }
        Set<String> touched = new HashSet<>();
        Object old = entry == null ? sources.remove(identity) : sources.put(identity, entry);
        if (old != null) {
            for (Endpoint e : SourceTable.state(old).endpoints()) {
                touched.add(e.dnsName());
                unclaim(e.dnsName(), identity);
            }
        }
        if (entry != null) {
            for (Endpoint e : SourceTable.state(entry).endpoints()) {
                touched.add(e.dnsName());
                claim(e.dnsName(), identity, entry);
            }
        }
        return touched;
    }

    private void claim(String name, String identity, Object entry) {
        Object v = byName.get(name);
        if (v == null) {
            byName.put(name, entry);
        } else if (!(v instanceof List)) {
            if (!SourceTable.isOf(v, identity)) {
                List<Object> ids = new ArrayList<>(2);
                ids.add(v);
                ids.add(entry);
                byName.put(name, ids);
            }
        } else {
            List<Object> ids = claimants(name);
            if (indexOf(ids, identity) < 0) {
                ids.add(entry);
            }
        }
    }

    private void unclaim(String name, String identity) {
        Object v = byName.get(name);
        if (v != null && !(v instanceof List)) {
            if (SourceTable.isOf(v, identity)) {
                byName.remove(name);
            }
        } else if (v != null) {
            List<Object> ids = claimants(name);
            int i = indexOf(ids, identity);
            if (i >= 0) {
                ids.remove(i);
                if (ids.size() == 1) {
                    byName.put(name, ids.get(0));
                }
            }
        }
    }

    private static int indexOf(List<Object> entries, String identity) {
        for (int i = 0; i < entries.size(); i++) {
            if (SourceTable.isOf(entries.get(i), identity)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private List<Object> claimants(String name) {
        Object v = byName.get(name);
        if (v == null) {
            return null;
        }
        return v instanceof List ? (List<Object>) v : List.of(v);
    }

    public boolean contains(String identity) {
        return sources.containsKey(identity);
    }

    /** Desired endpoints at a name, labelled with their resource and cluster. */
    public List<Endpoint> at(String name) {
        List<Object> ids = claimants(name);
        if (ids == null) {
            return List.of();
        }
        List<Endpoint> out = new ArrayList<>(ids.size());
        for (Object id : ids) {
            for (Endpoint e : SourceTable.state(id).endpoints()) {
                if (e.dnsName().equals(name)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Every desired endpoint of the shard, labelled. */
    public List<Endpoint> all() {
        List<Endpoint> out = new ArrayList<>();
        sources.forEach(s -> out.addAll(s.endpoints()));
        return out;
    }

    /** The sources that claim a name. */
    public List<SourceState> sourcesAt(String name) {
        List<Object> ids = claimants(name);
        if (ids == null) {
            return List.of();
        }
        List<SourceState> out = new ArrayList<>(ids.size());
        for (Object id : ids) {
            out.add(SourceTable.state(id));
        }
        return out;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public int sourceCount() {
        return sources.size();
    }

    /**
     * The planner's view of a claim: labels {@code resource} and {@code cluster} from the source, whatever came; done
     * once when the state arrives, so planning a shard allocates nothing per endpoint. Values that repeat across
     * sources (cluster, kind, namespace, record type, properties) are shared, and the labels map is one per source.
     * The uid is dropped (never read here; 36 characters per source). Names, addresses and the resource label are
     * interned: zone state and ownership TXTs, decoded from other records, name the same ones ({@link Canon#interned}).
     */
    SourceState labelled(SourceState s) {
        String cluster = canon.of(s.cluster());
        Map<String, String> labels = Require.map(Map.of(Labels.RESOURCE, s.ref().resourceLabel().intern(),
                Labels.CLUSTER, cluster));
        List<Endpoint> eps = new ArrayList<>(s.endpoints().size());
        for (Endpoint e : s.endpoints()) {
            eps.add(new Endpoint(e.dnsName().intern(), canon.of(e.recordType()), Canon.interned(e), e.ttl(),
                    canon.of(e.setIdentifier()), canon.of(e.providerSpecific()), labels));
        }
        // the uid is not kept: planning never reads it (provenance names the resource and its version)
        return new SourceState(cluster, canon.of(s.kind()), canon.of(s.namespace()), s.name(), null,
                s.resourceVersion(), s.observedAt(), eps, s.rejected());
    }
}
