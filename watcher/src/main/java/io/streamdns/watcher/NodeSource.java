package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.MappingResult;
import io.streamdns.watcher.core.NodeMapper;
import java.util.List;

/** {@code --source=node}: Nodes (cluster-scoped; {@code --label-filter} on the server, {@code --namespace} does not apply). */
final class NodeSource extends KindSource<Node> {
    private final MappingOptions options;
    private final boolean excludeUnschedulable;
    private final boolean exposeInternalIpv6;

    NodeSource(WatcherConfig config, MappingOptions options) {
        super(WatcherConfig.SOURCE_NODE, NodeMapper.KIND, Node.class);
        this.options = options;
        this.excludeUnschedulable = config.sourceFlags().excludeUnschedulable();
        this.exposeInternalIpv6 = config.sourceFlags().exposeInternalIpv6();
    }

    @Override
    public boolean clusterScoped() {
        return true;
    }

    @Override
    public SharedIndexInformer<Node> informer(KubeInformers in) {
        String labels = in.config.labelFilter();
        return (labels == null ? in.client.nodes() : in.client.nodes().withLabelSelector(labels))
                .runnableInformer(in.config.resyncPeriod().toMillis());
    }

    @Override
    public List<WatcherRbac.Grant> rbac(WatcherConfig config) {
        return WatcherRbac.read("", "nodes");
    }

    @Override
    public MappingResult map(Node node, KubeInformers lookups) {
        return NodeMapper.map(node, options, excludeUnschedulable, exposeInternalIpv6);
    }
}
