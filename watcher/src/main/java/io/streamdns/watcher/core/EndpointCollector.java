package io.streamdns.watcher.core;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DnsNames;
import io.streamdns.model.dns.NameCheck;
import io.streamdns.model.dns.Targets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the endpoints of one object: validates names and targets, applies the per-object annotations (ttl,
 * set-identifier, alias, aws-*), labels, and merges endpoints of equal name/type/set-identifier/ttl. Linear in what
 * the object holds: each distinct target is classified once, and the work stops, refusing the object whole, at
 * one endpoint more than {@link MappingOptions#maxEndpoints()} or at {@link #MAX_VALUES} record values (names ×
 * targets can multiply far beyond what the object's size suggests).
 */
final class EndpointCollector {
    /** external-dns (and Route 53) read and write ALIAS records with this TTL. */
    static final long ALIAS_TTL = 300;
    /**
     * The record values one object may make the mapping build (the sum of every endpoint's targets). Far above what
     * the default bound lets through (1000 endpoints, under 1 MB a state): a ceiling on work and memory, not the
     * bound itself, which the publisher applies to every source ({@link ObjectBound}).
     */
    static final int MAX_VALUES = 200_000;

    private record Key(String name, String type, String setId, long ttl, Map<String, String> props) {
    }

    private final MappingOptions options;
    private final Map<String, String> labels;
    private final long ttl;
    private final String setIdentifier;
    private final Map<String, String> properties;
    private final List<String> aliasTypes;
    private final Map<Key, Set<String>> records = new LinkedHashMap<>();
    private final Set<MappingRejection> rejections = new LinkedHashSet<>();
    /** Labels an entry of its own brings (a DNSEndpoint's), beside resource and cluster. */
    private final Map<Key, Map<String, String>> entryLabels = new LinkedHashMap<>();
    private final Map<String, Targets.Classified> classified = new HashMap<>();
    private final String resourceLabel;
    private int values;
    /** Names given targets so far, valid or not: external-dns's "the object made endpoints" before validation. */
    private int produced;
    private boolean overflow;
    private String overflowReason;

    EndpointCollector(MappingOptions options, String resourceLabel, Annotations annotations) {
        this.options = options;
        this.resourceLabel = resourceLabel;
        this.labels = Map.of(Labels.RESOURCE, resourceLabel, Labels.CLUSTER, options.clusterName());
        Ttl.Parsed parsed = Ttl.parse(annotations.get(Annotations.TTL).orElse(null));
        if (parsed.error() != null) {
            // the value is dropped, the records stay (with the provider's default TTL), as external-dns does
            reject(MappingRejection.INVALID_TTL, resourceLabel, parsed.error() + "; the default TTL applies");
        }
        this.ttl = parsed.seconds();
        this.setIdentifier = annotations.get(Annotations.SET_IDENTIFIER).orElse(null);
        this.properties = annotations.awsProperties();
        this.aliasTypes = aliasTypes(annotations.get(Annotations.ALIAS), resourceLabel);
    }

    private List<String> aliasTypes(Optional<String> alias, String resourceLabel) {
        if (alias.isEmpty()) {
            return List.of();
        }
        String v = Annotations.lower(alias.get());
        return switch (v) {
            case "true" -> List.of(RecordTypes.A, RecordTypes.AAAA);
            case "a" -> List.of(RecordTypes.A);
            case "aaaa" -> List.of(RecordTypes.AAAA);
            case "false" -> List.of();
            default -> {
                reject(MappingRejection.INVALID_ANNOTATION, resourceLabel,
                        "alias '" + alias.get() + "' is not true, A or AAAA; ignored");
                yield List.of();
            }
        };
    }

    /** Whether the object's own names made endpoints (before validation), as external-dns decides on the template. */
    boolean produced() {
        return produced > 0;
    }

    /** The names {@code --fqdn-template} makes of the object; a failure is recorded and gives none. */
    List<String> templateNames(FqdnTemplate.Rendered rendered) {
        if (rendered.error() != null) {
            reject(MappingRejection.INVALID_TEMPLATE, resourceLabel, rendered.error());
        }
        return rendered.names();
    }

    /** {@code --default-targets}: what a DNSEndpoint entry without targets gets. */
    List<String> defaultTargets() {
        return options.shaping().defaultTargets();
    }

    /** True once the object is over the bound or the work ceiling: further work is skipped. */
    boolean full() {
        return overflow;
    }

    void reject(String reason, String name, String detail) {
        rejections.add(new MappingRejection(reason, name, detail));
    }

    /** The normal form of a name we may publish, or null (the rejection is recorded). */
    String acceptName(String raw) {
        NameCheck check = DnsNames.check(raw);
        if (!check.isValid()) {
            reject(MappingRejection.INVALID_NAME, raw, check.reason());
            return null;
        }
        String refused = options.domainFilter().rejection(check.name());
        if (refused != null) {
            reject(MappingRejection.DOMAIN_FILTER, check.name(), refused);
            return null;
        }
        return check.name();
    }

    /** A, AAAA and CNAME (or ALIAS) records for {@code rawName}, typed by each target. */
    void add(String rawName, List<String> rawTargets) {
        if (rawTargets.isEmpty() || overflow) {
            return;
        }
        produced++;
        String name = acceptName(rawName);
        if (name == null) {
            return;
        }
        List<String> hosts = new ArrayList<>();
        for (String raw : rawTargets) {
            Targets.Classified c = classified.computeIfAbsent(raw, Targets::classify);
            switch (c.kind()) {
                case IPV4, IPV6 -> put(new Key(name, c.recordType(), setIdentifier, ttl, properties), c.value());
                case HOSTNAME -> hosts.add(c.value());
                case INVALID -> reject(MappingRejection.INVALID_TARGET, name, c.reason());
            }
        }
        if (hosts.isEmpty()) {
            return;
        }
        if (aliasTypes.isEmpty()) {
            Key key = new Key(name, RecordTypes.CNAME, setIdentifier, ttl, properties);
            hosts.forEach(h -> put(key, h));
            return;
        }
        Map<String, String> aliasProps = new TreeMap<>(properties);
        aliasProps.put(ProviderProperties.ALIAS, "true");
        // no evaluate-target-health default here: the planner's --aws-evaluate-target-health fills it in
        for (String type : aliasTypes) {
            Key key = new Key(name, type, setIdentifier, ALIAS_TTL, Map.copyOf(aliasProps));
            hosts.forEach(h -> put(key, h));
        }
    }

    /**
     * SRV records (values not single targets): the object's TTL, set identifier and routing properties, as
     * external-dns gives its NodePort SRV endpoints; never an alias.
     */
    void addSrv(String name, List<String> values) {
        if (!values.isEmpty() && !overflow) {
            produced++;
            Key key = new Key(name, RecordTypes.SRV, setIdentifier, ttl, properties);
            values.forEach(v -> put(key, v));
        }
    }

    /**
     * An endpoint written out in full (a DNSEndpoint entry): its type, targets (already valid for it), TTL,
     * set identifier, properties and extra labels as given; the object's annotations do not apply.
     */
    void addEntry(String name, String type, List<String> targets, long entryTtl, String setId,
                  Map<String, String> props, Map<String, String> extraLabels) {
        if (targets.isEmpty()) {
            return;
        }
        Key key = new Key(name, type, setId, entryTtl, Map.copyOf(props));
        targets.forEach(t -> put(key, t));
        if (!extraLabels.isEmpty()) {
            entryLabels.computeIfAbsent(key, k -> new TreeMap<>()).putAll(extraLabels);
        }
    }

    private void put(Key key, String target) {
        if (overflow) {
            return;
        }
        Set<String> targets = records.get(key);
        if (targets == null) {
            if (records.size() >= options.maxEndpoints()) {
                // one more would be over the bound: the object is refused whole, the rest is not worked out
                overflow("claims more than " + options.maxEndpoints() + " endpoints, the most"
                        + " --max-endpoints-per-object allows");
                return;
            }
            targets = new TreeSet<>();
            records.put(key, targets);
        }
        if (targets.add(target) && ++values > MAX_VALUES) {
            overflow("claims more than " + MAX_VALUES + " record values (names × targets)");
        }
    }

    private void overflow(String what) {
        overflow = true;
        overflowReason = what + "; nothing of it is published (what was published before stays)";
        records.clear();
    }

    MappingResult result() {
        if (overflow) {
            List<MappingRejection> refused = new ArrayList<>();
            refused.add(new MappingRejection(MappingRejection.TOO_MANY_ENDPOINTS, resourceLabel, overflowReason));
            refused.addAll(rejections);
            return new MappingResult(List.of(), refused, null);
        }
        List<Endpoint> built = new ArrayList<>();
        records.forEach((k, targets) -> built.add(new Endpoint(k.name(), k.type(), List.copyOf(targets), k.ttl(),
                k.setId(), k.props(), labelsOf(k))));
        List<MappingRejection> refused = new ArrayList<>(rejections);
        List<Endpoint> endpoints = new ArrayList<>(PostProcessing.apply(built, options.shaping(), refused));
        endpoints.sort(ORDER);
        return new MappingResult(endpoints, refused, null);
    }

    private Map<String, String> labelsOf(Key k) {
        Map<String, String> extra = entryLabels.get(k);
        if (extra == null) {
            return labels;
        }
        Map<String, String> all = new TreeMap<>(extra);
        all.putAll(labels);
        return all;
    }

    static final Comparator<Endpoint> ORDER = Comparator.comparing(Endpoint::dnsName)
            .thenComparing(Endpoint::recordType)
            .thenComparing(e -> e.setIdentifier() == null ? "" : e.setIdentifier())
            .thenComparingLong(Endpoint::ttl)
            .thenComparing(e -> e.providerSpecific().toString());
}
