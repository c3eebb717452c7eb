package io.streamdns.watcher.core;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.ProviderProperties;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.Targets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * external-dns's {@code DNSEndpoint} (the crd source) → endpoints: every {@code spec.endpoints[]} entry as written
 * (dnsName, recordType, targets, recordTTL, setIdentifier, labels, providerSpecific), validated like every other
 * source's names and targets. Provider-specific properties are the AWS provider's: {@code alias},
 * {@code aws/<name>}, and {@code aws-<name>} read as {@code aws/<name>} (the annotations' spelling); others are
 * reported and dropped. The planner makes an ALIAS of {@code alias=true} as it does for annotations.
 */
public final class CrdMapper {
    public static final String DEFAULT_API_VERSION = "externaldns.k8s.io/v1alpha1";
    public static final String DEFAULT_KIND = "DNSEndpoint";
    /** The {@code resource} label's kind, as external-dns writes it. */
    static final String RESOURCE_KIND = "crd";
    /** Labels the watcher and the ownership registry set: an entry's own labels never override them. */
    private static final Set<String> RESERVED_LABELS = Set.of(Labels.RESOURCE,
            Labels.CLUSTER, Labels.OWNER,
            Labels.OWNED_RECORD, Labels.OWNED_TYPE);

    private CrdMapper() {
    }

    /** One {@code spec.endpoints[]} entry as written. */
    public record Entry(String dnsName, String recordType, List<String> targets, long ttl, String setIdentifier,
                        Map<String, String> labels, Map<String, String> providerSpecific) {
    }

    public static MappingResult map(GenericKubernetesResource res, MappingOptions o) {
        Annotations ann = o.annotations(res.getMetadata().getAnnotations());
        if (!o.annotationFilter().matches(ann.raw())) {
            return MappingResult.skip("annotations do not match --annotation-filter '" + o.annotationFilter() + "'");
        }
        String namespace = res.getMetadata().getNamespace();
        String name = res.getMetadata().getName();
        // entries carry their own ttl, identifier and properties: the object's annotations do not apply
        EndpointCollector out = new EndpointCollector(o, RESOURCE_KIND + "/" + (namespace == null ? "" : namespace)
                + "/" + name, Annotations.of(null));
        for (Object raw : endpoints(res, out, name)) {
            Entry e = entry(raw, out, name);
            if (e != null) {
                add(e, out);
            }
        }
        return out.result();
    }

    /** The generation {@code status.observedGeneration} should say, or null when it says it already. */
    public static Long observedGenerationDue(GenericKubernetesResource res) {
        Long generation = res.getMetadata().getGeneration();
        if (generation == null) {
            return null;
        }
        Object status = res.getAdditionalProperties().get("status");
        Object observed = status instanceof Map<?, ?> m ? m.get("observedGeneration") : null;
        return observed instanceof Number n && n.longValue() == generation ? null : generation;
    }

    private static List<?> endpoints(GenericKubernetesResource res, EndpointCollector out, String name) {
        Object spec = res.getAdditionalProperties().get("spec");
        Object eps = spec instanceof Map<?, ?> m ? m.get("endpoints") : null;
        if (eps == null) {
            return List.of();
        }
        if (!(eps instanceof List<?> list)) {
            out.reject(MappingRejection.INVALID_ANNOTATION, name, "spec.endpoints is not a list; ignored");
            return List.of();
        }
        return list;
    }

    /** One entry, or null (reported) when it is not one. */
    static Entry entry(Object raw, EndpointCollector out, String object) {
        if (!(raw instanceof Map<?, ?> m)) {
            return null; // external-dns skips nil entries
        }
        String dnsName = text(m.get("dnsName"));
        if (dnsName == null) {
            out.reject(MappingRejection.INVALID_NAME, object, "an entry of spec.endpoints has no dnsName");
            return null;
        }
        String type = text(m.get("recordType"));
        long ttl = 0;
        Object t = m.get("recordTTL");
        if (t instanceof Number n && n.longValue() > 0 && n.longValue() <= Integer.MAX_VALUE) {
            ttl = n.longValue();
        } else if (t != null && !(t instanceof Number n && n.longValue() == 0)) {
            out.reject(MappingRejection.INVALID_TTL, dnsName, "recordTTL " + t + " is not 1..2147483647; the default "
                    + "TTL applies");
        }
        List<String> targets = new ArrayList<>();
        if (m.get("targets") instanceof List<?> l) {
            l.forEach(x -> {
                String v = text(x);
                if (v != null && !targets.contains(v)) {
                    targets.add(v);
                }
            });
        }
        Map<String, String> labels = new TreeMap<>();
        if (m.get("labels") instanceof Map<?, ?> l) {
            l.forEach((k, v) -> {
                if (k != null && v != null && !RESERVED_LABELS.contains(k.toString())) {
                    labels.put(k.toString(), v.toString());
                }
            });
        }
        Map<String, String> props = new TreeMap<>();
        if (m.get("providerSpecific") instanceof List<?> l) {
            for (Object p : l) {
                if (p instanceof Map<?, ?> pm && text(pm.get("name")) != null) {
                    property(text(pm.get("name")), pm.get("value") == null ? "" : pm.get("value").toString(),
                            dnsName, props, out);
                }
            }
        }
        return new Entry(dnsName, type == null ? null : type.toUpperCase(Locale.ROOT), targets, ttl,
                text(m.get("setIdentifier")), labels, props);
    }

    private static void property(String name, String value, String dnsName, Map<String, String> props,
                                 EndpointCollector out) {
        String key = name.startsWith(Annotations.AWS_PREFIX) ? "aws/" + name.substring(Annotations.AWS_PREFIX.length())
                : name;
        if (key.equals(ProviderProperties.ALIAS) || (key.startsWith("aws/") && key.length() > 4)) {
            props.put(key, value.strip());
        } else {
            out.reject(MappingRejection.UNSUPPORTED_PROPERTY, dnsName, "provider-specific property '" + name
                    + "' is not one of the AWS provider's (alias, aws/*); ignored");
        }
    }

    private static void add(Entry e, EndpointCollector out) {
        String type = e.recordType();
        if (type == null) {
            out.reject(MappingRejection.UNSUPPORTED_TYPE, e.dnsName(), "no recordType");
            return;
        }
        if (!RecordTypes.WRITABLE.contains(type)) {
            out.reject(MappingRejection.UNSUPPORTED_TYPE, e.dnsName(), "record type " + type + " is not one streamdns "
                    + "writes " + new TreeSet<>(RecordTypes.WRITABLE));
            return;
        }
        if (e.targets().isEmpty()) {
            // external-dns's multiSource: an endpoint without targets takes --default-targets, typed by target
            if (out.defaultTargets().isEmpty()) {
                out.reject(MappingRejection.INVALID_TARGET, e.dnsName(), "no targets (and no --default-targets)");
                return;
            }
            String name = out.acceptName(e.dnsName());
            if (name != null) {
                for (Endpoint d : PostProcessing.defaults(name, e.ttl(), e.setIdentifier(), e.providerSpecific(),
                        Map.of(), out.defaultTargets())) {
                    out.addEntry(name, d.recordType(), d.targets(), d.ttl(), d.setIdentifier(), d.providerSpecific(),
                            new LinkedHashMap<>(e.labels()));
                }
            }
            return;
        }
        String name = out.acceptName(e.dnsName());
        if (name == null) {
            return;
        }
        boolean alias = "true".equalsIgnoreCase(e.providerSpecific().get(ProviderProperties.ALIAS));
        List<String> targets = new ArrayList<>();
        for (String raw : e.targets()) {
            String v = target(type, raw, alias, name, out);
            if (v != null) {
                targets.add(v);
            }
        }
        Map<String, String> labels = new LinkedHashMap<>(e.labels());
        out.addEntry(name, type, targets, e.ttl(), e.setIdentifier(), e.providerSpecific(), labels);
    }

    /** A target in its normal form for the type, or null (reported). */
    private static String target(String type, String raw, boolean alias, String name, EndpointCollector out) {
        switch (type) {
            case RecordTypes.TXT, RecordTypes.SRV -> {
                return raw; // free form (SRV "priority weight port host", a trailing dot is valid there)
            }
            default -> {
                if ((type.equals(RecordTypes.A) || type.equals(RecordTypes.AAAA)) && raw.endsWith(".")) {
                    out.reject(MappingRejection.INVALID_TARGET, name, "target '" + raw + "' of a " + type + " record ends "
                            + "with a dot; use '" + raw.substring(0, raw.length() - 1) + "'");
                    return null;
                }
                Targets.Classified c = Targets.classify(raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw);
                String want = alias && c.kind() == Targets.Kind.HOSTNAME ? type : c.recordType();
                if (c.kind() == Targets.Kind.INVALID) {
                    out.reject(MappingRejection.INVALID_TARGET, name, c.reason());
                    return null;
                }
                if (!type.equals(want)) {
                    out.reject(MappingRejection.INVALID_TARGET, name, "target '" + raw + "' is not valid for a " + type
                            + " record");
                    return null;
                }
                return c.value();
            }
        }
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
