package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TCPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.UDPRoute;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.streamdns.watcher.core.GatewayRouteMapper;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.MappingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code --source=gateway-<kind>route}: one Gateway API route kind, mapped against the Gateways it attaches to
 * (one Gateway informer, in {@code --gateway-namespace} under {@code --gateway-label-filter}, shared by all route
 * sources) and the namespaces' labels (for listeners that admit routes by namespace selector). A Gateway change
 * re-maps the routes that name it; a namespace label change the routes in that namespace.
 */
final class GatewayRouteSource<T extends HasMetadata> extends KindSource<T> {
    static final String GATEWAYS = "Gateway";
    static final String NAMESPACES = "Namespace";
    /** Routes indexed by the {@code <namespace>/<name>} of every Gateway their spec.parentRefs name. */
    static final String BY_PARENT = "parent";

    /** One route kind: its --source name, API and where its hostnames, parents and status live. */
    record Kind<T extends HasMetadata>(String source, String kind, Class<T> type, String plural, String protocol,
                   Function<T, List<String>> hostnames, Function<T, List<ParentReference>> parentRefs,
                   Function<T, List<RouteParentStatus>> parents) {
    }

    static final Kind<HTTPRoute> HTTP = new Kind<>("gateway-httproute", "HTTPRoute", HTTPRoute.class, "httproutes",
            "HTTP", r -> r.getSpec() == null ? null : r.getSpec().getHostnames(),
            r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
            r -> r.getStatus() == null ? null : r.getStatus().getParents());
    static final Kind<GRPCRoute> GRPC = new Kind<>("gateway-grpcroute", "GRPCRoute", GRPCRoute.class, "grpcroutes",
            "HTTPS", r -> r.getSpec() == null ? null : r.getSpec().getHostnames(),
            r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
            r -> r.getStatus() == null ? null : r.getStatus().getParents());
    static final Kind<TLSRoute> TLS = new Kind<>("gateway-tlsroute", "TLSRoute", TLSRoute.class, "tlsroutes",
            "TLS", r -> r.getSpec() == null ? null : r.getSpec().getHostnames(),
            r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
            r -> r.getStatus() == null ? null : r.getStatus().getParents());
    /** TCP and UDP routes have no hostnames: the listeners' (or the hostname annotation) name them. */
    static final Kind<TCPRoute> TCP = new Kind<>("gateway-tcproute", "TCPRoute", TCPRoute.class, "tcproutes",
            "TCP", r -> null, r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
            r -> r.getStatus() == null ? null : r.getStatus().getParents());
    static final Kind<UDPRoute> UDP = new Kind<>("gateway-udproute", "UDPRoute", UDPRoute.class, "udproutes",
            "UDP", r -> null, r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
            r -> r.getStatus() == null ? null : r.getStatus().getParents());
    static final List<Kind<?>> KINDS = List.of(HTTP, GRPC, TLS, TCP, UDP);

    private final Kind<T> route;
    private final MappingOptions options;
    private final GatewayRouteMapper.Options gatewayOptions;

    static <R extends HasMetadata> GatewayRouteSource<R> of(Kind<R> route, WatcherConfig config,
                                                            MappingOptions options) {
        return new GatewayRouteSource<>(route, config, options);
    }

    GatewayRouteSource(Kind<T> route, WatcherConfig config, MappingOptions options) {
        super(route.source(), route.kind(), route.type());
        this.route = route;
        this.options = options;
        this.gatewayOptions = new GatewayRouteMapper.Options(config.sourceFlags().gatewayName());
    }

    @Override
    public SharedIndexInformer<T> informer(KubeInformers in) {
        SharedIndexInformer<T> informer = in.namespaced(in.client.resources(route.type()));
        informer.addIndexers(Map.of(BY_PARENT, r -> gatewaysNamed(r)));
        return informer;
    }

    private List<String> gatewaysNamed(T r) {
        List<String> out = new ArrayList<>();
        List<ParentReference> refs = route.parentRefs().apply(r);
        for (ParentReference p : refs == null ? List.<ParentReference>of() : refs) {
            boolean gateway = (p.getGroup() == null || p.getGroup().isEmpty() || GatewayRouteMapper.GROUP.equals(p.getGroup()))
                    && (p.getKind() == null || p.getKind().isEmpty() || GatewayRouteMapper.GATEWAY.equals(p.getKind()));
            if (gateway && p.getName() != null) {
                String ns = p.getNamespace() == null || p.getNamespace().isEmpty() ? r.getMetadata().getNamespace()
                        : p.getNamespace();
                out.add(ns + "/" + p.getName());
            }
        }
        return out;
    }

    @Override
    public List<Dependency<?>> dependencies(KubeInformers in) {
        SharedIndexInformer<Gateway> gateways = in.shared(GATEWAYS, () -> gatewayInformer(in));
        SharedIndexInformer<Namespace> namespaces = in.shared(NAMESPACES, () -> in.client.namespaces().runnableInformer(0));
        return List.of(
                new Dependency<>(GATEWAYS, gateways, gw -> Arrays.asList(gw.getSpec(), gw.getMetadata().getLabels(),
                        gw.getMetadata().getAnnotations(), gw.getStatus() == null ? null : gw.getStatus().getAddresses()),
                        (gw, lookups) -> lookups.byIndex(kind(), BY_PARENT,
                                gw.getMetadata().getNamespace() + "/" + gw.getMetadata().getName())),
                new Dependency<>(NAMESPACES, namespaces, ns -> ns.getMetadata().getLabels(),
                        (ns, lookups) -> lookups.objects(kind()).stream()
                                .filter(r -> ns.getMetadata().getName().equals(r.getMetadata().getNamespace())).toList()));
    }

    /** Gateways in --gateway-namespace (all when unset), filtered by --gateway-label-filter on the server. */
    private static SharedIndexInformer<Gateway> gatewayInformer(KubeInformers in) {
        var flags = in.config.sourceFlags();
        var op = in.client.resources(Gateway.class);
        var scoped = flags.gatewayNamespace() == null ? op.inAnyNamespace() : op.inNamespace(flags.gatewayNamespace());
        return (flags.gatewayLabelFilter() == null ? scoped : scoped.withLabelSelector(flags.gatewayLabelFilter()))
                .runnableInformer(0);
    }

    @Override
    public List<WatcherRbac.Grant> rbac(WatcherConfig config) {
        List<WatcherRbac.Grant> out = new ArrayList<>(WatcherRbac.read(GatewayRouteMapper.GROUP, route.plural()));
        out.addAll(WatcherRbac.read(GatewayRouteMapper.GROUP, "gateways"));
        for (String verb : List.of("list", "watch")) { // get stays limited to kube-system (the identity)
            out.add(new WatcherRbac.Grant("", "namespaces", null, verb));
        }
        return out;
    }

    @Override
    public MappingResult map(T object, KubeInformers in) {
        SharedIndexInformer<Gateway> gateways = in.shared(GATEWAYS);
        SharedIndexInformer<Namespace> namespaces = in.shared(NAMESPACES);
        var lookups = new GatewayRouteMapper.Lookups(id -> gateways.getStore().getByKey(id), name -> {
            Namespace ns = namespaces.getStore().getByKey(name);
            return ns == null ? null : ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
        });
        var rt = new GatewayRouteMapper.Route(route.kind(), object.getMetadata(), route.hostnames().apply(object),
                route.parentRefs().apply(object), route.parents().apply(object), route.protocol());
        return GatewayRouteMapper.map(rt, lookups, options, gatewayOptions);
    }
}
