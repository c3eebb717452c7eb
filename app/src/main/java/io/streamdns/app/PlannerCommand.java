package io.streamdns.app;

import io.streamdns.model.dns.DomainFilter;
import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.config.PipelineSettings;
import io.streamdns.planner.PlannerConfig;
import io.streamdns.planner.PlannerFlags;
import io.streamdns.runtime.flags.FlagValues;
import io.streamdns.planner.PlannerVerticle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code streamdns planner}: sources and zone state → change plans, with external-dns's flags. */
@Command(name = "planner", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = FlagOptions.Install.class,
        description = "Plans record changes per shard from sources and zone state: external-dns's plan and TXT "
                + "ownership, multi-cluster merging, debounce.")
public final class PlannerCommand implements Callable<Integer>, StageCommand, FlagOptions.Command {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions shared;

    private final FlagOptions flags = new FlagOptions(PlannerFlags.ALL.plus("planner", ProcessFlags.ALL));

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
        PlannerConfig config = config();
        PipelineSettings pipeline = PipelineSettings.ofDomains(DomainFilter.of(config.domainFilters(), config.excludeDomains(),
                        config.domainRegex()))
                .withTxt(config.txtOwnerId(), config.txtPrefix(), config.txtSuffix(), config.txtWildcardReplacement())
                .withManagedRecordTypes(config.managedRecordTypes());
        return new Prepared("planner", ctx -> new PlannerVerticle(config, ctx), () -> {
        }, pipeline);
    }

    /** The validated configuration; an invalid value fails naming its flag. */
    PlannerConfig config() {
        FlagValues values = flags.values(spec);
        try {
            return PlannerConfig.from(values);
        } catch (InvalidFlagException e) {
            throw FlagOptions.usageError(spec, e);
        }
    }
}
