package io.streamdns.app;

import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.config.PipelineSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.streamdns.runtime.flags.FlagValues;
import io.streamdns.watcher.WatcherConfig;
import io.streamdns.watcher.WatcherFlags;
import io.streamdns.watcher.WatcherVerticle;
import java.io.File;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code streamdns watcher}: one cluster's sources (Services, Ingresses, ...) → {@code streamdns.sources}. */
@Command(name = "watcher", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = FlagOptions.Install.class,
        description = "Streams the Kubernetes objects of one cluster that want DNS records (Services, Ingresses, "
                + "DNSEndpoints, Gateway API routes) onto Kafka.")
public final class WatcherCommand implements Callable<Integer>, StageCommand, FlagOptions.Command {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SharedOptions shared;

    private final FlagOptions flags = new FlagOptions(WatcherFlags.ALL.plus("watcher", ProcessFlags.ALL));

    @Override
    public FlagOptions flagOptions() {
        return flags;
    }

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

    /** The validated configuration; a bad value fails naming its flag. */
    WatcherConfig config() {
        FlagValues values = flags.values(spec);
        try {
            return WatcherConfig.from(values);
        } catch (InvalidFlagException e) {
            throw FlagOptions.usageError(spec, e);
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
}
