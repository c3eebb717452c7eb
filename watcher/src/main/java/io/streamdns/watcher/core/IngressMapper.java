package io.streamdns.watcher.core;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A networking.k8s.io/v1 Ingress → endpoints, with external-dns's ingress-source semantics. */
public final class IngressMapper {
    public static final String KIND = "Ingress";
    /** The pre-IngressClass annotation, still honoured by {@code --ingress-class}. */
    public static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
    public static final String DEFINED_HOSTS_ONLY = "defined-hosts-only";
    public static final String ANNOTATION_ONLY = "annotation-only";

    private IngressMapper() {
    }

    public static MappingResult map(Ingress ing, MappingOptions o) {
        Annotations ann = o.annotations(ing.getMetadata().getAnnotations());
        String skipped = Skips.common(ann, o);
        if (skipped != null) {
            return MappingResult.skip(skipped);
        }
        IngressSpec spec = ing.getSpec() == null ? new IngressSpec() : ing.getSpec();
        if (!o.ingressClasses().isEmpty()) {
            String cls = spec.getIngressClassName() != null ? spec.getIngressClassName()
                    : ann.rawValue(CLASS_ANNOTATION).orElse(null);
            if (cls == null || !o.ingressClasses().contains(cls)) {
                return MappingResult.skip("ingress class '" + cls + "' is not in --ingress-class " + o.ingressClasses());
            }
        }
        String name = ing.getMetadata().getName();
        String namespace = ing.getMetadata().getNamespace();
        EndpointCollector out = new EndpointCollector(o,
                "ingress/" + (namespace == null ? "" : namespace) + "/" + name, ann);

        String source = ann.get(Annotations.INGRESS_HOSTNAME_SOURCE).orElse("");
        if (!source.isEmpty() && !source.equals(DEFINED_HOSTS_ONLY) && !source.equals(ANNOTATION_ONLY)) {
            out.reject(MappingRejection.INVALID_ANNOTATION, name, "ingress-hostname-source '" + source
                    + "' is not " + DEFINED_HOSTS_ONLY + " or " + ANNOTATION_ONLY + "; ignored");
            source = "";
        }
        Set<String> hosts = new LinkedHashSet<>();
        if (!source.equals(ANNOTATION_ONLY)) {
            if (!o.ignoreIngressRulesSpec() && spec.getRules() != null) {
                for (IngressRule rule : spec.getRules()) {
                    addHost(hosts, rule.getHost());
                }
            }
            if (!o.ignoreIngressTlsSpec() && spec.getTls() != null) {
                for (IngressTLS tls : spec.getTls()) {
                    if (tls.getHosts() != null) {
                        tls.getHosts().forEach(h -> addHost(hosts, h));
                    }
                }
            }
        }
        List<String> annotated = o.hostnames(ann, Annotations.HOSTNAME);
        if (!source.equals(DEFINED_HOSTS_ONLY)) {
            annotated.forEach(h -> addHost(hosts, h));
        }
        List<String> targets = ann.list(Annotations.TARGET);
        if (targets.isEmpty()) {
            targets = statusTargets(ing);
        }
        for (String h : hosts) {
            out.add(h, targets);
        }
        if (o.templateWanted(out.produced())) {
            Set<String> templated = new LinkedHashSet<>();
            out.templateNames(o.fqdnTemplate().render(ing, "ingress")).forEach(h -> addHost(templated, h));
            for (String h : templated) {
                out.add(h, targets);
            }
        }
        return out.result();
    }

    private static List<String> statusTargets(Ingress ing) {
        Set<String> targets = new LinkedHashSet<>();
        if (ing.getStatus() != null && ing.getStatus().getLoadBalancer() != null
                && ing.getStatus().getLoadBalancer().getIngress() != null) {
            for (IngressLoadBalancerIngress lb : ing.getStatus().getLoadBalancer().getIngress()) {
                addHost(targets, lb.getIp());
                addHost(targets, lb.getHostname());
            }
        }
        return List.copyOf(targets);
    }

    /** A set: an Ingress may list thousands of hosts, and a list's contains() made that quadratic. */
    private static void addHost(Set<String> set, String value) {
        if (value == null) {
            return;
        }
        String v = Annotations.withoutTrailingDots(value.strip());
        if (!v.isEmpty()) {
            set.add(v);
        }
    }
}
