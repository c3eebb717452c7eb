package io.streamdns.app;

import io.streamdns.applier.ApplierConfig;
import io.streamdns.applier.ApplierVerticle;
import io.streamdns.applier.provider.Route53Api;
import io.streamdns.applier.provider.Route53Clients;
import io.streamdns.runtime.config.PipelineSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/** {@code streamdns applier}: change plans → Route 53, with the flags external-dns users know. */
@Command(name = "applier", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Applies change plans to Route 53 with batching, rate limiting, retry and circuit breaking; "
                + "publishes zone state and results.")
public final class ApplierCommand implements Callable<Integer>, StageCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions shared;

    @Option(names = "--aws-region", description = "Signing region of Route 53 calls (default: aws-global).")
    String awsRegion;

    @Option(names = "--aws-endpoint-url", description = "Route 53 endpoint override, e.g. the emulator's URL.")
    String awsEndpointUrl;

    @Option(names = "--aws-assume-role", description = "ARN of a role to assume (STS) for Route 53 calls.")
    String awsAssumeRole;

    @Option(names = "--aws-zone-type", description = "Only public or private zones (default: both).")
    String awsZoneType;

    @Option(names = "--zone-id-filter", split = ",", description = "Only these hosted zone ids (repeat or comma separate).")
    List<String> zoneIdFilter;

    @Option(names = "--domain-filter", split = ",", description = "Only names under these domains (repeat or comma separate).")
    List<String> domainFilter;

    @Option(names = "--exclude-domains", split = ",", description = "Never names under these domains.")
    List<String> excludeDomains;

    @Option(names = "--aws-prefer-cname", arity = "0..1", fallbackValue = "true",
            description = "Accepted for external-dns compatibility; the planner decides CNAME vs ALIAS (default: false).")
    String awsPreferCname;

    @Option(names = "--aws-evaluate-target-health", arity = "0..1", fallbackValue = "true",
            description = "EvaluateTargetHealth of ALIAS records without the annotation (default: true).")
    String awsEvaluateTargetHealth;

    @Option(names = "--aws-api-rate", description = "Route 53 requests per second of the account (default: 5).")
    String awsApiRate;

    @Option(names = "--aws-api-rate-share", description = "Number of applier instances sharing --aws-api-rate (default: 1).")
    String awsApiRateShare;

    @Option(names = "--aws-api-retries", description = "Attempts per Route 53 call on throttling, 5xx and timeouts (default: 10).")
    String awsApiRetries;

    @Option(names = "--aws-circuit-open-duration", description = "How long a zone's circuit stays open before a probe (default: 30s).")
    String awsCircuitOpenDuration;

    @Option(names = "--aws-batch-change-size", description = "Changes per ChangeResourceRecordSets, UPSERT counted twice (default: 1000).")
    String awsBatchChangeSize;

    @Option(names = "--aws-batch-change-size-bytes", description = "Characters of values per batch (default: 32000).")
    String awsBatchChangeSizeBytes;

    @Option(names = "--aws-batch-change-size-values", description = "Values per batch (default: 1000).")
    String awsBatchChangeSizeValues;

    @Option(names = "--txt-owner-id", description = "Owner id in TXT ownership records; only records it owns are changed (default: default).")
    String txtOwnerId;

    @Option(names = "--txt-prefix", description = "Prefix of TXT ownership record names (may hold %%{record_type}).")
    String txtPrefix;

    @Option(names = "--txt-suffix", description = "Suffix of TXT ownership record names (may hold %%{record_type}).")
    String txtSuffix;

    @Option(names = "--txt-wildcard-replacement", description = "Stands for '*' in TXT ownership record names.")
    String txtWildcardReplacement;

    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "true",
            description = "Log what would be applied and publish DRY_RUN results; write nothing (default: false).")
    String dryRun;

    @Option(names = "--drift-interval", description = "How often assigned zones are re-listed (default: 10m).")
    String driftInterval;

    @Option(names = "--group-id", description = "Kafka consumer group of the appliers (default: streamdns-applier).")
    String groupId;

    @Option(names = "--max-merged-plans", description = "Most queued plans of a partition applied together in one run (default: 50; 1: no merging).")
    String maxMergedPlans;

    @Option(names = "--max-merged-changes", description = "Most changes in one merged run (default: 5000).")
    String maxMergedChanges;

    /** The options given, keyed as {@link ApplierConfig#fromMap} wants. */
    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "aws-region", awsRegion);
        put(m, "aws-endpoint-url", awsEndpointUrl);
        put(m, "aws-assume-role", awsAssumeRole);
        put(m, "aws-zone-type", awsZoneType);
        put(m, "zone-id-filter", zoneIdFilter == null ? null : String.join(",", zoneIdFilter));
        put(m, "domain-filter", domainFilter == null ? null : String.join(",", domainFilter));
        put(m, "exclude-domains", excludeDomains == null ? null : String.join(",", excludeDomains));
        put(m, "aws-prefer-cname", awsPreferCname);
        put(m, "aws-evaluate-target-health", awsEvaluateTargetHealth);
        put(m, "aws-api-rate", awsApiRate);
        put(m, "aws-api-rate-share", awsApiRateShare);
        put(m, "aws-api-retries", awsApiRetries);
        put(m, "aws-circuit-open-duration", awsCircuitOpenDuration);
        put(m, "aws-batch-change-size", awsBatchChangeSize);
        put(m, "aws-batch-change-size-bytes", awsBatchChangeSizeBytes);
        put(m, "aws-batch-change-size-values", awsBatchChangeSizeValues);
        put(m, "txt-owner-id", txtOwnerId);
        put(m, "txt-prefix", txtPrefix);
        put(m, "txt-suffix", txtSuffix);
        put(m, "txt-wildcard-replacement", txtWildcardReplacement);
        put(m, "dry-run", dryRun);
        put(m, "drift-interval", driftInterval);
        put(m, "group-id", groupId);
        put(m, "max-merged-plans", maxMergedPlans);
        put(m, "max-merged-changes", maxMergedChanges);
        return m;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** The validated configuration; an invalid value fails naming its flag. */
    ApplierConfig config() {
        shared.validate(spec);
        try {
            return ApplierConfig.fromMap(toMap());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option " + e.getMessage());
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
                config.awsAssumeRole(), null);
        // resolved here, on the main thread: the chain may read files or call IMDS/STS, never on an event loop
        AwsCredentialsProvider credentials = Route53Clients.resolveOrFallback(settings);
        Route53AsyncClient client = Route53Clients.create(new Route53Clients.Settings(config.awsRegion(),
                config.awsEndpointUrl(), config.awsAssumeRole(), credentials));
        PipelineSettings pipeline = PipelineSettings.ofDomains(config.filter())
                .withTxt(config.txtOwnerId(), config.txtPrefix(), config.txtSuffix(), config.txtWildcardReplacement());
        return new Prepared("applier", ctx -> new ApplierVerticle(config, ctx, Route53Api.of(client)), client::close,
                pipeline);
    }
}
