package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.MappingResult;
import io.streamdns.watcher.core.ServiceMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --source=service}: Services, plus EndpointSlices (headless, NodePort with {@code externalTrafficPolicy:
 * Local}) and Nodes (NodePort) when a watched service type reads them. A slice change re-maps its Service, a node
 * change of addresses or schedulability every NodePort Service.
 */
final class ServiceSource extends KindSource<Service> {
    static final String SLICES = "EndpointSlice";
    static final String NODES = "Node";
    /** EndpointSlices indexed by {@code <namespace>/<service name>}. */
    static final String BY_SERVICE = "service";

    private final MappingOptions options;

    ServiceSource(MappingOptions options) {
        super(WatcherConfig.SOURCE_SERVICE, ServiceMapper.KIND, Service.class);
        this.options = options;
    }

    @Override
    public SharedIndexInformer<Service> informer(KubeInformers in) {
        return in.namespaced(in.client.services());
    }

    @Override
    public List<Dependency<?>> dependencies(KubeInformers in) {
        List<Dependency<?>> deps = new ArrayList<>();
        if (in.config.needsEndpointSlices()) {
            SharedIndexInformer<EndpointSlice> slices = in.shared(SLICES, () -> {
                SharedIndexInformer<EndpointSlice> i = in.lookup(in.client.discovery().v1().endpointSlices(),
                        in.config.namespace());
                i.addIndexers(Map.of(BY_SERVICE, s -> {
                    String svc = serviceOf(s);
                    return svc == null ? List.of() : List.of(s.getMetadata().getNamespace() + "/" + svc);
                }));
                return i;
            });
            deps.add(Dependency.of(SLICES, slices, (slice, lookups) -> {
                String svc = serviceOf(slice);
                HasMetadata owner = svc == null ? null
                        : lookups.object(kind(), slice.getMetadata().getNamespace(), svc);
                return owner == null ? List.of() : List.of(owner);
            }));
        }
        if (in.config.needsNodes()) {
            SharedIndexInformer<Node> nodes = in.shared(NODES, () -> in.client.nodes().runnableInformer(0));
            deps.add(new Dependency<>(NODES, nodes, ServiceSource::nodeRelevant, (node, lookups) ->
                    lookups.objects(kind()).stream().filter(s -> s instanceof Service svc && svc.getSpec() != null
                            && ServiceMapper.NODE_PORT.equals(svc.getSpec().getType())).toList()));
        }
        return deps;
    }

    @Override
    public List<WatcherRbac.Grant> rbac(WatcherConfig config) {
        List<WatcherRbac.Grant> out = new ArrayList<>(WatcherRbac.read("", "services"));
        if (config.needsEndpointSlices()) {
            out.addAll(WatcherRbac.read("discovery.k8s.io", "endpointslices"));
        }
        if (config.needsNodes()) {
            out.addAll(WatcherRbac.read("", "nodes"));
        }
        return out;
    }

    @Override
    public MappingResult map(Service svc, KubeInformers in) {
        List<EndpointSlice> slices = List.of();
        List<Node> nodes = List.of();
        if (svc.getSpec() != null) {
            String type = svc.getSpec().getType() == null ? ServiceMapper.CLUSTER_IP : svc.getSpec().getType();
            boolean headless = "None".equals(svc.getSpec().getClusterIP());
            if (headless || type.equals(ServiceMapper.NODE_PORT)) {
                SharedIndexInformer<EndpointSlice> i = in.shared(SLICES);
                slices = i == null ? List.of() : i.getIndexer().byIndex(BY_SERVICE,
                        svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName());
            }
            if (type.equals(ServiceMapper.NODE_PORT)) {
                SharedIndexInformer<Node> i = in.shared(NODES);
                nodes = i == null ? List.of() : i.getStore().list();
            }
        }
        return ServiceMapper.map(svc, slices, nodes, options);
    }

    private static String serviceOf(EndpointSlice s) {
        return s.getMetadata().getLabels() == null ? null
                : s.getMetadata().getLabels().get(ServiceMapper.SERVICE_NAME_LABEL);
    }

    /** Nodes matter only through their addresses and schedulability; heartbeats are ignored. */
    private static Object nodeRelevant(Node n) {
        return List.of(String.valueOf(n.getStatus() == null ? null : n.getStatus().getAddresses()),
                String.valueOf(n.getSpec() == null ? null : n.getSpec().getUnschedulable()));
    }
}
