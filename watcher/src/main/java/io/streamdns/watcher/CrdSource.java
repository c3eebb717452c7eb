package io.streamdns.watcher;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdns.watcher.core.CrdMapper;
import io.streamdns.watcher.core.MappingOptions;
import io.streamdns.watcher.core.MappingResult;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --source=crd}: external-dns's DNSEndpoint ({@code --crd-source-apiversion}, {@code --crd-source-kind}),
 * read as generic resources. Once an object's generation was mapped, {@code status.observedGeneration} says so (a
 * JSON merge patch of the status subresource, on a worker, as external-dns writes it); a failed write is logged,
 * counted and written again when the object is next mapped (its next change, or the next relist).
 */
final class CrdSource extends KindSource<GenericKubernetesResource> {
    private static final Logger LOG = LoggerFactory.getLogger(CrdSource.class);

    private final MappingOptions options;
    private final ResourceDefinitionContext resource;
    private final Vertx vertx;
    private final MeterRegistry registry;
    /** uid/generation of status writes under way: one write per generation. */
    private final Set<String> writing = new HashSet<>();

    CrdSource(WatcherConfig config, MappingOptions options, Vertx vertx, MeterRegistry registry) {
        super(WatcherConfig.SOURCE_CRD, config.sourceFlags().crdKind(), GenericKubernetesResource.class);
        this.options = options;
        this.vertx = vertx;
        this.registry = registry;
        WatcherConfig.SourceFlags f = config.sourceFlags();
        this.resource = new ResourceDefinitionContext.Builder().withGroup(f.crdGroup()).withVersion(f.crdVersion())
                .withKind(f.crdKind()).withPlural(Pluralize.toPlural(f.crdKind().toLowerCase(Locale.ROOT)))
                .withNamespaced(true).build();
    }

    @Override
    public SharedIndexInformer<GenericKubernetesResource> informer(KubeInformers in) {
        return in.namespaced(in.client.genericKubernetesResources(resource));
    }

    /** Read the DNSEndpoints, patch their status (observedGeneration). */
    @Override
    public List<WatcherRbac.Grant> rbac(WatcherConfig config) {
        List<WatcherRbac.Grant> out = new ArrayList<>(WatcherRbac.read(resource.getGroup(),
                resource.getPlural()));
        out.add(new WatcherRbac.Grant(resource.getGroup(), resource.getPlural() + "/status", null, "patch"));
        return out;
    }

    @Override
    public MappingResult map(GenericKubernetesResource object, KubeInformers lookups) {
        return CrdMapper.map(object, options);
    }

    @Override
    public void mapped(GenericKubernetesResource object, MappingResult result, KubeInformers informers) {
        Long due = CrdMapper.observedGenerationDue(object);
        var meta = object.getMetadata();
        String token = meta.getUid() + "/" + due;
        if (due == null || !writing.add(token)) {
            return;
        }
        String patch = "{\"status\":{\"observedGeneration\":" + due + "}}";
        vertx.executeBlocking(() -> informers.client.genericKubernetesResources(resource)
                        .inNamespace(meta.getNamespace()).withName(meta.getName()).subresource("status")
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch), false)
                .onComplete(done -> {
                    writing.remove(token);
                    registry.counter("streamdns.watcher.status.writes", "kind", kind(), "result",
                            done.succeeded() ? "ok" : "failed").increment();
                    if (done.failed()) {
                        LOG.warn("{}/{}: cannot set status.observedGeneration={} (written again when next mapped): {}",
                                meta.getNamespace(), meta.getName(), due, done.cause().toString());
                    }
                });
    }
}
