package io.streamdns.watcher;

import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.flags.CommonFlags;
import io.streamdns.runtime.flags.FlagValues;
import io.streamdns.watcher.core.Annotations;
import io.streamdns.watcher.core.CrdMapper;
import io.streamdns.watcher.core.FqdnTemplate;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.Selector;
import io.streamdns.watcher.core.ServiceMapper;
import io.streamdns.watcher.core.Shaping;
import io.streamdns.watcher.core.TargetNets;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The watcher's configuration, made from the values of {@link WatcherFlags}. Every validation error names its flag.
 *
 * @param labelFilter  label selector applied by the API server to Services and Ingresses (null = all)
 * @param resyncPeriod how often informers replay their cache and orphaned keys are re-checked
 * @param safety       what guards this watcher's deletes (scope, identity, budget, relist)
 * @param maxEndpointsPerObject {@code --max-endpoints-per-object}: an object claiming more publishes nothing new
 *                     ({@link io.streamdns.watcher.core.ObjectBound}, DESIGN rule W8)
 * @param annotationPrefixes the external-dns annotation prefixes read, a later one winning a key both carry
 * @param shaping      the flags that shape every object's records ({@code --combine-fqdn-annotation}, ...)
 * @param domainRegex  {@code --regex-domain-filter}, {@code --regex-domain-exclusion} (override the domain lists)
 */
public record WatcherConfig(String clusterName, Set<String> sources, String namespace, String labelFilter,
                            Selector annotationFilter, Set<String> ingressClasses, Set<String> serviceTypes,
                            FqdnTemplate fqdnTemplate, boolean publishInternalServices, boolean ignoreIngressTlsSpec,
                            boolean ignoreIngressRulesSpec, List<String> domainFilters, List<String> excludeDomains,
                            boolean emitEvents, String kubeconfig, String context, Duration resyncPeriod,
                            Safety safety, SourceFlags sourceFlags, int maxEndpointsPerObject,
                            List<String> annotationPrefixes, Shaping shaping, DomainFilter.Regex domainRegex) {
    public static final String SOURCE_SERVICE = "service";
    public static final String SOURCE_INGRESS = "ingress";
    public static final String SOURCE_CRD = "crd";
    public static final String SOURCE_NODE = "node";
    /** Every {@code --source} value, in the order of the source catalogue. */
    public static final Set<String> SOURCES = Collections.unmodifiableSet(
            new LinkedHashSet<>(Sources.names()));
    public static final Set<String> SERVICE_TYPES = Set.of(ServiceMapper.CLUSTER_IP, ServiceMapper.NODE_PORT,
            ServiceMapper.LOAD_BALANCER, ServiceMapper.EXTERNAL_NAME);
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(5);
    public static final Duration DEFAULT_RELIST = Duration.ofMinutes(10);
    /** The highest {@code --max-endpoints-per-object}: the mapping stops well before (its own work ceiling). */
    public static final int MAX_ENDPOINTS_LIMIT = 100_000;

    /**
     * @param scope               {@code --watcher-scope}: this watcher's key space within its cluster
     * @param scopeChanged        {@code --scope-changed}: the scope's flags changed on purpose (no start-up refusal)
     * @param clusterReplaced     {@code --cluster-replaced}: the cluster name now names another cluster on purpose
     * @param maxDeleteFraction   tombstones of one pass above this share of what was restored are held
     * @param minRecordsForBudget the budget applies only when at least this many objects were restored
     * @param relistInterval      how often a full list is read from the API server (not the informer cache)
     */
    public record Safety(String scope, boolean scopeChanged, boolean clusterReplaced, double maxDeleteFraction,
                         int minRecordsForBudget, Duration relistInterval) {
        public static final Safety DEFAULT = new Safety(ControlKeys.DEFAULT_SCOPE, false, false, 0.3, 10,
                DEFAULT_RELIST);
    }

    /**
     * Flags of single sources.
     *
     * @param crdApiVersion      {@code --crd-source-apiversion} (group/version of the DNSEndpoint CRD)
     * @param crdKind            {@code --crd-source-kind}
     * @param gatewayName        {@code --gateway-name}: only routes attached to Gateways of this name (null = any)
     * @param gatewayNamespace   {@code --gateway-namespace}: only Gateways in this namespace (null = any)
     * @param gatewayLabelFilter {@code --gateway-label-filter}: only Gateways whose labels match (null = any)
     * @param excludeUnschedulable {@code --exclude-unschedulable} (node source; default true, as external-dns)
     * @param exposeInternalIpv6 {@code --expose-internal-ipv6} (node source)
     */
    public record SourceFlags(String crdApiVersion, String crdKind, String gatewayName, String gatewayNamespace,
                              String gatewayLabelFilter, boolean excludeUnschedulable, boolean exposeInternalIpv6) {
        public static final SourceFlags DEFAULT = new SourceFlags(CrdMapper.DEFAULT_API_VERSION,
                CrdMapper.DEFAULT_KIND, null, null, null, true, false);

        /** The CRD's API group (before the slash). */
        public String crdGroup() {
            return crdApiVersion.substring(0, crdApiVersion.indexOf('/'));
        }

        public String crdVersion() {
            return crdApiVersion.substring(crdApiVersion.indexOf('/') + 1);
        }
    }

    public WatcherConfig {
        sources = Set.copyOf(sources);
        ingressClasses = Set.copyOf(ingressClasses);
        serviceTypes = Set.copyOf(serviceTypes);
        domainFilters = List.copyOf(domainFilters);
        excludeDomains = List.copyOf(excludeDomains);
        annotationPrefixes = annotationPrefixes == null ? List.of(Annotations.PREFIX) : List.copyOf(annotationPrefixes);
        shaping = shaping == null ? Shaping.NONE : shaping;
        domainRegex = domainRegex == null ? DomainFilter.Regex.NONE : domainRegex;
    }

    /** From flag names without dashes → text (tests); unknown keys are refused. */
    public static WatcherConfig fromMap(Map<String, String> m) {
        return from(WatcherFlags.ALL.values(m));
    }

    public static WatcherConfig from(FlagValues v) {
        String cluster = v.get(WatcherFlags.CLUSTER_NAME);
        if (cluster.isEmpty()) {
            throw new InvalidFlagException("cluster-name", "required (a name unique to this cluster)");
        }
        Set<String> sources = new LinkedHashSet<>(v.get(WatcherFlags.SOURCE));
        if (sources.isEmpty()) {
            sources.addAll(List.of(SOURCE_SERVICE, SOURCE_INGRESS));
        }
        FqdnTemplate template = FqdnTemplate.parse(v.get(WatcherFlags.FQDN_TEMPLATE));
        Shaping shaping = new Shaping(v.get(WatcherFlags.COMBINE_FQDN_ANNOTATION),
                v.get(WatcherFlags.IGNORE_HOSTNAME_ANNOTATION), v.get(WatcherFlags.DEFAULT_TARGETS),
                v.get(WatcherFlags.FORCE_DEFAULT_TARGETS), TargetNets.of(v.get(WatcherFlags.TARGET_NET_FILTER),
                v.get(WatcherFlags.EXCLUDE_TARGET_NET)), v.get(WatcherFlags.MIN_TTL).toSeconds());
        List<String> prefixes = v.get(WatcherFlags.ALPHA_ANNOTATIONS)
                ? List.of(Annotations.ALPHA_PREFIX, v.get(WatcherFlags.ANNOTATION_PREFIX))
                : List.of(v.get(WatcherFlags.ANNOTATION_PREFIX));
        Safety safety = new Safety(v.get(WatcherFlags.WATCHER_SCOPE), v.get(WatcherFlags.SCOPE_CHANGED),
                v.get(WatcherFlags.CLUSTER_REPLACED), v.get(CommonFlags.MAX_DELETE_FRACTION),
                v.get(CommonFlags.MIN_RECORDS_FOR_BUDGET), v.get(WatcherFlags.RELIST_INTERVAL));
        SourceFlags sourceFlags = new SourceFlags(v.get(WatcherFlags.CRD_SOURCE_APIVERSION),
                v.get(WatcherFlags.CRD_SOURCE_KIND), blankToNull(v.get(WatcherFlags.GATEWAY_NAME)),
                blankToNull(v.get(WatcherFlags.GATEWAY_NAMESPACE)), blankToNull(v.get(WatcherFlags.GATEWAY_LABEL_FILTER)),
                v.get(WatcherFlags.EXCLUDE_UNSCHEDULABLE), v.get(WatcherFlags.EXPOSE_INTERNAL_IPV6));
        return new WatcherConfig(cluster, sources, blankToNull(v.get(WatcherFlags.NAMESPACE)),
                blankToNull(v.get(WatcherFlags.LABEL_FILTER)), Selector.parse(blankToNull(v.get(WatcherFlags.ANNOTATION_FILTER))),
                new LinkedHashSet<>(v.get(WatcherFlags.INGRESS_CLASS)),
                new LinkedHashSet<>(v.get(WatcherFlags.SERVICE_TYPE_FILTER)),
                template, v.get(WatcherFlags.PUBLISH_INTERNAL_SERVICES),
                v.get(WatcherFlags.IGNORE_INGRESS_TLS_SPEC), v.get(WatcherFlags.IGNORE_INGRESS_RULES_SPEC),
                v.get(CommonFlags.DOMAIN_FILTER), v.get(CommonFlags.EXCLUDE_DOMAINS), v.get(WatcherFlags.EMIT_EVENTS),
                blankToNull(v.get(WatcherFlags.KUBECONFIG)), blankToNull(v.get(WatcherFlags.CONTEXT)),
                v.get(WatcherFlags.RESYNC_PERIOD), safety, sourceFlags, v.get(WatcherFlags.MAX_ENDPOINTS_PER_OBJECT),
                prefixes, shaping, CommonFlags.domainRegex(v));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The flags that decide which objects this watcher sees and what it publishes for them, in canonical form
     * (sorted, unset flags left out): written in every sync marker and compared at start, so one scope is never
     * shared by watchers with different filters.
     */
    public Map<String, String> scopeSpec() {
        Map<String, String> spec = new TreeMap<>();
        spec.put("source", String.join(",", new TreeSet<>(sources)));
        putIf(spec, "namespace", namespace);
        putIf(spec, "label-filter", labelFilter);
        putIf(spec, "annotation-filter", annotationFilter == null || annotationFilter.isAll() ? null
                : annotationFilter.toString());
        putIf(spec, "ingress-class", sorted(ingressClasses));
        putIf(spec, "service-type-filter", sorted(serviceTypes));
        putIf(spec, "fqdn-template", fqdnTemplate == null ? null : fqdnTemplate.toString());
        putIf(spec, "domain-filter", sorted(domainFilters));
        putIf(spec, "exclude-domains", sorted(excludeDomains));
        putIf(spec, "regex-domain-filter", domainRegex.include().isEmpty() ? null : domainRegex.include());
        putIf(spec, "regex-domain-exclusion", domainRegex.exclude().isEmpty() ? null : domainRegex.exclude());
        if (publishInternalServices) {
            spec.put("publish-internal-services", "true");
        }
        if (ignoreIngressTlsSpec) {
            spec.put("ignore-ingress-tls-spec", "true");
        }
        if (ignoreIngressRulesSpec) {
            spec.put("ignore-ingress-rules-spec", "true");
        }
        if (shaping.combineFqdnAnnotation()) {
            spec.put("combine-fqdn-annotation", "true");
        }
        if (shaping.ignoreHostnameAnnotation()) {
            spec.put("ignore-hostname-annotation", "true");
        }
        if (sources.contains(SOURCE_CRD) && !SourceFlags.DEFAULT.crdApiVersion().equals(sourceFlags.crdApiVersion())) {
            spec.put("crd-source-apiversion", sourceFlags.crdApiVersion());
        }
        if (sources.contains(SOURCE_CRD) && !SourceFlags.DEFAULT.crdKind().equals(sourceFlags.crdKind())) {
            spec.put("crd-source-kind", sourceFlags.crdKind());
        }
        if (!annotationPrefixes.equals(List.of(Annotations.PREFIX))) {
            spec.put("annotation-prefix", String.join(",", annotationPrefixes));
        }
        putIf(spec, "gateway-name", sourceFlags.gatewayName());
        putIf(spec, "gateway-namespace", sourceFlags.gatewayNamespace());
        putIf(spec, "gateway-label-filter", sourceFlags.gatewayLabelFilter());
        if (sources.contains(SOURCE_NODE) && !sourceFlags.excludeUnschedulable()) {
            spec.put("exclude-unschedulable", "false");
        }
        if (sources.contains(SOURCE_NODE) && sourceFlags.exposeInternalIpv6()) {
            spec.put("expose-internal-ipv6", "true");
        }
        return spec;
    }

    private static String sorted(Collection<String> values) {
        return values.isEmpty() ? null : String.join(",", new TreeSet<>(values));
    }

    private static void putIf(Map<String, String> spec, String key, String value) {
        if (value != null) {
            spec.put(key, value);
        }
    }

    public MappingOptions mappingOptions() {
        return new MappingOptions(clusterName, domainFilter(), fqdnTemplate, publishInternalServices,
                ignoreIngressTlsSpec, ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes,
                maxEndpointsPerObject, annotationPrefixes, shaping);
    }

    public DomainFilter domainFilter() {
        return DomainFilter.of(domainFilters, excludeDomains, domainRegex);
    }

    public boolean watchesServices() {
        return sources.contains(SOURCE_SERVICE);
    }

    public boolean watchesIngresses() {
        return sources.contains(SOURCE_INGRESS);
    }

    private boolean serviceTypeWanted(String type) {
        return watchesServices() && (serviceTypes.isEmpty() || serviceTypes.contains(type));
    }

    /** Headless services and NodePort services with externalTrafficPolicy=Local read EndpointSlices. */
    public boolean needsEndpointSlices() {
        return serviceTypeWanted(ServiceMapper.CLUSTER_IP) || serviceTypeWanted(ServiceMapper.NODE_PORT);
    }

    public boolean needsNodes() {
        return serviceTypeWanted(ServiceMapper.NODE_PORT);
    }
}
