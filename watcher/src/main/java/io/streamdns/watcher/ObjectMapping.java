package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.streamdns.model.SourceRef;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.watcher.core.MappingRejection;
import io.streamdns.watcher.core.MappingResult;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informer objects → mapped endpoints → {@link SourcePublisher}, for every {@link Source} alike: the full pass's
 * objects, add/update events (the store's newest state, skipped when that very object version was mapped already),
 * dependants of changed objects a mapping reads, and retractions. Call only on the verticle's context.
 */
final class ObjectMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectMapping.class);

    private final WatcherConfig config;
    /** The enabled sources by kind. */
    private final Map<String, Source<?>> sources = new LinkedHashMap<>();
    private final Supplier<KubeInformers> informerSupplier;
    private final SourcePublisher publisher;
    private final InvalidEndpointReporter reporter;
    /**
     * identity → uid and resourceVersion of the object as last mapped, to skip events that bring nothing new. The
     * uid too: an API server rebuilt or replaced numbers resourceVersions anew, so an equal version of another
     * object (same name, new uid) is news.
     */
    private final Map<String, String> mappedVersion = new HashMap<>();

    ObjectMapping(WatcherConfig config, List<Source<?>> sources, Supplier<KubeInformers> informers,
                  SourcePublisher publisher, InvalidEndpointReporter reporter) {
        this.config = config;
        sources.forEach(s -> this.sources.put(s.kind(), s));
        this.informerSupplier = informers;
        this.publisher = publisher;
        this.reporter = reporter;
    }

    private KubeInformers informers() {
        return informerSupplier.get();
    }

    /**
     * One object of a full pass, read from the store now (null: deleted meanwhile, its delete retracts it).
     *
     * @param skipMapped skip an object whose very version a live event mapped and published fine already: at start
     *     the informer hands its whole initial list to the handlers while the pass runs, so without this every
     *     object was mapped twice. A relist's pass maps everything again (its backstop role).
     */
    void passOne(String kind, String namespace, String name, boolean skipMapped) {
        Source<?> source = sources.get(kind);
        if (source == null) {
            throw new IllegalStateException("unknown kind " + kind);
        }
        HasMetadata object = informers().object(kind, namespace, name);
        if (object != null && !(skipMapped && alreadyMapped(ref(kind, object), object))) {
            map(source, object, true);
        }
    }

    /** An object of this scope that no longer exists, per the synced informer caches. */
    boolean gone(SourceRef ref) {
        return collects(ref) && !exists(ref);
    }

    /**
     * A named scope owns its whole key space: what its flags no longer cover is tombstoned. The default scope
     * collects only the kinds and namespace it watches, as before scopes existed, so watchers that split one
     * cluster by --source or --namespace without scopes keep working.
     */
    private boolean collects(SourceRef ref) {
        if (!config.safety().scope().equals(ControlKeys.DEFAULT_SCOPE)) {
            return true;
        }
        Source<?> source = sources.get(ref.kind());
        return source != null && (source.clusterScoped() || config.namespace() == null
                || config.namespace().equals(ref.namespace()));
    }

    /** A kind no source knows is kept (not ours to judge); a source kind not enabled is gone. */
    private boolean exists(SourceRef ref) {
        if (!sources.containsKey(ref.kind())) {
            return !Sources.isSourceKind(ref.kind(), config);
        }
        return informers().object(ref.kind(), ref.namespace(), ref.name()) != null;
    }

    /**
     * An add/update event: maps the object's newest state from the store (an event queued behind a newer one must
     * not publish the older state), unless that very version was mapped already and published fine. The informer
     * hands every object of its initial list to the handlers after the full pass may have mapped it; a watch
     * restart or a resync repeats them all again: re-mapping 20,000 unchanged objects only to find equal hashes was
     * a third of the watcher's work at start. Changes of objects a mapping reads re-map through {@link #remap}.
     *
     * @param duringStartup the start-up pass is not done: the event is the informer handing over its initial list,
     *     and is mapped as that pass would map it (an object it empties waits for the pass's delete budget; lines at
     *     debug), whichever of the two reaches the object first
     */
    void onEvent(Source<?> source, HasMetadata event, boolean duringStartup) {
        HasMetadata object = informers().object(source.kind(), event.getMetadata().getNamespace(),
                event.getMetadata().getName());
        if (object != null && !alreadyMapped(ref(source.kind(), object), object)) {
            map(source, object, duringStartup);
        } // null: deleted meanwhile, its delete event retracts it
    }

    /** An object a source's mapping reads changed: map its dependants again (their newest state from the store). */
    void remap(Source<?> source, Collection<? extends HasMetadata> dependants) {
        for (HasMetadata d : dependants) {
            HasMetadata object = informers().object(source.kind(), d.getMetadata().getNamespace(),
                    d.getMetadata().getName());
            if (object != null) {
                map(source, object, false);
            }
        }
    }

    private void map(Source<?> source, HasMetadata object, boolean bulk) {
        MappingResult result = source.mapAny(object, informers());
        apply(ref(source.kind(), object), object, result, bulk);
        source.mappedAny(object, result, informers());
    }

    private boolean alreadyMapped(SourceRef ref, HasMetadata object) {
        String version = version(object);
        return version != null && version.equals(mappedVersion.get(ref.identity()))
                && !publisher.index().hasUnknown(ControlKeys.sourceIdentity(ref, config.safety().scope()));
    }

    private void apply(SourceRef ref, HasMetadata object, MappingResult result, boolean bulk) {
        if (result.skipped() != null) {
            LOG.debug("{} skipped: {}", ref.identity(), result.skipped());
        }
        var meta = object.getMetadata();
        String version = version(object);
        if (version != null) {
            mappedVersion.put(ref.identity(), version);
        } else {
            mappedVersion.remove(ref.identity());
        }
        Optional<MappingRejection> refusal = publisher.publish(ref, new SourcePublisher.Seen(meta.getUid(),
                meta.getResourceVersion(), System.currentTimeMillis()), result.endpoints(), result.rejections(), bulk);
        // a refusal of the whole object (the bound, DESIGN rule W8) is reported first, like every rejection
        reporter.report(ref, object, refusal.map(r -> Stream.concat(Stream.of(r), result.rejections().stream())
                .toList()).orElse(result.rejections()));
    }

    void retract(SourceRef ref) {
        mappedVersion.remove(ref.identity());
        reporter.forget(ref);
        publisher.retract(ref);
    }

    SourceRef ref(String kind, HasMetadata o) {
        return new SourceRef(config.clusterName(), kind, o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    private static String version(HasMetadata object) {
        var meta = object.getMetadata();
        return meta.getResourceVersion() == null ? null : meta.getUid() + "/" + meta.getResourceVersion();
    }
}
