package io.streamdns.app;

import io.streamdns.model.dns.DomainFilter;
import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.config.PipelineSettings;
import io.streamdns.planner.PlannerConfig;
import io.streamdns.planner.PlannerVerticle;
import io.streamdns.planner.plan.MultiClusterStrategy;
import io.streamdns.planner.plan.Policy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code streamdns planner}: sources and zone state → change plans, with external-dns's flags. */
@Command(name = "planner", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Plans record changes per shard from sources and zone state: external-dns's plan and TXT "
                + "ownership, multi-cluster merging, debounce.")
public final class PlannerCommand implements Callable<Integer>, StageCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions shared;

    @Option(names = "--txt-owner-id", description = "Owner id in TXT ownership records; only records it owns are "
            + "updated or deleted (default: default).")
    String txtOwnerId;

    @Option(names = "--txt-prefix", description = "Prefix of TXT ownership record names (may hold %%{record_type}).")
    String txtPrefix;

    @Option(names = "--txt-suffix", description = "Suffix of TXT ownership record names (may hold %%{record_type}).")
    String txtSuffix;

    @Option(names = "--txt-wildcard-replacement", description = "Stands for '*' in TXT ownership record names.")
    String txtWildcardReplacement;

    @Option(names = "--policy", converter = PolicyConverter.class, paramLabel = "sync|upsert-only|create-only",
            description = "What plans may do: sync, upsert-only (never delete) or create-only (default: sync; "
                    + "external-dns v0.22 requires the flag).")
    Policy policy;

    @Option(names = "--domain-filter", split = ",", description = "Only names under these domains (repeat or comma separate).")
    List<String> domainFilter;

    @Option(names = "--exclude-domains", split = ",", description = "Never names under these domains.")
    List<String> excludeDomains;

    @Option(names = "--managed-record-types", split = ",",
            description = "Record types the planner manages (default: A,AAAA,CNAME; accepted: A, AAAA, CNAME, TXT, SRV).")
    List<String> managedRecordTypes;

    @Option(names = "--multi-cluster", converter = MultiClusterConverter.class, paramLabel = "merge|weighted|first-wins",
            description = "When several clusters claim a name: merge (A/AAAA unioned, CNAME/ALIAS weighted), weighted "
                    + "or first-wins (default: merge).")
    MultiClusterStrategy multiCluster;

    @Option(names = "--aws-prefer-cname", arity = "0..1", fallbackValue = "true",
            description = "Keep CNAMEs to AWS load balancers instead of ALIAS records (default: false).")
    String awsPreferCname;

    @Option(names = "--aws-evaluate-target-health", arity = "0..1", fallbackValue = "true",
            description = "EvaluateTargetHealth of ALIAS records without the annotation (default: true).")
    String awsEvaluateTargetHealth;

    @Option(names = "--debounce", description = "Quiet time before a touched name is planned, e.g. 200ms (default: 200ms).")
    String debounce;

    @Option(names = "--debounce-max", description = "Longest a touched name waits while touches go on (default: 2s).")
    String debounceMax;

    @Option(names = "--group-id", description = "Kafka consumer group of the planners (default: streamdns-planner).")
    String groupId;

    @Option(names = "--max-delete-fraction", description = "Most of a shard's owned records deleted within "
            + "--delete-budget-window without an approval (streamdns approve-deletes), in (0, 1] (default: 0.3).")
    String maxDeleteFraction;

    @Option(names = "--min-records-for-budget", description = "The delete budget applies to shards owning at least "
            + "this many records (default: 10).")
    String minRecordsForBudget;

    @Option(names = "--delete-budget-window", description = "The window of the delete budget, e.g. 10m (default: 10m).")
    String deleteBudgetWindow;

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
        PipelineSettings pipeline = PipelineSettings.ofDomains(DomainFilter.of(config.domainFilters(), config.excludeDomains()))
                .withTxt(config.txtOwnerId(), config.txtPrefix(), config.txtSuffix(), config.txtWildcardReplacement())
                .withManagedRecordTypes(config.managedRecordTypes());
        return new Prepared("planner", ctx -> new PlannerVerticle(config, ctx), () -> {
        }, pipeline);
    }

    /** The validated configuration; an invalid value fails naming its flag. */
    PlannerConfig config() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "txt-owner-id", txtOwnerId);
        put(m, "txt-prefix", txtPrefix);
        put(m, "txt-suffix", txtSuffix);
        put(m, "txt-wildcard-replacement", txtWildcardReplacement);
        put(m, "policy", policy == null ? null : policy.flagValue());
        put(m, "domain-filter", domainFilter == null ? null : String.join(",", domainFilter));
        put(m, "exclude-domains", excludeDomains == null ? null : String.join(",", excludeDomains));
        put(m, "managed-record-types", managedRecordTypes == null ? null : String.join(",", managedRecordTypes));
        put(m, "multi-cluster", multiCluster == null ? null : multiCluster.flagValue());
        put(m, "aws-prefer-cname", awsPreferCname);
        put(m, "aws-evaluate-target-health", awsEvaluateTargetHealth);
        put(m, "debounce", debounce);
        put(m, "debounce-max", debounceMax);
        put(m, "group-id", groupId);
        put(m, "max-delete-fraction", maxDeleteFraction);
        put(m, "min-records-for-budget", minRecordsForBudget);
        put(m, "delete-budget-window", deleteBudgetWindow);
        try {
            return PlannerConfig.fromMap(m);
        } catch (InvalidFlagException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--" + e.flag() + "': " + e.reason());
        }
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** {@code --policy} takes external-dns's hyphenated names, not the enum's. */
    static final class PolicyConverter implements CommandLine.ITypeConverter<Policy> {
        @Override
        public Policy convert(String value) {
            try {
                return Policy.fromFlag(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --multi-cluster} takes merge, weighted or first-wins. */
    static final class MultiClusterConverter implements CommandLine.ITypeConverter<MultiClusterStrategy> {
        @Override
        public MultiClusterStrategy convert(String value) {
            try {
                return MultiClusterStrategy.fromFlag(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
