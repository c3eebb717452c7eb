package io.streamdns.app;

import io.streamdns.applier.ApplierConfig;
import io.streamdns.applier.ApplierFlags;
import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.flags.FlagValues;
import io.streamdns.applier.ApplierVerticle;
import io.streamdns.applier.metrics.HttpRequestMetrics;
import io.streamdns.applier.provider.Route53Api;
import io.streamdns.applier.provider.Route53Clients;
import io.streamdns.runtime.config.PipelineSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/** {@code streamdns applier}: change plans → Route 53, with the flags external-dns users know. */
@Command(name = "applier", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = FlagOptions.Install.class,
        description = "Applies change plans to Route 53 with batching, rate limiting, retry and circuit breaking; "
                + "publishes zone state and results.")
public final class ApplierCommand implements Callable<Integer>, StageCommand, FlagOptions.Command {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions shared;

    private final FlagOptions flags = new FlagOptions(ApplierFlags.ALL.plus("applier", ProcessFlags.ALL));

    @Override
    public FlagOptions flagOptions() {
        return flags;
    }

    /** The validated configuration; an invalid value fails naming its flag. */
    ApplierConfig config() {
        shared.validate(spec);
        FlagValues values = flags.values(spec);
        try {
            return ApplierConfig.from(values);
        } catch (InvalidFlagException e) {
            throw FlagOptions.usageError(spec, e);
        }
    }

    @Override
    public Integer call() throws Exception {
        config(); // flags first, then Kafka, and both before credentials are looked up (IMDS, STS)
        shared.requireBootstrapServers(spec);
        return StageCommand.runAlone(spec, shared, prepare());
    }

    @Override
    public SharedOptions shared() {
        return shared;
    }

    @Override
    public Prepared prepare() {
        ApplierConfig config = config();
        Route53Clients.Settings settings = new Route53Clients.Settings(config.awsRegion(), config.awsEndpointUrl(),
                config.awsAssumeRole(), null, config.aws().profile(), config.aws().assumeRoleExternalId());
        // resolved here, on the main thread: the chain may read files or call IMDS/STS, never on an event loop
        AwsCredentialsProvider credentials = Route53Clients.resolveOrFallback(settings);
        HttpRequestMetrics http = new HttpRequestMetrics(); // the registry comes with the stage's context
        Route53AsyncClient client = Route53Clients.create(settings.withCredentials(credentials), http);
        PipelineSettings pipeline = PipelineSettings.ofDomains(config.domainFilter())
                .withTxt(config.txtOwnerId(), config.txtPrefix(), config.txtSuffix(), config.txtWildcardReplacement());
        return new Prepared("applier", ctx -> {
            http.bindTo(ctx.registry());
            return new ApplierVerticle(config, ctx, Route53Api.of(client));
        }, client::close, pipeline);
    }
}
