package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.streamdns.watcher.core.IstioMapper;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.MappingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --source=istio-virtualservice}: Istio VirtualServices, mapped against the Gateways of their
 * {@code spec.gateways} and those Gateways' Services. A Gateway change re-maps the VirtualServices naming it, a
 * Service change those naming a Gateway that selects it.
 */
final class IstioVirtualServiceSource extends KindSource<GenericKubernetesResource> {
    static final String NAME = "istio-virtualservice";
    static final String KIND = "VirtualService";
    /** VirtualServices indexed by the {@code <namespace>/<name>} of every Gateway they name. */
    static final String BY_GATEWAY = "istio-gateway";

    private final MappingOptions options;

    IstioVirtualServiceSource(MappingOptions options) {
        super(NAME, KIND, GenericKubernetesResource.class);
        this.options = options;
    }

    @Override
    public SharedIndexInformer<GenericKubernetesResource> informer(KubeInformers in) {
        SharedIndexInformer<GenericKubernetesResource> informer =
                in.namespaced(in.client.genericKubernetesResources(Istio.VIRTUAL_SERVICE));
        informer.addIndexers(Map.of(BY_GATEWAY, r -> IstioMapper.VirtualService.of(r).gatewayIds()));
        return informer;
    }

    @Override
    public List<Dependency<?>> dependencies(KubeInformers in) {
        SharedIndexInformer<GenericKubernetesResource> gateways = Istio.gateways(in);
        SharedIndexInformer<Service> services = Istio.services(in);
        return List.of(
                new Dependency<>("IstioGateway", gateways, g -> Arrays.asList(g.getAdditionalProperties().get("spec"),
                        g.getMetadata().getAnnotations()),
                        (g, lookups) -> lookups.byIndex(KIND, BY_GATEWAY,
                                g.getMetadata().getNamespace() + "/" + g.getMetadata().getName())),
                new Dependency<>("Service", services, Istio::serviceRelevant, (svc, lookups) -> {
                    Set<HasMetadata> out = new LinkedHashSet<>();
                    for (GenericKubernetesResource g : gateways.getStore().list()) {
                        if (IstioMapper.Gateway.of(g).selects(svc)) {
                            out.addAll(lookups.byIndex(KIND, BY_GATEWAY,
                                    g.getMetadata().getNamespace() + "/" + g.getMetadata().getName()));
                        }
                    }
                    return new ArrayList<>(out);
                }));
    }

    @Override
    public List<WatcherRbac.Grant> rbac(WatcherConfig config) {
        List<WatcherRbac.Grant> out = new ArrayList<>(Istio.rbac(Istio.VIRTUAL_SERVICE.getPlural()));
        out.addAll(WatcherRbac.read(IstioMapper.GROUP, Istio.GATEWAY.getPlural()));
        return out;
    }

    @Override
    public MappingResult map(GenericKubernetesResource object, KubeInformers in) {
        SharedIndexInformer<GenericKubernetesResource> gateways = in.shared(Istio.GATEWAYS);
        var lookups = new IstioMapper.Lookups(id -> {
            GenericKubernetesResource g = gateways.getStore().getByKey(id);
            return g == null ? null : IstioMapper.Gateway.of(g);
        }, Istio.serviceList(in));
        return IstioMapper.mapVirtualService(IstioMapper.VirtualService.of(object), lookups, options);
    }
}
