package io.streamdns.watcher.core;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.streamdns.model.dns.Targets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A Gateway API route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) → endpoints, with external-dns's
 * gateway-route semantics: for every parent in the route's status that it also names in {@code spec.parentRefs},
 * is a Gateway we see (after {@code --gateway-namespace}/{@code --gateway-label-filter}, {@code --gateway-name}),
 * and has {@code Accepted=True}, the listeners of its {@code sectionName} (all when unset) whose protocol and
 * {@code port} fit and whose {@code allowedRoutes} admit the route's namespace and kind contribute the route's
 * hostnames intersected with the listener's (wildcards on either side); the targets are the Gateway's {@code target}
 * annotation or its {@code status.addresses}.
 */
public final class GatewayRouteMapper {
    public static final String GROUP = "gateway.networking.k8s.io";
    public static final String GATEWAY = "Gateway";
    public static final String HOSTNAME_SOURCE = "gateway-hostname-source";
    static final String ANNOTATION_ONLY = "annotation-only";
    static final String DEFINED_HOSTS_ONLY = "defined-hosts-only";

    private GatewayRouteMapper() {
    }

    /**
     * A route of any kind, as the mapping sees it.
     *
     * @param kind     HTTPRoute, GRPCRoute, ...
     * @param protocol the listener protocol it attaches to: HTTP (also HTTPS), HTTPS (GRPCRoute), TLS, TCP, UDP
     */
    public record Route(String kind, ObjectMeta meta, List<String> hostnames, List<ParentReference> parentRefs,
                        List<RouteParentStatus> parents, String protocol) {
        public Route {
            hostnames = hostnames == null ? List.of() : hostnames;
            parentRefs = parentRefs == null ? List.of() : parentRefs;
            parents = parents == null ? List.of() : parents;
        }
    }

    /**
     * @param gatewayName only Gateways of this name ({@code --gateway-name}); null = any
     */
    public record Options(String gatewayName) {
        public static final Options ANY = new Options(null);
    }

    /**
     * What the mapping reads besides the route.
     *
     * @param gateways        {@code <namespace>/<name>} → the Gateway, null when not seen (or filtered out)
     * @param namespaceLabels namespace name → its labels, null when unknown
     */
    public record Lookups(Function<String, Gateway> gateways, Function<String, Map<String, String>> namespaceLabels) {
    }

    public static MappingResult map(Route rt, Lookups lookups, MappingOptions o, Options g) {
        ObjectMeta meta = rt.meta();
        Annotations ann = Annotations.of(meta.getAnnotations());
        String skipped = Skips.common(ann, o);
        if (skipped != null) {
            return MappingResult.skip(skipped);
        }
        String namespace = meta.getNamespace();
        EndpointCollector out = new EndpointCollector(o, rt.kind().toLowerCase(Locale.ROOT) + "/"
                + namespace + "/" + meta.getName(), ann);
        List<String> hosts = hosts(rt, ann, o, out);
        Map<String, Set<String>> hostTargets = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (rt.parentRefs().isEmpty()) {
            notes.add("no spec.parentRefs");
        }
        for (RouteParentStatus rps : rt.parentRefs().isEmpty() ? List.<RouteParentStatus>of() : rt.parents()) {
            String note = parent(rt, rps, hosts, lookups, g, hostTargets);
            if (note != null) {
                notes.add(note);
            }
        }
        hostTargets.forEach((host, targets) -> out.add(host, new ArrayList<>(targets)));
        MappingResult result = out.result();
        if (result.endpoints().isEmpty() && result.rejections().isEmpty() && !notes.isEmpty()) {
            return new MappingResult(List.of(), List.of(), String.join("; ", notes));
        }
        return result;
    }

    /** The route's hostnames ("" = whatever its listeners say), as external-dns's gateway-hostname-source says. */
    static List<String> hosts(Route rt, Annotations ann, MappingOptions o, EndpointCollector out) {
        List<String> hosts = new ArrayList<>(rt.hostnames());
        if (o.fqdnTemplate() != null && (hosts.isEmpty() || o.shaping().combineFqdnAnnotation())) {
            hosts.addAll(out.templateNames(o.fqdnTemplate().render(rt.kind(), GROUP + "/v1", rt.meta(),
                    "gateway-" + rt.kind().toLowerCase(Locale.ROOT))));
        }
        String source = ann.get(HOSTNAME_SOURCE).map(Annotations::lower).orElse(null);
        if (ANNOTATION_ONLY.equals(source)) {
            return o.hostnames(ann, Annotations.HOSTNAME);
        }
        if (DEFINED_HOSTS_ONLY.equals(source)) {
            return hosts;
        }
        if (source != null) {
            out.reject(MappingRejection.INVALID_ANNOTATION, rt.meta().getName(), HOSTNAME_SOURCE + " '" + source + "' is not "
                    + ANNOTATION_ONLY + " or " + DEFINED_HOSTS_ONLY + "; ignored");
        }
        if (rt.hostnames().isEmpty()) {
            hosts.add("");
        }
        hosts.addAll(o.hostnames(ann, Annotations.HOSTNAME));
        return hosts;
    }

    /** One status parent: adds what it contributes to {@code hostTargets}, or says why it contributes nothing. */
    private static String parent(Route rt, RouteParentStatus rps, List<String> hosts, Lookups lookups, Options g,
                                 Map<String, Set<String>> hostTargets) {
        ParentReference ref = rps.getParentRef();
        if (ref == null || ref.getName() == null) {
            return null;
        }
        String routeNs = rt.meta().getNamespace();
        String ns = or(ref.getNamespace(), routeNs);
        String id = ns + "/" + ref.getName();
        if (rt.parentRefs().stream().noneMatch(p -> sameParent(p, ref, routeNs))) {
            return "status parent " + id + " is not in spec.parentRefs";
        }
        if (!GROUP.equals(or(ref.getGroup(), GROUP)) || !GATEWAY.equals(or(ref.getKind(), GATEWAY))) {
            return "parent " + or(ref.getGroup(), GROUP) + "/" + or(ref.getKind(), GATEWAY) + " " + id
                    + " is not a Gateway";
        }
        Gateway gw = lookups.gateways().apply(id);
        if (gw == null) {
            return "Gateway " + id + " not found (or outside --gateway-namespace/--gateway-label-filter)";
        }
        if (g.gatewayName() != null && !g.gatewayName().equals(gw.getMetadata().getName())) {
            return "Gateway " + id + " is not --gateway-name " + g.gatewayName();
        }
        Annotations gwAnn = Annotations.of(gw.getMetadata().getAnnotations());
        String controller = gwAnn.get(Annotations.CONTROLLER).orElse(null);
        if (controller != null && !controller.equals(Annotations.OUR_CONTROLLER)) {
            return "Gateway " + id + " has controller annotation '" + controller + "'";
        }
        if (!accepted(rps.getConditions())) {
            return "Gateway " + id + " has not accepted the route";
        }
        List<Listener> listeners = gw.getSpec() == null || gw.getSpec().getListeners() == null ? List.of()
                : gw.getSpec().getListeners();
        String section = ref.getSectionName();
        if (section != null && !section.isEmpty()) {
            listeners = listeners.stream().filter(l -> section.equals(l.getName())).toList();
        }
        if (listeners.isEmpty()) {
            return "Gateway " + id + " has no listener " + (section == null || section.isEmpty() ? "" : "'" + section + "'");
        }
        List<String> targets = gwAnn.list(Annotations.TARGET);
        if (targets.isEmpty() && gw.getStatus() != null && gw.getStatus().getAddresses() != null) {
            targets = gw.getStatus().getAddresses().stream().map(GatewayStatusAddress::getValue)
                    .filter(Objects::nonNull).toList();
        }
        boolean matched = false;
        for (Listener lis : listeners) {
            if (!protocolMatches(rt.protocol(), lis.getProtocol())
                    || (ref.getPort() != null && !ref.getPort().equals(lis.getPort()))
                    || !allowed(rt, gw.getMetadata().getNamespace(), lis, lookups)) {
                continue;
            }
            String gwHost = lis.getHostname() == null ? "" : lis.getHostname();
            for (String rtHost : hosts) {
                if (gwHost.isEmpty() && rtHost.isEmpty()) {
                    continue;
                }
                String host = matchingHost(gwHost, rtHost);
                if (host != null) {
                    hostTargets.computeIfAbsent(host, h -> new LinkedHashSet<>()).addAll(targets);
                    matched = true;
                }
            }
        }
        return matched ? null : "no listener of Gateway " + id + " admits the route and its hostnames " + hosts;
    }

    private static boolean sameParent(ParentReference spec, ParentReference status, String routeNs) {
        return or(spec.getGroup(), GROUP).equals(or(status.getGroup(), GROUP))
                && or(spec.getKind(), GATEWAY).equals(or(status.getKind(), GATEWAY))
                && Objects.equals(spec.getName(), status.getName())
                && or(spec.getNamespace(), routeNs).equals(or(status.getNamespace(), routeNs));
    }

    static boolean accepted(List<Condition> conditions) {
        if (conditions != null) {
            for (Condition c : conditions) {
                if ("Accepted".equals(c.getType())) {
                    return "True".equals(c.getStatus());
                }
            }
        }
        return false;
    }

    /** external-dns's protocol match: HTTPS counts as HTTP, a TCP route attaches to a TLS listener too. */
    static boolean protocolMatches(String route, String listener) {
        String a = "HTTPS".equals(route) ? "HTTP" : route;
        String b = "HTTPS".equals(listener) ? "HTTP" : listener;
        if ("TCP".equals(a) && "TLS".equals(b)) {
            b = "TCP";
        }
        return Objects.equals(a, b);
    }

    /** The listener's allowedRoutes: namespaces (Same by default, All, Selector) and kinds. */
    private static boolean allowed(Route rt, String gatewayNs, Listener lis, Lookups lookups) {
        var allow = lis.getAllowedRoutes();
        String from = allow == null || allow.getNamespaces() == null || allow.getNamespaces().getFrom() == null
                ? "Same" : allow.getNamespaces().getFrom();
        String routeNs = rt.meta().getNamespace();
        switch (from) {
            case "All" -> {
            }
            case "Same" -> {
                if (!Objects.equals(gatewayNs, routeNs)) {
                    return false;
                }
            }
            case "Selector" -> {
                Map<String, String> labels = lookups.namespaceLabels().apply(routeNs);
                if (labels == null || !LabelSelectors.matches(allow.getNamespaces().getSelector(), labels)) {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        if (allow == null || allow.getKinds() == null || allow.getKinds().isEmpty()) {
            return true;
        }
        return allow.getKinds().stream().anyMatch(k -> GROUP.equals(or(k.getGroup(), GROUP))
                && rt.kind().equals(k.getKind()));
    }

    /**
     * external-dns's host intersection of a listener's and a route's hostname: either empty → the other; equal →
     * it; a wildcard covers a longer name under it (the more specific name wins); invalid names (IPs) match nothing.
     */
    static String matchingHost(String listener, String route) {
        String a = host(listener);
        String b = host(route);
        if (a == null || b == null) {
            return null;
        }
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty() || a.equals(b)) {
            return a;
        }
        if (b.length() < a.length() || (a.length() == b.length() && b.startsWith("*."))) {
            String t = a;
            a = b;
            b = t;
        }
        return a.startsWith("*.") && b.endsWith(a.substring(1)) ? b : null;
    }

    private static String host(String h) {
        if (h == null || h.isEmpty()) {
            return "";
        }
        var kind = Targets.classify(h).kind();
        if (kind == Targets.Kind.IPV4 || kind == Targets.Kind.IPV6) {
            return null;
        }
        String bare = h.startsWith("*.") ? h.substring(2) : h;
        if (bare.isEmpty() || bare.length() > 255) {
            return null;
        }
        for (String label : bare.split("\\.", -1)) {
            if (!label.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
                return null;
            }
        }
        return h.toLowerCase(Locale.ROOT);
    }

    private static String or(String v, String dflt) {
        return v == null || v.isEmpty() ? dflt : v;
    }
}
