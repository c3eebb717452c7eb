package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.streamdns.watcher.core.IngressMapper;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.MappingResult;
import java.util.List;

/** {@code --source=ingress}: networking.k8s.io/v1 Ingresses; the mapping reads nothing else. */
final class IngressSource extends KindSource<Ingress> {
    private final MappingOptions options;

    IngressSource(MappingOptions options) {
        super(WatcherConfig.SOURCE_INGRESS, IngressMapper.KIND, Ingress.class);
        this.options = options;
    }

    @Override
    public SharedIndexInformer<Ingress> informer(KubeInformers in) {
        return in.namespaced(in.client.network().v1().ingresses());
    }

    @Override
    public List<WatcherRbac.Grant> rbac(WatcherConfig config) {
        return WatcherRbac.read("networking.k8s.io", "ingresses");
    }

    @Override
    public MappingResult map(Ingress ing, KubeInformers in) {
        return IngressMapper.map(ing, options);
    }
}
