package io.streamdns.watcher.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.streamdns.model.Endpoint;
import io.streamdns.model.dns.DomainFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** Small builders for mapping-table rows. */
final class Fixtures {
    static final String NEW = Annotations.PREFIX;
    static final String ALPHA = Annotations.ALPHA_PREFIX;

    private Fixtures() {
    }

    /** One row: an object with its context, the options, the expected endpoints and rejections (reason + name). */
    record Row(HasMetadata object, List<EndpointSlice> slices, List<Node> nodes, MappingOptions options,
               List<String> expected, List<String> rejections) {
    }

    static Arguments row(String title, Object object, MappingOptions options, List<String> expected,
                         String... rejections) {
        return row(title, object, List.of(), List.of(), options, expected, rejections);
    }

    static Arguments row(String title, Object object, List<EndpointSlice> slices, List<Node> nodes,
                         MappingOptions options, List<String> expected, String... rejections) {
        HasMetadata o = object instanceof Svc s ? s.build() : object instanceof Ing i ? i.build()
                : object instanceof CrdRows.Dns d ? d.build() : (HasMetadata) object;
        return Arguments.of(Named.of(title, new Row(o, slices, nodes, options, expected, List.of(rejections))));
    }

    static MappingOptions opts() {
        return MappingOptions.defaults("c1");
    }

    /** {@code --alpha-annotations}: the old prefix read too, the new one winning. */
    static MappingOptions alpha() {
        return opts().withAnnotationPrefixes(List.of(ALPHA, Annotations.PREFIX));
    }

    static MappingOptions filter(List<String> include, List<String> exclude) {
        return opts().withDomainFilter(DomainFilter.of(include, exclude));
    }

    static List<String> eps(String... e) {
        return List.of(e);
    }

    /** {@code name TYPE t1,t2 [ttl=N] [id=X] [{props}]}: compact, complete except labels. */
    static String fmt(Endpoint e) {
        return e.dnsName() + " " + e.recordType() + " " + String.join(",", e.targets())
                + (e.ttl() > 0 ? " ttl=" + e.ttl() : "")
                + (e.setIdentifier() != null ? " id=" + e.setIdentifier() : "")
                + (e.providerSpecific().isEmpty() ? "" : " " + e.providerSpecific());
    }

    static final class Svc {
        private final ServiceBuilder b;
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private final List<LoadBalancerIngress> lb = new ArrayList<>();
        private final List<Consumer<ServiceSpec>> specEdits = new ArrayList<>();

        private Svc(String name, String type) {
            b = new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                    .withNewSpec().withType(type).withClusterIP("10.0.0.10").endSpec();
        }

        static Svc lb(String hostnameAnnotation, String... status) {
            Svc s = new Svc("web", ServiceMapper.LOAD_BALANCER).status(status);
            return hostnameAnnotation == null ? s : s.ann("hostname", hostnameAnnotation);
        }

        static Svc of(String name, String type) {
            return new Svc(name, type);
        }

        Svc ann(String key, String value) {
            annotations.put(NEW + key, value);
            return this;
        }

        Svc raw(String fullKey, String value) {
            annotations.put(fullKey, value);
            return this;
        }

        Svc label(String key, String value) {
            b.editMetadata().addToLabels(key, value).endMetadata();
            return this;
        }

        Svc status(String... targets) {
            for (String t : targets) {
                boolean ip = t.matches("[0-9.]+") || t.contains(":");
                lb.add(ip ? new LoadBalancerIngressBuilder().withIp(t).build()
                        : new LoadBalancerIngressBuilder().withHostname(t).build());
            }
            return this;
        }

        Svc spec(Consumer<ServiceSpec> edit) {
            specEdits.add(edit);
            return this;
        }

        Svc nodePort(String portName, String protocol, int nodePort) {
            b.editSpec().addToPorts(new ServicePortBuilder().withName(portName).withProtocol(protocol).withPort(80)
                    .withNodePort(nodePort).build()).endSpec();
            return this;
        }

        Service build() {
            Service s = b.build();
            specEdits.forEach(e -> e.accept(s.getSpec()));
            s.getMetadata().setAnnotations(new LinkedHashMap<>(annotations));
            if (!lb.isEmpty()) {
                s.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                        .withIngress(lb).endLoadBalancer().build());
            }
            return s;
        }
    }

    static final class Ing {
        private final IngressBuilder b;
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private final List<IngressLoadBalancerIngress> lb = new ArrayList<>();

        private Ing(String name) {
            b = new IngressBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                    .withNewSpec().endSpec();
        }

        static Ing of(String name) {
            return new Ing(name);
        }

        Ing rules(String... hosts) {
            // one edit: an edit per rule copies the spec each time (quadratic for 10,000 rules)
            b.editSpec().addAllToRules(Arrays.stream(hosts).map(h -> new IngressRuleBuilder().withHost(h)
                    .build()).toList()).endSpec();
            return this;
        }

        Ing tls(String... hosts) {
            b.editSpec().addToTls(new IngressTLSBuilder().withHosts(hosts).withSecretName("tls").build()).endSpec();
            return this;
        }

        Ing className(String cls) {
            b.editSpec().withIngressClassName(cls).endSpec();
            return this;
        }

        Ing ann(String key, String value) {
            annotations.put(NEW + key, value);
            return this;
        }

        Ing raw(String fullKey, String value) {
            annotations.put(fullKey, value);
            return this;
        }

        Ing status(String... targets) {
            for (String t : targets) {
                boolean ip = t.matches("[0-9.]+") || t.contains(":");
                lb.add(ip ? new IngressLoadBalancerIngressBuilder().withIp(t).build()
                        : new IngressLoadBalancerIngressBuilder().withHostname(t).build());
            }
            return this;
        }

        Ingress build() {
            Ingress i = b.build();
            i.getMetadata().setAnnotations(new LinkedHashMap<>(annotations));
            if (!lb.isEmpty()) {
                i.setStatus(new IngressStatusBuilder()
                        .withNewLoadBalancer().withIngress(lb).endLoadBalancer().build());
            }
            return i;
        }
    }

    /** An EndpointSlice of service {@code svc}: entries {@code ip[:ready|notready][@node][#hostname]}. */
    static EndpointSlice slice(String svc, String... entries) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withMetadata(new ObjectMeta())
                .editMetadata().withName(svc + "-abc").withNamespace("default")
                .addToLabels(ServiceMapper.SERVICE_NAME_LABEL, svc).endMetadata().withAddressType("IPv4");
        for (String e : entries) {
            String hostname = e.contains("#") ? e.substring(e.indexOf('#') + 1) : null;
            String rest = e.contains("#") ? e.substring(0, e.indexOf('#')) : e;
            String node = rest.contains("@") ? rest.substring(rest.indexOf('@') + 1) : null;
            rest = rest.contains("@") ? rest.substring(0, rest.indexOf('@')) : rest;
            boolean ready = !rest.endsWith(":notready");
            String ip = rest.replace(":notready", "").replace(":ready", "");
            b.addToEndpoints(new EndpointBuilder().withAddresses(ip).withHostname(hostname).withNodeName(node)
                    .withNewConditions().withReady(ready).endConditions().build());
        }
        return b.build();
    }

    /** A node with addresses {@code ExternalIP=1.2.3.4}, {@code InternalIP=10.0.0.1}. */
    static Node node(String name, boolean unschedulable, String... addresses) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).endSpec().withNewStatus().endStatus();
        for (String a : addresses) {
            String[] kv = a.split("=", 2);
            b.editStatus().addNewAddress().withType(kv[0]).withAddress(kv[1]).endAddress().endStatus();
        }
        return b.build();
    }
}
