package io.streamdns.watcher;

import static io.streamdns.runtime.flags.Flag.bool;
import static io.streamdns.runtime.flags.Flag.of;
import static io.streamdns.runtime.flags.Flag.string;

import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.dns.Cidr;
import io.streamdns.model.dns.Targets;
import io.streamdns.runtime.flags.CommonFlags;
import io.streamdns.runtime.flags.Flag;
import io.streamdns.runtime.flags.FlagSet;
import io.streamdns.runtime.flags.FlagType;
import io.streamdns.watcher.core.Annotations;
import io.streamdns.watcher.core.CrdMapper;
import io.streamdns.watcher.core.FqdnTemplate;
import io.streamdns.watcher.core.ObjectBound;
import io.streamdns.watcher.core.Selector;
import java.time.Duration;
import java.util.List;

/** Every flag of the watcher, defined once; {@link WatcherConfig} is made from their values. */
public final class WatcherFlags {
    private WatcherFlags() {
    }

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

    /** A key-safe name: it is part of every record key. */
    static FlagType<String> name() {
        return FlagType.of("name", n -> {
            if (!n.isEmpty() && !n.matches(NAME)) {
                throw new IllegalArgumentException("'" + n + "' may only hold letters, digits, '.', '_' and '-' (it "
                        + "is part of every record key)");
            }
            return n;
        }, n -> n);
    }

    /** A label selector as the API server takes it. */
    static final FlagType<String> SELECTOR = FlagType.of("selector", s -> {
        if (!s.isEmpty()) {
            Selector.parse(s);
        }
        return s;
    }, s -> s);

    public static final Flag<String> CLUSTER_NAME = of("cluster-name", name(), "",
            "Name of this cluster, unique among all watchers; a watcher on its own needs one, run's one watcher is "
                    + "'default' without it");
    public static final Flag<List<String>> SOURCE = of("source", FlagType.list(FlagType.oneOf(
            WatcherConfig.SOURCES.toArray(String[]::new))), List.of(WatcherConfig.SOURCE_SERVICE,
            WatcherConfig.SOURCE_INGRESS), "Kinds of objects to watch");
    public static final Flag<String> CRD_SOURCE_APIVERSION = of("crd-source-apiversion", FlagType.of("group/version",
            v -> {
                if (!v.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?/[a-z0-9]+")) {
                    throw new IllegalArgumentException("'" + v + "' is not <group>/<version>, e.g. "
                            + CrdMapper.DEFAULT_API_VERSION);
                }
                return v;
            }, v -> v), CrdMapper.DEFAULT_API_VERSION, "API version of the DNSEndpoint CRD of --source=crd");
    public static final Flag<String> CRD_SOURCE_KIND = of("crd-source-kind", FlagType.of("Kind", k -> {
        if (!k.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("'" + k + "' is not a kind such as " + CrdMapper.DEFAULT_KIND);
        }
        return k;
    }, k -> k), CrdMapper.DEFAULT_KIND, "Kind of the DNSEndpoint CRD of --source=crd");
    public static final Flag<Boolean> EXCLUDE_UNSCHEDULABLE = bool("exclude-unschedulable", true,
            "Node source: leave unschedulable nodes out, as external-dns");
    public static final Flag<Boolean> EXPOSE_INTERNAL_IPV6 = bool("expose-internal-ipv6", false,
            "Node source: publish internal IPv6 addresses beside the external ones");
    public static final Flag<String> GATEWAY_NAME = string("gateway-name", "",
            "Gateway API sources: only routes attached to Gateways of this name");
    public static final Flag<String> GATEWAY_NAMESPACE = string("gateway-namespace", "",
            "Gateway API sources: only Gateways in this namespace");
    public static final Flag<String> GATEWAY_LABEL_FILTER = of("gateway-label-filter", SELECTOR, "",
            "Gateway API sources: only Gateways whose labels match this selector");
    public static final Flag<String> NAMESPACE = string("namespace", "", "Watch only this namespace; empty: all");
    public static final Flag<String> LABEL_FILTER = of("label-filter", SELECTOR, "",
            "Label selector for the watched objects; empty: all");
    public static final Flag<String> ANNOTATION_FILTER = of("annotation-filter", SELECTOR, "",
            "Selector on annotations, label-selector syntax; empty: all");
    public static final Flag<String> ANNOTATION_PREFIX = of("annotation-prefix", FlagType.of("prefix/", p -> {
        if (!p.endsWith("/") || p.length() < 2) {
            throw new IllegalArgumentException("'" + p + "' must end with '/', e.g. " + Annotations.PREFIX);
        }
        return p;
    }, p -> p), Annotations.PREFIX, "Prefix of the external-dns annotations read, as external-dns v0.22");
    public static final Flag<Boolean> ALPHA_ANNOTATIONS = bool("alpha-annotations", false,
            "Also read the old " + Annotations.ALPHA_PREFIX + " annotations (--annotation-prefix wins); off as in "
                    + "external-dns v0.22, where stale ones would start publishing records");
    public static final Flag<List<String>> INGRESS_CLASS = Flag.strings("ingress-class",
            "Only Ingresses of these classes; empty: any");
    public static final Flag<List<String>> SERVICE_TYPE_FILTER = of("service-type-filter", FlagType.list(
            FlagType.oneOf("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")), List.of(),
            "Only Services of these types; empty: all");
    /**
     * Repeatable, one template a value (a value may itself hold several, comma separated): external-dns joins them
     * with commas into one Go template, so they are not split here (a comma may sit inside an action).
     */
    public static final Flag<List<String>> FQDN_TEMPLATE = of("fqdn-template", new FlagType<>("template", t -> {
        List<String> templates = java.util.Arrays.stream(t.split("\n")).filter(x -> !x.isBlank()).map(String::strip)
                .distinct().toList();
        FqdnTemplate.parse(templates);
        return templates;
    }, l -> String.join(",", l), FlagType.Kind.LIST), List.of(), "Go template(s) of names for objects without names "
            + "of their own, e.g. '{{.Name}}.{{.Namespace}}.example.com'; external-dns's data (.Name, .Namespace, "
            + ".Labels, .Annotations, .Kind, .Spec, ...) and functions (trimPrefix, trimSuffix, replace, toLower, "
            + "contains, hasKey, ...)");
    public static final Flag<Boolean> COMBINE_FQDN_ANNOTATION = bool("combine-fqdn-annotation", false,
            "Names from --fqdn-template besides the object's own (hostname annotation, spec hosts), not only when it "
                    + "has none");
    public static final Flag<Boolean> IGNORE_HOSTNAME_ANNOTATION = bool("ignore-hostname-annotation", false,
            "Do not read the hostname (and internal-hostname) annotation: names come from the spec and "
                    + "--fqdn-template only");
    public static final Flag<List<String>> DEFAULT_TARGETS = of("default-targets", FlagType.list(FlagType.of("target",
            t -> {
                Targets.Classified c = Targets.classify(t);
                if (c.kind() == Targets.Kind.INVALID) {
                    throw new IllegalArgumentException(c.reason());
                }
                return c.value();
            }, t -> t)), List.of(), "Targets of endpoints that have none (a DNSEndpoint entry with empty targets), "
            + "as external-dns; IPs make A/AAAA records, host names CNAMEs");
    public static final Flag<Boolean> FORCE_DEFAULT_TARGETS = bool("force-default-targets", false,
            "Every endpoint of every source gets --default-targets instead of its own targets (external-dns's legacy "
                    + "behaviour)");
    /** A network in CIDR notation; a bad one is refused (external-dns logs and ignores it). */
    static final FlagType<String> CIDR = FlagType.of("cidr", c -> Cidr.parse(c).toString(), c -> c);
    public static final Flag<List<String>> TARGET_NET_FILTER = of("target-net-filter", FlagType.list(CIDR), List.of(),
            "Only targets in these networks; a target that is not an IP (host name, SRV value) is dropped");
    public static final Flag<List<String>> EXCLUDE_TARGET_NET = of("exclude-target-net", FlagType.list(CIDR),
            List.of(), "Never targets in these networks; targets that are not IPs are kept");
    public static final Flag<Duration> MIN_TTL = of("min-ttl", FlagType.duration(Duration.ZERO,
            Duration.ofSeconds(Integer.MAX_VALUE)), Duration.ZERO, "TTL of records whose TTL is not set (no ttl "
            + "annotation, or 0), as external-dns's --min-ttl; a TTL that is set stays; 0s: off");
    public static final Flag<Boolean> PUBLISH_INTERNAL_SERVICES = bool("publish-internal-services", false,
            "Publish ClusterIP services too (their cluster IP)");
    public static final Flag<Boolean> IGNORE_INGRESS_TLS_SPEC = bool("ignore-ingress-tls-spec", false,
            "Ignore spec.tls[].hosts of Ingresses");
    public static final Flag<Boolean> IGNORE_INGRESS_RULES_SPEC = bool("ignore-ingress-rules-spec", false,
            "Ignore spec.rules[].host of Ingresses");
    public static final Flag<Boolean> EMIT_EVENTS = bool("emit-events", false,
            "Write a Warning Event on objects whose endpoints were dropped");
    public static final Flag<String> KUBECONFIG = string("kubeconfig", "",
            "Kubeconfig file; empty: $KUBECONFIG, ~/.kube/config, in-cluster");
    public static final Flag<String> CONTEXT = string("context", "", "Kubeconfig context; empty: the current one");
    public static final Flag<Duration> RESYNC_PERIOD = of("resync-period", FlagType.duration(Duration.ofSeconds(1),
            Duration.ofDays(1)), WatcherConfig.DEFAULT_RESYNC, "How often informers replay their cache and orphaned "
            + "keys are checked");
    public static final Flag<String> WATCHER_SCOPE = of("watcher-scope", name(), ControlKeys.DEFAULT_SCOPE,
            "Key space of this watcher within its cluster: give each watcher that splits one cluster by filters its "
                    + "own");
    public static final Flag<Boolean> SCOPE_CHANGED = bool("scope-changed", false, "This scope's filters were changed "
            + "on purpose: start even though its recent sync marker shows other filters (objects that left the scope "
            + "are tombstoned)");
    public static final Flag<Boolean> CLUSTER_REPLACED = bool("cluster-replaced", false, "The cluster behind "
            + "--cluster-name was replaced on purpose: start even though its sync markers name another cluster "
            + "identity (kube-system UID)");
    public static final Flag<Duration> RELIST_INTERVAL = of("relist-interval", FlagType.duration(Duration.ofSeconds(1),
            Duration.ofDays(1)), WatcherConfig.DEFAULT_RELIST, "How often everything is listed from the API server "
            + "again (not from the informer cache), a backstop against missed watch events");

    public static final Flag<Integer> MAX_ENDPOINTS_PER_OBJECT = of("max-endpoints-per-object",
            FlagType.integer(1, WatcherConfig.MAX_ENDPOINTS_LIMIT), ObjectBound.DEFAULT_MAX_ENDPOINTS,
            "Most endpoints one object may claim; an object claiming more (or whose state would not fit in one Kafka "
                    + "record) publishes nothing new, keeps what it had published and is reported (log, metric, Event)");

    public static final FlagSet ALL = FlagSet.of("watcher", CLUSTER_NAME, SOURCE, CRD_SOURCE_APIVERSION,
            CRD_SOURCE_KIND, EXCLUDE_UNSCHEDULABLE, EXPOSE_INTERNAL_IPV6, GATEWAY_NAME, GATEWAY_NAMESPACE, GATEWAY_LABEL_FILTER, NAMESPACE, LABEL_FILTER,
            ANNOTATION_FILTER, ANNOTATION_PREFIX, ALPHA_ANNOTATIONS, INGRESS_CLASS, SERVICE_TYPE_FILTER, FQDN_TEMPLATE,
            COMBINE_FQDN_ANNOTATION, IGNORE_HOSTNAME_ANNOTATION, DEFAULT_TARGETS, FORCE_DEFAULT_TARGETS,
            TARGET_NET_FILTER, EXCLUDE_TARGET_NET, MIN_TTL, PUBLISH_INTERNAL_SERVICES, IGNORE_INGRESS_TLS_SPEC, IGNORE_INGRESS_RULES_SPEC, CommonFlags.DOMAIN_FILTER,
            CommonFlags.EXCLUDE_DOMAINS, CommonFlags.REGEX_DOMAIN_FILTER, CommonFlags.REGEX_DOMAIN_EXCLUSION, EMIT_EVENTS, KUBECONFIG, CONTEXT, RESYNC_PERIOD, WATCHER_SCOPE,
            SCOPE_CHANGED, CLUSTER_REPLACED, CommonFlags.MAX_DELETE_FRACTION, CommonFlags.MIN_RECORDS_FOR_BUDGET,
            RELIST_INTERVAL, MAX_ENDPOINTS_PER_OBJECT);
}
