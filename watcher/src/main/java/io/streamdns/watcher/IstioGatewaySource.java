package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.streamdns.watcher.core.IstioMapper;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.MappingResult;
import java.util.List;

/**
 * {@code --source=istio-gateway}: Istio {@code networking.istio.io/v1} Gateways, read as generic resources, with
 * the ingress Services their selector picks as targets; a Service change re-maps the Gateways selecting it.
 */
final class IstioGatewaySource extends KindSource<GenericKubernetesResource> {
    static final String NAME = "istio-gateway";
    static final String KIND = "IstioGateway";

    private final MappingOptions options;

    IstioGatewaySource(MappingOptions options) {
        super(NAME, KIND, GenericKubernetesResource.class);
        this.options = options;
    }

    @Override
    public SharedIndexInformer<GenericKubernetesResource> informer(KubeInformers in) {
        return in.namespaced(in.client.genericKubernetesResources(Istio.GATEWAY));
    }

    @Override
    public List<Dependency<?>> dependencies(KubeInformers in) {
        SharedIndexInformer<Service> services = Istio.services(in);
        return List.of(new Dependency<>("Service", services, Istio::serviceRelevant, (svc, lookups) ->
                lookups.objects(KIND).stream().filter(g -> g instanceof GenericKubernetesResource r
                        && IstioMapper.Gateway.of(r).selects(svc)).toList()));
    }

    @Override
    public List<WatcherRbac.Grant> rbac(WatcherConfig config) {
        return Istio.rbac(Istio.GATEWAY.getPlural());
    }

    @Override
    public MappingResult map(GenericKubernetesResource object, KubeInformers in) {
        return IstioMapper.mapGateway(IstioMapper.Gateway.of(object), Istio.serviceList(in), options);
    }
}
