package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.streamdns.watcher.core.IstioMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the two Istio sources share: the resources, and the lookup informers (Services, Gateways) they read. */
final class Istio {
    static final String SERVICES = "IstioService";
    static final String GATEWAYS = "IstioGateway.lookup";
    static final ResourceDefinitionContext GATEWAY = resource("Gateway", "gateways");
    static final ResourceDefinitionContext VIRTUAL_SERVICE = resource("VirtualService", "virtualservices");

    private Istio() {
    }

    private static ResourceDefinitionContext resource(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(IstioMapper.GROUP).withVersion(IstioMapper.VERSION)
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /** Services in --namespace (all when unset), as external-dns reads them: no label filter. */
    static SharedIndexInformer<Service> services(KubeInformers in) {
        return in.shared(SERVICES, () -> in.lookup(in.client.services(), in.config.namespace()));
    }

    /** Istio Gateways in --namespace (all when unset), for the VirtualServices naming them. */
    static SharedIndexInformer<GenericKubernetesResource> gateways(KubeInformers in) {
        return in.shared(GATEWAYS, () -> in.lookup(in.client.genericKubernetesResources(GATEWAY),
                in.config.namespace()));
    }

    /** What of a Service decides a Gateway's targets. */
    static Object serviceRelevant(Service s) {
        return Arrays.asList(s.getSpec() == null ? null : s.getSpec().getSelector(),
                s.getSpec() == null ? null : s.getSpec().getExternalIPs(),
                s.getStatus() == null ? null : s.getStatus().getLoadBalancer());
    }

    static List<Service> serviceList(KubeInformers in) {
        SharedIndexInformer<Service> s = in.shared(SERVICES);
        return s == null ? List.of() : s.getStore().list();
    }

    static List<WatcherRbac.Grant> rbac(String plural) {
        List<WatcherRbac.Grant> out = new ArrayList<>(WatcherRbac.read(IstioMapper.GROUP, plural));
        out.addAll(WatcherRbac.read("", "services"));
        return out;
    }
}
