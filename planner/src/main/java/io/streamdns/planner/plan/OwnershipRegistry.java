package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.Require;
import io.streamdns.model.registry.OwnershipValue;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * external-dns's TXT registry ({@code registry/txt}), split in its two halves: {@link #read} turns current TXT
 * ownership records into {@code owner}/{@code resource}/{@code cluster} labels on the records they own (current
 * name form first; an A-ALIAS also honours a {@code cname-} TXT; then the legacy form, except for AAAA), and
 * {@link #txtFor} writes the ownership TXT of a record. Values carry {@code external-dns/cluster}, which external-dns
 * reads and ignores. With {@code --migrate-from-txt-owner}, a record whose TXT names that old owner is labelled with
 * our owner (as external-dns does) and its TXT is rewritten; every other owner stays foreign.
 */
final class OwnershipRegistry {
    static final long DEFAULT_TXT_TTL = 300;
    private static final String NUL = "\u0000";

    private final String ownerId;
    private final TxtNameMapper names;
    private final String migrateFrom;

    OwnershipRegistry(String ownerId, TxtNameMapper names) {
        this(ownerId, names, "");
    }

    /** @param migrateFrom the owner id taken over ({@code --migrate-from-txt-owner}), empty for none */
    OwnershipRegistry(String ownerId, TxtNameMapper names, String migrateFrom) {
        this.ownerId = ownerId;
        this.names = names;
        this.migrateFrom = migrateFrom == null ? "" : migrateFrom;
    }

    /** A TXT record of the zone; {@code labels} is null when it is not an ownership record. */
    record Txt(Endpoint endpoint, Map<String, String> labels) {
        boolean ownership() {
            return labels != null;
        }

        String owner() {
            return labels == null ? null : labels.get(Labels.OWNER);
        }
    }

    /** Which TXT name form an ownership was read from. */
    enum Form {
        /** {@code <type>-<name>}: the record's own current-format TXT. */
        CURRENT,
        /** {@code cname-<name>} owning an A-ALIAS (written by external-dns before #2903). */
        CNAME_FOR_ALIAS,
        /** {@code <name>} without a type, shared by every type at the name (read, never written or deleted). */
        LEGACY,
        /**
         * The apex marker: at a zone apex, whose current-format TXT ({@code a-example.com}) falls outside the zone,
         * a legacy-format value at {@link #apexMarkerName} owns every type at the apex (AAAA too); written and removed
         * by us, beside the values we did not create there ({@link SharedTxt}).
         */
        APEX
    }

    /** Where a record's ownership came from; {@code migrated}: its TXT names the owner we take over. */
    record Ownership(Txt source, Form form, boolean migrated) {
    }

    /** Current records with ownership labels; TXT records by name and set identifier. */
    static final class Current {
        final List<Endpoint> records;
        final Map<String, Txt> txts;
        /** By the (labelled) record instance of {@link #records}: identity lookups cost no key strings. */
        final Map<Endpoint, Ownership> ownership;
        /** Zone apexes: the names holding an SOA record. */
        final java.util.Set<String> apexes = new java.util.HashSet<>(2);

        Current(int size) {
            ownership = new IdentityHashMap<>(size);
            records = new ArrayList<>(size);
            txts = new HashMap<>(Math.max(16, size * 2 / 3));
        }

        Txt txt(String txtName, String setIdentifier) {
            return txts.get(key(txtName, setIdentifier));
        }

        Ownership ownershipOf(Endpoint record) {
            return record == null ? null : ownership.get(record);
        }

        Form formOf(Endpoint record) {
            Ownership o = ownership.get(record);
            return o == null ? null : o.form();
        }

        boolean isApex(String name) {
            return apexes.contains(name);
        }
    }

    /**
     * Ownership labels of TXT endpoints an index holds, parsed once when they arrive. A TXT whose value its labels
     * rebuild exactly holds the labels instead of the value ({@link OwnershipValue}); the others (foreign values,
     * formatting of other writers) keep their value and have their labels here, keyed by the endpoint instance.
     */
    static final class ParsedTxt {
        private static final Map<String, String> NONE = Map.of("", "");
        private final Map<Endpoint, Map<String, String>> parsed = new IdentityHashMap<>();
        private final Canon canon = new Canon();
        /** Per owner: ownership TXTs of the current name form [0] and of the legacy form [1] (for the budget). */
        private final Map<String, int[]> owned = new HashMap<>();
        private final Predicate<String> currentForm;
        /** Whose values are held compact: ours only (another owner's value is never rebuilt); null: nobody's. */
        private final String compactOwner;

        /**
         * @param currentForm  whether a TXT name is of the current form ({@code <type>-<name>}), else legacy
         * @param compactOwner the owner whose exactly rebuilding values are held as labels; null: none
         */
        ParsedTxt(Predicate<String> currentForm, String compactOwner) {
            this.currentForm = currentForm;
            this.compactOwner = compactOwner;
        }

        /**
         * Parses a TXT endpoint arriving in the index and returns the endpoint to hold: its values compact when
         * its labels rebuild them exactly ({@link OwnershipValue#compact}), else as they came.
         */
        Endpoint add(Endpoint txt) {
            Map<String, String> labels = ownershipLabels(txt.targets());
            Map<String, String> held = labels == null ? null : shared(labels);
            boolean ours = held != null && compactOwner != null && compactOwner.equals(held.get(Labels.OWNER));
            List<String> values = ours ? OwnershipValue.compact(txt.targets(), held) : txt.targets();
            Endpoint e = values == txt.targets() ? txt : txt.withTargets(values);
            if (!(values instanceof OwnershipValue)) {
                parsed.put(e, held == null ? NONE : held);
            }
            count(e, labels, 1);
            return e;
        }

        private void count(Endpoint txt, Map<String, String> labels, int delta) {
            String owner = labels == null ? null : labels.get(Labels.OWNER);
            if (owner != null) {
                owned.computeIfAbsent(owner, o -> new int[2])[currentForm.test(txt.dnsName()) ? 0 : 1] += delta;
            }
        }

        /**
         * Records the owner holds, estimated from its ownership TXTs without a scan: external-dns may keep a legacy
         * and a current TXT per record, so the larger of the two counts.
         */
        int ownedRecords(String owner) {
            int[] c = owned.get(owner);
            return c == null ? 0 : Math.max(c[0], c[1]);
        }

        /**
         * Label keys, owner and cluster repeat on every TXT of a shard: one copy of each. A resource is unique per
         * TXT but its desired record names it too: interned, as the desired index interns it.
         */
        private Map<String, String> shared(Map<String, String> labels) {
            Map<String, String> m = new HashMap<>(labels.size() * 2);
            labels.forEach((k, v) -> m.put(canon.of(k), k.equals(Labels.RESOURCE) ? v.intern() : canon.of(v)));
            return Require.map(m);
        }

        /** Forgets a TXT endpoint {@link #add} returned (any other endpoint: nothing happens). */
        void remove(Endpoint txt) {
            if (txt.targets() instanceof OwnershipValue v) {
                count(txt, v.labels(), -1);
                return;
            }
            Map<String, String> m = parsed.remove(txt);
            if (m != null && m != NONE) {
                count(txt, m, -1);
            }
        }

        /** The ownership labels, or null when it is not an ownership record. */
        Map<String, String> labels(Endpoint txt) {
            if (txt.targets() instanceof OwnershipValue v) {
                return v.labels();
            }
            Map<String, String> m = parsed.get(txt);
            if (m == null) {
                return ownershipLabels(txt.targets());
            }
            return m == NONE ? null : m;
        }
    }

    /**
     * @param wanted which non-TXT-ownership records to return (the others are skipped before any labelling)
     * @param parsed ownership values parsed beforehand, or null
     */
    Current read(List<Endpoint> current, Predicate<Endpoint> wanted, ParsedTxt parsed) {
        Current cur = new Current(current.size());
        List<Endpoint> candidates = new ArrayList<>(current.size());
        for (Endpoint e : current) {
            if (e.recordType().equals(RecordTypes.SOA)) {
                cur.apexes.add(e.dnsName());
            }
            if (e.recordType().equals(RecordTypes.TXT)) {
                Txt txt = new Txt(e, parsed == null ? ownershipLabels(e.targets()) : parsed.labels(e));
                cur.txts.putIfAbsent(key(e.dnsName(), e.setIdentifier()), txt);
                if (txt.ownership()) {
                    continue; // ownership records are not records to plan (external-dns drops them too)
                }
            }
            if (wanted.test(e)) {
                candidates.add(e);
            }
        }
        for (Endpoint r : candidates) {
            Form form = Form.CURRENT;
            Txt txt = heritage(cur.txt(names.txtName(r.dnsName(), r.recordType()), r.setIdentifier()));
            if (txt == null && RecordComparison.isAlias(r) && r.recordType().equals(RecordTypes.A)) {
                form = Form.CNAME_FOR_ALIAS;
                txt = heritage(cur.txt(names.txtName(r.dnsName(), RecordTypes.CNAME), r.setIdentifier()));
            }
            if (txt == null && cur.isApex(r.dnsName())) {
                form = Form.APEX;
                txt = heritage(cur.txt(apexMarkerName(r.dnsName()), r.setIdentifier()));
            }
            if (txt == null && !r.recordType().equals(RecordTypes.AAAA) && !cur.isApex(r.dnsName())) {
                form = Form.LEGACY;
                txt = heritage(cur.txt(names.legacyTxtName(r.dnsName()), r.setIdentifier()));
            }
            if (txt == null) {
                cur.records.add(r.labels().isEmpty() ? r : r.withLabels(Map.of()));
                continue;
            }
            boolean migrated = isMigrating(txt.owner());
            Endpoint labelled = r.withLabels(migrated ? relabelled(txt.labels()) : txt.labels());
            cur.records.add(labelled);
            cur.ownership.put(labelled, new Ownership(txt, form, migrated));
        }
        return cur;
    }

    /** The record name an ownership TXT name stands for (current or legacy form), if it is one in shape. */
    java.util.Optional<String> ownedName(String txtName) {
        return names.ownedBy(txtName).map(TxtNameMapper.Owned::name).or(() -> names.legacyOwnedName(txtName));
    }

    /** The name of the current-format ownership TXT of a record. */
    String txtName(Endpoint record) {
        return names.txtName(record.dnsName(), record.recordType());
    }

    /** The legacy-format TXT name of a record name (no type). */
    String legacyTxtName(String name) {
        return names.legacyTxtName(name);
    }

    /**
     * Where the apex's ownership marker lives: the legacy TXT name ({@code <txt-prefix><apex>}, readable by
     * external-dns) when that lies in the zone, else the apex itself ({@code --txt-suffix}, or a prefix without a
     * dot, would put it outside).
     */
    String apexMarkerName(String apex) {
        String legacy = names.legacyTxtName(apex);
        return within(legacy, apex) ? legacy : apex;
    }

    /** Whether a record at a zone apex keeps its TXT at the current-format name (it lies in the zone). */
    boolean currentTxtInZone(Endpoint apexRecord) {
        return within(txtName(apexRecord), apexRecord.dnsName());
    }

    private static boolean within(String name, String apex) {
        return name.equals(apex) || name.endsWith("." + apex);
    }

    /** The apex marker of {@code record}: its ownership value (as {@link #txtFor}) at {@link #apexMarkerName}. */
    Endpoint markerFor(Endpoint record) {
        Endpoint txt = txtFor(record);
        return new Endpoint(apexMarkerName(record.dnsName()), RecordTypes.TXT, txt.targets(), txt.ttl(),
                txt.setIdentifier(), txt.providerSpecific(), txt.labels());
    }

    /**
     * The ownership TXT of {@code record}: value from its owner/resource/cluster labels, the record's set identifier
     * and routing properties (Route 53 needs them on every member of a routing set), TTL of the record or 300;
     * labels {@code ownedRecord}, {@code ownedType} and {@code owner}.
     */
    Endpoint txtFor(Endpoint record) {
        Map<String, String> valueLabels = new TreeMap<>();
        valueLabels.put(Labels.OWNER, ownerId);
        putIfPresent(valueLabels, Labels.RESOURCE, record.label(Labels.RESOURCE));
        putIfPresent(valueLabels, Labels.CLUSTER, record.label(Labels.CLUSTER));
        Map<String, String> props = record.providerSpecific();
        if (!props.isEmpty()) {
            props = new TreeMap<>(props);
            props.remove(ProviderProperties.ALIAS);
            props.remove(ProviderProperties.ALIAS_TYPE);
            props.remove(ProviderProperties.AWS_EVALUATE_TARGET_HEALTH);
            props.remove(ProviderProperties.AWS_TARGET_HOSTED_ZONE);
            props.remove(ProviderProperties.TXT_FORCE_UPDATE);
        }
        long ttl = record.ttl() > 0 ? record.ttl() : DEFAULT_TXT_TTL;
        return new Endpoint(txtName(record), RecordTypes.TXT, List.of(TxtRecordFormat.value(valueLabels)), ttl,
                record.setIdentifier(), props, ownedLabels(record));
    }

    /** An existing TXT endpoint as a change entry: labelled with the record it owns. */
    Endpoint asChange(Txt txt, Endpoint owned) {
        return txt.endpoint().withLabels(ownedLabels(owned));
    }

    boolean isOurs(Endpoint record) {
        return ownerId.equals(record.label(Labels.OWNER));
    }

    /** Whether an ownership TXT is ours to change: it names our owner, or the owner we take over. */
    boolean ownsTxt(Txt txt) {
        return txt != null && txt.ownership() && (ownerId.equals(txt.owner()) || isMigrating(txt.owner()));
    }

    /** Whether {@code owner} is the old owner id {@code --migrate-from-txt-owner} takes over. */
    boolean isMigrating(String owner) {
        return !migrateFrom.isEmpty() && migrateFrom.equals(owner);
    }

    /** The ownership value of {@code txt} naming our owner instead, every other label unchanged. */
    String migratedValue(Txt txt) {
        return TxtRecordFormat.value(relabelled(txt.labels()));
    }

    private Map<String, String> relabelled(Map<String, String> labels) {
        Map<String, String> m = new TreeMap<>(labels);
        m.put(Labels.OWNER, ownerId);
        return m;
    }

    String ownerId() {
        return ownerId;
    }

    private Map<String, String> ownedLabels(Endpoint owned) {
        return Map.of(Labels.OWNED_RECORD, owned.dnsName(), Labels.OWNED_TYPE, owned.recordType(), Labels.OWNER, ownerId);
    }

    /** Ownership labels of a TXT record; several ownership values that disagree on the owner own nothing for us. */
    static Map<String, String> ownershipLabels(List<String> values) {
        Map<String, String> found = null;
        TreeSet<String> owners = new TreeSet<>();
        for (String v : values) {
            Optional<Map<String, String>> labels = TxtRecordFormat.parse(v);
            if (labels.isPresent()) {
                if (found == null) {
                    found = labels.get();
                }
                owners.add(labels.get().getOrDefault(Labels.OWNER, ""));
            }
        }
        if (found != null && owners.size() > 1) {
            Map<String, String> ambiguous = new TreeMap<>(found);
            ambiguous.put(Labels.OWNER, "ambiguous" + owners); // matches no owner id: never touched
            return ambiguous;
        }
        return found;
    }

    private static Txt heritage(Txt txt) {
        return txt != null && txt.ownership() ? txt : null;
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }

    static String key(String name, String setIdentifier) {
        return setIdentifier == null ? name : name + NUL + setIdentifier;
    }
}
