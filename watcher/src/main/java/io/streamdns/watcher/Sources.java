package io.streamdns.watcher;

import io.streamdns.watcher.core.MappingOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The catalogue of sources: {@code --source} value → how to build it. Adding a kind is one {@link Source} class and
 * one line here.
 */
final class Sources {
    private static final Map<String, BiFunction<WatcherConfig, MappingOptions, Source<?>>> CATALOGUE =
            new LinkedHashMap<>();
    /** The kind of every source there is, enabled or not (a named scope tombstones kinds it no longer watches). */
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        register(WatcherConfig.SOURCE_SERVICE, "Service", (c, o) -> new ServiceSource(o));
        register(WatcherConfig.SOURCE_INGRESS, "Ingress", (c, o) -> new IngressSource(o));
    }

    private Sources() {
    }

    private static void register(String name, String kind, BiFunction<WatcherConfig, MappingOptions, Source<?>> f) {
        CATALOGUE.put(name, f);
        KINDS.put(name, kind);
    }

    /** The {@code --source} values, in catalogue order. */
    static Set<String> names() {
        return CATALOGUE.keySet();
    }

    /** The kinds of all sources, enabled or not. */
    static boolean isSourceKind(String kind) {
        return KINDS.containsValue(kind);
    }

    /** The sources the configuration enables, in catalogue order. */
    static List<Source<?>> enabled(WatcherConfig config) {
        MappingOptions options = config.mappingOptions();
        List<Source<?>> out = new ArrayList<>();
        CATALOGUE.forEach((name, f) -> {
            if (config.sources().contains(name)) {
                out.add(f.apply(config, options));
            }
        });
        return out;
    }
}
