package io.streamdns.app;

import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.config.PipelineSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.streamdns.watcher.WatcherConfig;
import io.streamdns.watcher.WatcherVerticle;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code streamdns watcher}: one cluster's sources (Services, Ingresses, ...) → {@code streamdns.sources}. */
@Command(name = "watcher", mixinStandardHelpOptions = true,
        description = "Streams the Kubernetes objects of one cluster that want DNS records (Services, Ingresses, "
                + "DNSEndpoints, Gateway API routes) onto Kafka.")
public final class WatcherCommand implements Callable<Integer>, StageCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SharedOptions shared;

    @Option(names = "--cluster-name", description = "Name of this cluster, unique among all watchers (required).")
    String clusterName;

    @Option(names = "--source", split = ",", description = "Sources to watch: service, ingress, crd, "
            + "gateway-httproute, gateway-grpcroute, gateway-tlsroute, gateway-tcproute, gateway-udproute "
            + "(repeatable; default service and ingress).")
    List<String> sources;

    @Option(names = "--crd-source-apiversion", description = "API version of the DNSEndpoint CRD of --source=crd "
            + "(default: externaldns.k8s.io/v1alpha1).")
    String crdSourceApiVersion;

    @Option(names = "--crd-source-kind", description = "Kind of the DNSEndpoint CRD of --source=crd (default: DNSEndpoint).")
    String crdSourceKind;

    @Option(names = "--gateway-name", description = "Gateway API sources: only routes attached to Gateways of this name.")
    String gatewayName;

    @Option(names = "--gateway-namespace", description = "Gateway API sources: only Gateways in this namespace.")
    String gatewayNamespace;

    @Option(names = "--gateway-label-filter", description = "Gateway API sources: only Gateways whose labels match "
            + "this selector.")
    String gatewayLabelFilter;

    @Option(names = "--namespace", description = "Watch only this namespace (default: all).")
    String namespace;

    @Option(names = "--label-filter", description = "Label selector for Services and Ingresses (default: all).")
    String labelFilter;

    @Option(names = "--annotation-filter", description = "Selector on annotations, label-selector syntax (default: all).")
    String annotationFilter;

    @Option(names = "--ingress-class", split = ",", description = "Only Ingresses of these classes (repeatable; default: any).")
    List<String> ingressClasses;

    @Option(names = "--service-type-filter", split = ",",
            description = "Only Services of these types: ClusterIP, NodePort, LoadBalancer, ExternalName (default: all).")
    List<String> serviceTypes;

    @Option(names = "--fqdn-template", description = "Names for objects without a hostname annotation, "
            + "e.g. '{{.Name}}.example.com' (comma separated; {{.Name}} and {{.Namespace}}).")
    String fqdnTemplate;

    @Option(names = "--publish-internal-services", description = "Publish ClusterIP services too (their cluster IP).")
    boolean publishInternalServices;

    @Option(names = "--ignore-ingress-tls-spec", description = "Ignore spec.tls[].hosts of Ingresses.")
    boolean ignoreIngressTlsSpec;

    @Option(names = "--ignore-ingress-rules-spec", description = "Ignore spec.rules[].host of Ingresses.")
    boolean ignoreIngressRulesSpec;

    @Option(names = "--domain-filter", split = ",", description = "Only names under these domains (repeatable).")
    List<String> domainFilters;

    @Option(names = "--exclude-domains", split = ",", description = "Never names under these domains (repeatable).")
    List<String> excludeDomains;

    @Option(names = "--emit-events", description = "Write a Warning Event on objects whose endpoints were dropped.")
    boolean emitEvents;

    @Option(names = "--kubeconfig", description = "Kubeconfig file (default: $KUBECONFIG, ~/.kube/config, in-cluster).")
    String kubeconfig;

    @Option(names = "--context", description = "Kubeconfig context (default: the current one).")
    String context;

    @Option(names = "--resync-period", defaultValue = "300",
            description = "Seconds between informer resyncs and orphan checks (default: ${DEFAULT-VALUE}).")
    long resyncPeriod;

    @Option(names = "--watcher-scope", defaultValue = "default",
            description = "Key space of this watcher within its cluster: give each watcher that splits one cluster "
                    + "by filters its own (default: ${DEFAULT-VALUE}).")
    String watcherScope;

    @Option(names = "--scope-changed", description = "This scope's filters were changed on purpose: start even though "
            + "its recent sync marker shows other filters (objects that left the scope are tombstoned).")
    boolean scopeChanged;

    @Option(names = "--cluster-replaced", description = "The cluster behind --cluster-name was replaced on purpose: "
            + "start even though its sync markers name another cluster identity (kube-system UID).")
    boolean clusterReplaced;

    @Option(names = "--max-delete-fraction", description = "Most of the published objects one pass may tombstone "
            + "without an approval (streamdns approve-deletes --cluster); in `run` also the planner's per-shard budget; "
            + "in (0, 1] (default: 0.3).")
    String maxDeleteFraction;

    @Option(names = "--min-records-for-budget", description = "The delete budget applies once at least this many "
            + "objects were published (in `run` also the planner's per-shard minimum) (default: 10).")
    String minRecordsForBudget;

    @Option(names = "--relist-interval", description = "How often everything is listed from the API server again "
            + "(not from the informer cache), a backstop against missed watch events; e.g. 10m (default: 10m).")
    String relistInterval;

    @Override
    public Integer call() throws Exception {
        return StageCommand.runAlone(spec, shared, prepare());
    }

    @Override
    public SharedOptions shared() {
        return shared;
    }

    @Override
    public Prepared prepare() {
        shared.validate(spec);
        WatcherConfig config = config();
        KubernetesClient client = kubernetesClient(config);
        return new Prepared("watcher-" + config.clusterName(), ctx -> new WatcherVerticle(config, client, ctx), client::close,
                PipelineSettings.ofDomains(config.domainFilter()));
    }

    /** The flags as {@link WatcherConfig#fromMap} reads them; a bad value fails naming its flag. */
    WatcherConfig config() {
        Map<String, String> m = new HashMap<>();
        put(m, "cluster-name", clusterName);
        put(m, "source", sources);
        put(m, "namespace", namespace);
        put(m, "crd-source-apiversion", crdSourceApiVersion);
        put(m, "crd-source-kind", crdSourceKind);
        put(m, "gateway-name", gatewayName);
        put(m, "gateway-namespace", gatewayNamespace);
        put(m, "gateway-label-filter", gatewayLabelFilter);
        put(m, "label-filter", labelFilter);
        put(m, "annotation-filter", annotationFilter);
        put(m, "ingress-class", ingressClasses);
        put(m, "service-type-filter", serviceTypes);
        put(m, "fqdn-template", fqdnTemplate);
        put(m, "publish-internal-services", Boolean.toString(publishInternalServices));
        put(m, "ignore-ingress-tls-spec", Boolean.toString(ignoreIngressTlsSpec));
        put(m, "ignore-ingress-rules-spec", Boolean.toString(ignoreIngressRulesSpec));
        put(m, "domain-filter", domainFilters);
        put(m, "exclude-domains", excludeDomains);
        put(m, "emit-events", Boolean.toString(emitEvents));
        put(m, "kubeconfig", kubeconfig);
        put(m, "context", context);
        put(m, "resync-period", Long.toString(resyncPeriod));
        put(m, "watcher-scope", watcherScope);
        put(m, "scope-changed", Boolean.toString(scopeChanged));
        put(m, "cluster-replaced", Boolean.toString(clusterReplaced));
        put(m, "max-delete-fraction", maxDeleteFraction);
        put(m, "min-records-for-budget", minRecordsForBudget);
        put(m, "relist-interval", relistInterval);
        try {
            return WatcherConfig.fromMap(m);
        } catch (InvalidFlagException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--" + e.flag() + "': " + e.reason());
        }
    }

    /** From --kubeconfig (and --context), else the usual places: $KUBECONFIG, ~/.kube/config, in-cluster. */
    private KubernetesClient kubernetesClient(WatcherConfig config) {
        Config k8s;
        if (config.kubeconfig() != null) {
            File file = new File(config.kubeconfig());
            if (!file.canRead()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--kubeconfig': cannot read " + file);
            }
            try {
                k8s = Config.fromKubeconfig(config.context(), file);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--kubeconfig': " + e.getMessage());
            }
        } else {
            k8s = Config.autoConfigure(config.context());
        }
        if (config.context() != null && (k8s.getCurrentContext() == null
                || !config.context().equals(k8s.getCurrentContext().getName()))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--context': no context '" + config.context() + "' in the kubeconfig");
        }
        return new KubernetesClientBuilder().withConfig(k8s).build();
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void put(Map<String, String> m, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            m.put(key, String.join(",", values));
        }
    }
}
