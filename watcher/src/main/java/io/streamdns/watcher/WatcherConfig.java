package io.streamdns.watcher;

import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.watcher.core.CrdMapper;
import io.streamdns.watcher.core.FqdnTemplate;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.Selector;
import io.streamdns.watcher.core.ServiceMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The watcher's configuration, built from flag names without their leading dashes ({@code cluster-name},
 * {@code source}, ...). Lists are comma separated. Every validation error names its flag.
 *
 * @param labelFilter  label selector applied by the API server to Services and Ingresses (null = all)
 * @param resyncPeriod how often informers replay their cache and orphaned keys are re-checked
 * @param safety       what guards this watcher's deletes (scope, identity, budget, relist)
 */
public record WatcherConfig(String clusterName, Set<String> sources, String namespace, String labelFilter,
                            Selector annotationFilter, Set<String> ingressClasses, Set<String> serviceTypes,
                            FqdnTemplate fqdnTemplate, boolean publishInternalServices, boolean ignoreIngressTlsSpec,
                            boolean ignoreIngressRulesSpec, List<String> domainFilters, List<String> excludeDomains,
                            boolean emitEvents, String kubeconfig, String context, Duration resyncPeriod,
                            Safety safety, SourceFlags sourceFlags) {
    public static final String SOURCE_SERVICE = "service";
    public static final String SOURCE_INGRESS = "ingress";
    public static final String SOURCE_CRD = "crd";
    /** Every {@code --source} value, in the order of the source catalogue. */
    public static final Set<String> SOURCES = java.util.Collections.unmodifiableSet(
            new LinkedHashSet<>(Sources.names()));
    public static final Set<String> SERVICE_TYPES = Set.of(ServiceMapper.CLUSTER_IP, ServiceMapper.NODE_PORT,
            ServiceMapper.LOAD_BALANCER, ServiceMapper.EXTERNAL_NAME);
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(5);
    public static final Duration DEFAULT_RELIST = Duration.ofMinutes(10);
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

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
     */
    public record SourceFlags(String crdApiVersion, String crdKind, String gatewayName, String gatewayNamespace,
                              String gatewayLabelFilter) {
        public static final SourceFlags DEFAULT = new SourceFlags(CrdMapper.DEFAULT_API_VERSION,
                CrdMapper.DEFAULT_KIND, null, null, null);

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
    }

    public static WatcherConfig fromMap(Map<String, String> m) {
        String cluster = text(m, "cluster-name");
        if (cluster == null) {
            throw new InvalidFlagException("cluster-name", "required (a name unique to this cluster)");
        }
        if (!cluster.matches(NAME)) {
            throw new InvalidFlagException("cluster-name", "'" + cluster
                    + "' may only hold letters, digits, '.', '_' and '-' (it is part of every record key)");
        }
        Set<String> sources = new LinkedHashSet<>();
        for (String s : list(m, "source")) {
            String v = s.toLowerCase(Locale.ROOT);
            if (!SOURCES.contains(v)) {
                throw new InvalidFlagException("source", "'" + s + "' is not one of " + SOURCES);
            }
            sources.add(v);
        }
        if (sources.isEmpty()) {
            sources.addAll(List.of(SOURCE_SERVICE, SOURCE_INGRESS));
        }
        String labelFilter = text(m, "label-filter");
        parse("label-filter", () -> Selector.parse(labelFilter));
        Selector annotationFilter = parse("annotation-filter", () -> Selector.parse(text(m, "annotation-filter")));
        Set<String> types = new LinkedHashSet<>();
        for (String t : list(m, "service-type-filter")) {
            String canonical = SERVICE_TYPES.stream().filter(x -> x.equalsIgnoreCase(t)).findFirst()
                    .orElseThrow(() -> new InvalidFlagException("service-type-filter",
                            "'" + t + "' is not one of " + SERVICE_TYPES));
            types.add(canonical);
        }
        FqdnTemplate template = parse("fqdn-template", () -> FqdnTemplate.parse(text(m, "fqdn-template")));
        List<String> include = list(m, "domain-filter");
        List<String> exclude = list(m, "exclude-domains");
        parse("domain-filter", () -> DomainFilter.of(include, List.of()));
        parse("exclude-domains", () -> DomainFilter.of(List.of(), exclude));
        Duration resync = DEFAULT_RESYNC;
        String resyncText = text(m, "resync-period");
        if (resyncText != null) {
            long seconds = parse("resync-period", () -> Long.parseLong(resyncText));
            if (seconds < 1 || seconds > 86_400) {
                throw new InvalidFlagException("resync-period", seconds + " is outside 1..86400 seconds");
            }
            resync = Duration.ofSeconds(seconds);
        }
        return new WatcherConfig(cluster, sources, text(m, "namespace"), labelFilter, annotationFilter,
                new LinkedHashSet<>(list(m, "ingress-class")), types, template,
                bool(m, "publish-internal-services"), bool(m, "ignore-ingress-tls-spec"),
                bool(m, "ignore-ingress-rules-spec"), include, exclude, bool(m, "emit-events"),
                text(m, "kubeconfig"), text(m, "context"), resync, safety(m), sourceFlags(m));
    }

    private static SourceFlags sourceFlags(Map<String, String> m) {
        String apiVersion = text(m, "crd-source-apiversion");
        apiVersion = apiVersion == null ? CrdMapper.DEFAULT_API_VERSION : apiVersion;
        if (!apiVersion.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?/[a-z0-9]+")) {
            throw new InvalidFlagException("crd-source-apiversion", "'" + apiVersion
                    + "' is not <group>/<version>, e.g. " + CrdMapper.DEFAULT_API_VERSION);
        }
        String kind = text(m, "crd-source-kind");
        kind = kind == null ? CrdMapper.DEFAULT_KIND : kind;
        if (!kind.matches("[A-Z][A-Za-z0-9]*")) {
            throw new InvalidFlagException("crd-source-kind", "'" + kind + "' is not a kind such as "
                    + CrdMapper.DEFAULT_KIND);
        }
        String gatewayLabels = text(m, "gateway-label-filter");
        parse("gateway-label-filter", () -> Selector.parse(gatewayLabels));
        return new SourceFlags(apiVersion, kind, text(m, "gateway-name"), text(m, "gateway-namespace"),
                gatewayLabels);
    }

    private static Safety safety(Map<String, String> m) {
        String scope = text(m, "watcher-scope");
        scope = scope == null ? ControlKeys.DEFAULT_SCOPE : scope;
        if (!scope.matches(NAME)) {
            throw new InvalidFlagException("watcher-scope", "'" + scope
                    + "' may only hold letters, digits, '.', '_' and '-' (it is part of every record key)");
        }
        double fraction = Safety.DEFAULT.maxDeleteFraction();
        String f = text(m, "max-delete-fraction");
        if (f != null) {
            fraction = parse("max-delete-fraction", () -> Double.parseDouble(f));
            if (!(fraction > 0 && fraction <= 1)) {
                throw new InvalidFlagException("max-delete-fraction", f + " is outside (0, 1]");
            }
        }
        int min = Safety.DEFAULT.minRecordsForBudget();
        String n = text(m, "min-records-for-budget");
        if (n != null) {
            min = parse("min-records-for-budget", () -> Integer.parseInt(n));
            if (min < 0) {
                throw new InvalidFlagException("min-records-for-budget", n + " is negative");
            }
        }
        Duration relist = Safety.DEFAULT.relistInterval();
        String r = text(m, "relist-interval");
        if (r != null) {
            relist = duration("relist-interval", r);
            if (relist.compareTo(Duration.ofSeconds(1)) < 0 || relist.compareTo(Duration.ofDays(1)) > 0) {
                throw new InvalidFlagException("relist-interval", r + " is outside 1s..24h");
            }
        }
        return new Safety(scope, bool(m, "scope-changed"), bool(m, "cluster-replaced"), fraction, min, relist);
    }

    /** {@code 10m}, {@code 30s}, {@code 500ms}, {@code 1h}; a bare number is seconds (as {@code --resync-period}). */
    private static Duration duration(String flag, String v) {
        Matcher x = DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (!x.matches()) {
            throw new InvalidFlagException(flag, "'" + v + "' is not a duration such as 30s, 10m or 1h");
        }
        long amount = Long.parseLong(x.group(1));
        return switch (x.group(2) == null ? "s" : x.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /**
     * The flags that decide which objects this watcher sees and what it publishes for them, in canonical form
     * (sorted, unset flags left out): written in every sync marker and compared at start, so one scope is never
     * shared by watchers with different filters.
     */
    public Map<String, String> scopeSpec() {
        Map<String, String> spec = new TreeMap<>();
        spec.put("source", String.join(",", new java.util.TreeSet<>(sources)));
        putIf(spec, "namespace", namespace);
        putIf(spec, "label-filter", labelFilter);
        putIf(spec, "annotation-filter", annotationFilter == null || annotationFilter.isAll() ? null
                : annotationFilter.toString());
        putIf(spec, "ingress-class", sorted(ingressClasses));
        putIf(spec, "service-type-filter", sorted(serviceTypes));
        putIf(spec, "fqdn-template", fqdnTemplate == null ? null : fqdnTemplate.toString());
        putIf(spec, "domain-filter", sorted(domainFilters));
        putIf(spec, "exclude-domains", sorted(excludeDomains));
        if (publishInternalServices) {
            spec.put("publish-internal-services", "true");
        }
        if (ignoreIngressTlsSpec) {
            spec.put("ignore-ingress-tls-spec", "true");
        }
        if (ignoreIngressRulesSpec) {
            spec.put("ignore-ingress-rules-spec", "true");
        }
        if (sources.contains(SOURCE_CRD) && !SourceFlags.DEFAULT.crdApiVersion().equals(sourceFlags.crdApiVersion())) {
            spec.put("crd-source-apiversion", sourceFlags.crdApiVersion());
        }
        if (sources.contains(SOURCE_CRD) && !SourceFlags.DEFAULT.crdKind().equals(sourceFlags.crdKind())) {
            spec.put("crd-source-kind", sourceFlags.crdKind());
        }
        putIf(spec, "gateway-name", sourceFlags.gatewayName());
        putIf(spec, "gateway-namespace", sourceFlags.gatewayNamespace());
        putIf(spec, "gateway-label-filter", sourceFlags.gatewayLabelFilter());
        return spec;
    }

    private static String sorted(java.util.Collection<String> values) {
        return values.isEmpty() ? null : String.join(",", new java.util.TreeSet<>(values));
    }

    private static void putIf(Map<String, String> spec, String key, String value) {
        if (value != null) {
            spec.put(key, value);
        }
    }

    public MappingOptions mappingOptions() {
        return new MappingOptions(clusterName, domainFilter(), fqdnTemplate, publishInternalServices,
                ignoreIngressTlsSpec, ignoreIngressRulesSpec, annotationFilter, ingressClasses, serviceTypes);
    }

    public DomainFilter domainFilter() {
        return DomainFilter.of(domainFilters, excludeDomains);
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

    private interface Parser<T> {
        T parse();
    }

    private static <T> T parse(String flag, Parser<T> parser) {
        try {
            return parser.parse();
        } catch (InvalidFlagException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidFlagException(flag, e.getMessage());
        }
    }

    private static String text(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static List<String> list(Map<String, String> m, String key) {
        List<String> out = new ArrayList<>();
        String v = m.get(key);
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static boolean bool(Map<String, String> m, String key) {
        String v = text(m, key);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidFlagException(key, "'" + v + "' is not true or false");
        };
    }
}
