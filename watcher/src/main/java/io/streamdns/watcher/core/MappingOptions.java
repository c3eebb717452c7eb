package io.streamdns.watcher.core;

import io.streamdns.model.dns.DomainFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flags that shape object → endpoint mapping.
 *
 * @param clusterName             value of the {@code cluster} label on every endpoint
 * @param domainFilter            {@code --domain-filter} / {@code --exclude-domains}
 * @param fqdnTemplate            {@code --fqdn-template}, or null
 * @param publishInternalServices {@code --publish-internal-services}: ClusterIP services get records
 * @param ignoreIngressTlsSpec    {@code --ignore-ingress-tls-spec}
 * @param ignoreIngressRulesSpec  {@code --ignore-ingress-rules-spec}
 * @param annotationFilter        {@code --annotation-filter}
 * @param ingressClasses          {@code --ingress-class}; empty = any
 * @param serviceTypes            {@code --service-type-filter}; empty = all
 * @param maxEndpoints            {@code --max-endpoints-per-object}: the mapping stops there and refuses the object
 *                                (the publisher checks it again for every source, {@link ObjectBound})
 * @param annotationPrefixes      {@code --annotation-prefix} (and the alpha prefix with {@code --alpha-annotations}):
 *                                the external-dns annotation prefixes read, a later one winning a key both carry
 * @param shaping                 the flags that shape every object's records (hostname annotation, targets, TTL)
 */
public record MappingOptions(String clusterName, DomainFilter domainFilter, FqdnTemplate fqdnTemplate,
                             boolean publishInternalServices, boolean ignoreIngressTlsSpec,
                             boolean ignoreIngressRulesSpec, Selector annotationFilter, Set<String> ingressClasses,
                             Set<String> serviceTypes, int maxEndpoints, List<String> annotationPrefixes,
                             Shaping shaping) {
    public MappingOptions(String clusterName, DomainFilter domainFilter, FqdnTemplate fqdnTemplate,
                          boolean publishInternalServices, boolean ignoreIngressTlsSpec, boolean ignoreIngressRulesSpec,
                          Selector annotationFilter, Set<String> ingressClasses, Set<String> serviceTypes,
                          int maxEndpoints, List<String> annotationPrefixes) {
        this(clusterName, domainFilter, fqdnTemplate, publishInternalServices, ignoreIngressTlsSpec,
                ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes, maxEndpoints,
                annotationPrefixes, Shaping.NONE);
    }

    public MappingOptions(String clusterName, DomainFilter domainFilter, FqdnTemplate fqdnTemplate,
                          boolean publishInternalServices, boolean ignoreIngressTlsSpec, boolean ignoreIngressRulesSpec,
                          Selector annotationFilter, Set<String> ingressClasses, Set<String> serviceTypes,
                          int maxEndpoints) {
        this(clusterName, domainFilter, fqdnTemplate, publishInternalServices, ignoreIngressTlsSpec,
                ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes, maxEndpoints, null);
    }

    public MappingOptions {
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("clusterName missing");
        }
        domainFilter = domainFilter == null ? DomainFilter.ALL : domainFilter;
        annotationFilter = annotationFilter == null ? Selector.ALL : annotationFilter;
        ingressClasses = ingressClasses == null ? Set.of() : Set.copyOf(ingressClasses);
        serviceTypes = serviceTypes == null ? Set.of() : Set.copyOf(serviceTypes);
        if (maxEndpoints < 1) {
            throw new IllegalArgumentException("maxEndpoints must be at least 1, not " + maxEndpoints);
        }
        annotationPrefixes = annotationPrefixes == null || annotationPrefixes.isEmpty()
                ? List.of(Annotations.PREFIX) : List.copyOf(annotationPrefixes);
        shaping = shaping == null ? Shaping.NONE : shaping;
    }

    public MappingOptions withShaping(Shaping s) {
        return new MappingOptions(clusterName, domainFilter, fqdnTemplate, publishInternalServices,
                ignoreIngressTlsSpec, ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes,
                maxEndpoints, annotationPrefixes, s);
    }

    /** Whether the template's names are wanted besides {@code existing} (names the object gave): external-dns's
     *  CombineWithEndpoints. */
    public boolean templateWanted(boolean existing) {
        return fqdnTemplate != null && (shaping.combineFqdnAnnotation() || !existing);
    }

    /** The hostname annotation's names, or none with {@code --ignore-hostname-annotation}. */
    public List<String> hostnames(Annotations ann, String key) {
        return shaping.ignoreHostnameAnnotation() ? List.of() : ann.list(key);
    }

    /** Reads {@code prefixes} (in order, a later one winning a key both carry) instead of the default one. */
    public MappingOptions withAnnotationPrefixes(List<String> prefixes) {
        return new MappingOptions(clusterName, domainFilter, fqdnTemplate, publishInternalServices,
                ignoreIngressTlsSpec, ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes,
                maxEndpoints, prefixes, shaping);
    }

    /** The object's external-dns annotations under this watcher's prefixes. */
    public Annotations annotations(Map<String, String> raw) {
        return Annotations.of(raw, annotationPrefixes);
    }

    /** Options with the default bound ({@value ObjectBound#DEFAULT_MAX_ENDPOINTS} endpoints). */
    public MappingOptions(String clusterName, DomainFilter domainFilter, FqdnTemplate fqdnTemplate,
                          boolean publishInternalServices, boolean ignoreIngressTlsSpec, boolean ignoreIngressRulesSpec,
                          Selector annotationFilter, Set<String> ingressClasses, Set<String> serviceTypes) {
        this(clusterName, domainFilter, fqdnTemplate, publishInternalServices, ignoreIngressTlsSpec,
                ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes,
                ObjectBound.DEFAULT_MAX_ENDPOINTS);
    }

    public static MappingOptions defaults(String clusterName) {
        return new MappingOptions(clusterName, DomainFilter.ALL, null, false, false, false, Selector.ALL, Set.of(),
                Set.of());
    }

    public MappingOptions withDomainFilter(DomainFilter f) {
        return new MappingOptions(clusterName, f, fqdnTemplate, publishInternalServices, ignoreIngressTlsSpec,
                ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes, maxEndpoints,
                annotationPrefixes, shaping);
    }

    public MappingOptions withFqdnTemplate(String template) {
        return new MappingOptions(clusterName, domainFilter, FqdnTemplate.parse(template), publishInternalServices,
                ignoreIngressTlsSpec, ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes,
                maxEndpoints, annotationPrefixes, shaping);
    }

    public MappingOptions withPublishInternalServices(boolean v) {
        return new MappingOptions(clusterName, domainFilter, fqdnTemplate, v, ignoreIngressTlsSpec,
                ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes, maxEndpoints,
                annotationPrefixes, shaping);
    }

    public MappingOptions withIgnoreIngressSpecs(boolean tls, boolean rules) {
        return new MappingOptions(clusterName, domainFilter, fqdnTemplate, publishInternalServices, tls, rules,
                annotationFilter, ingressClasses, serviceTypes, maxEndpoints,
                annotationPrefixes, shaping);
    }

    public MappingOptions withAnnotationFilter(String selector) {
        return new MappingOptions(clusterName, domainFilter, fqdnTemplate, publishInternalServices,
                ignoreIngressTlsSpec, ignoreIngressRulesSpec, Selector.parse(selector), ingressClasses, serviceTypes,
                maxEndpoints, annotationPrefixes, shaping);
    }

    public MappingOptions withIngressClasses(Set<String> classes) {
        return new MappingOptions(clusterName, domainFilter, fqdnTemplate, publishInternalServices,
                ignoreIngressTlsSpec, ignoreIngressRulesSpec, annotationFilter, classes, serviceTypes, maxEndpoints,
                annotationPrefixes, shaping);
    }

    public MappingOptions withServiceTypes(Set<String> types) {
        return new MappingOptions(clusterName, domainFilter, fqdnTemplate, publishInternalServices,
                ignoreIngressTlsSpec, ignoreIngressRulesSpec, annotationFilter, ingressClasses, types, maxEndpoints,
                annotationPrefixes, shaping);
    }

    public MappingOptions withMaxEndpoints(int max) {
        return new MappingOptions(clusterName, domainFilter, fqdnTemplate, publishInternalServices,
                ignoreIngressTlsSpec, ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes, max,
                annotationPrefixes, shaping);
    }
}
