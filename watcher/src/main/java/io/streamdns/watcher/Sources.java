package io.streamdns.watcher;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.watcher.core.CrdMapper;
import io.streamdns.watcher.core.MappingOptions;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of sources: {@code --source} value → how to build it. Adding a kind is one {@link Source} class and
 * one line here.
 */
final class Sources {
    /** What a source may need besides its flags: a worker pool for writes (status), the metrics. */
    record Context(Vertx vertx, MeterRegistry registry) {
    }

    private interface Factory {
        Source<?> build(WatcherConfig config, MappingOptions options, Context context);
    }

    private static final Map<String, Factory> CATALOGUE = new LinkedHashMap<>();
    /** The kind of every source there is, enabled or not (a named scope tombstones kinds it no longer watches). */
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        register(WatcherConfig.SOURCE_SERVICE, "Service", (c, o, x) -> new ServiceSource(o));
        register(WatcherConfig.SOURCE_INGRESS, "Ingress", (c, o, x) -> new IngressSource(o));
        register(WatcherConfig.SOURCE_CRD, CrdMapper.DEFAULT_KIND,
                (c, o, x) -> new CrdSource(c, o, x.vertx(), x.registry()));
        register(WatcherConfig.SOURCE_NODE, "Node", (c, o, x) -> new NodeSource(c, o));
        for (GatewayRouteSource.Kind<?> k : GatewayRouteSource.KINDS) {
            register(k.source(), k.kind(), (c, o, x) -> GatewayRouteSource.of(k, c, o));
        }
        register(IstioGatewaySource.NAME, IstioGatewaySource.KIND, (c, o, x) -> new IstioGatewaySource(o));
        register(IstioVirtualServiceSource.NAME, IstioVirtualServiceSource.KIND,
                (c, o, x) -> new IstioVirtualServiceSource(o));
    }

    private Sources() {
    }

    private static void register(String name, String kind, Factory f) {
        CATALOGUE.put(name, f);
        KINDS.put(name, kind);
    }

    /** The {@code --source} values, in catalogue order. */
    static Set<String> names() {
        return CATALOGUE.keySet();
    }

    /** The kinds of all sources, enabled or not. */
    static boolean isSourceKind(String kind, WatcherConfig config) {
        return KINDS.containsValue(kind) || kind.equals(config.sourceFlags().crdKind());
    }

    /** The sources the configuration enables, in catalogue order. */
    static List<Source<?>> enabled(WatcherConfig config, Context context) {
        MappingOptions options = config.mappingOptions();
        List<Source<?>> out = new ArrayList<>();
        CATALOGUE.forEach((name, f) -> {
            if (config.sources().contains(name)) {
                out.add(f.build(config, options, context));
            }
        });
        return out;
    }
}
