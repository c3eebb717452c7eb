package io.streamdns.applier;

import static io.streamdns.runtime.flags.Flag.bool;
import static io.streamdns.runtime.flags.Flag.of;
import static io.streamdns.runtime.flags.Flag.string;

import io.streamdns.runtime.flags.CommonFlags;
import io.streamdns.runtime.flags.Flag;
import io.streamdns.runtime.flags.FlagSet;
import io.streamdns.runtime.flags.FlagType;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Every flag of the applier, defined once; {@link ApplierConfig} is made from their values. */
public final class ApplierFlags {
    private ApplierFlags() {
    }

    /** external-dns's {@code --provider}: streamdns writes to Route 53 only. */
    public static final Flag<String> PROVIDER = of("provider", FlagType.of("aws", p -> {
        if (!p.equals("aws")) {
            throw new IllegalArgumentException("'" + p + "' is not supported: streamdns writes to Route 53 only "
                    + "(supported: aws)");
        }
        return p;
    }, p -> p), "aws", "DNS provider, as external-dns's --provider");
    public static final Flag<String> AWS_REGION = string("aws-region", "",
            "Signing region of Route 53 calls; empty: AWS_REGION, else AWS_DEFAULT_REGION, else aws-global "
                    + "(GovCloud and China need theirs)");
    public static final Flag<String> AWS_ENDPOINT_URL = of("aws-endpoint-url", FlagType.of("url", u -> {
        if (!u.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("'" + u + "' is not a URL such as http://127.0.0.1:4566");
            }
        }
        return u;
    }, u -> u), "", "Route 53 endpoint override, e.g. the emulator's URL");
    public static final Flag<String> AWS_PROFILE = string("aws-profile", "",
            "Named profile of the shared AWS config and credentials files");
    public static final Flag<String> AWS_ASSUME_ROLE = string("aws-assume-role", "",
            "ARN of a role to assume (STS) for Route 53 calls");
    public static final Flag<String> AWS_ASSUME_ROLE_EXTERNAL_ID = string("aws-assume-role-external-id", "",
            "External id of the --aws-assume-role call");
    public static final Flag<String> AWS_ZONE_TYPE = of("aws-zone-type", FlagType.of("public|private",
            t -> switch (t.toLowerCase(java.util.Locale.ROOT)) {
                case "" -> "";
                case "public" -> "public";
                case "private" -> "private";
                default -> throw new IllegalArgumentException("'" + t + "' is not public, private or empty (both)");
            }, t -> t), "", "Only public or private zones; empty: both");
    public static final Flag<List<String>> AWS_ZONE_TAGS = of("aws-zone-tags", FlagType.list(FlagType.of("key=value",
            t -> {
                if (t.startsWith("=")) {
                    throw new IllegalArgumentException("'" + t + "' has no tag key (key or key=value)");
                }
                return t;
            }, t -> t)), List.of(), "Only zones with all these tags (key=value, or key for any value)");
    public static final Flag<Boolean> AWS_ZONE_MATCH_PARENT = bool("aws-zone-match-parent", false,
            "Also manage a zone that holds a filtered domain (example.com for --domain-filter=app.example.com), "
                    + "as external-dns; writes stay inside the filter");
    public static final Flag<List<String>> ZONE_ID_FILTER = Flag.strings("zone-id-filter", "Only these hosted zone ids");
    public static final Flag<Double> AWS_API_RATE = of("aws-api-rate", FlagType.decimal(0, 1000), 5.0,
            "Route 53 requests per second of the account");
    public static final Flag<Integer> AWS_API_RATE_SHARE = of("aws-api-rate-share", FlagType.integer(1, 10_000), 1,
            "Number of applier instances sharing --aws-api-rate");
    public static final Flag<Integer> AWS_API_RETRIES = of("aws-api-retries", FlagType.integer(1, 100), 10,
            "Attempts per Route 53 call on throttling, 5xx and timeouts");
    public static final Flag<Duration> AWS_CIRCUIT_OPEN_DURATION = of("aws-circuit-open-duration",
            FlagType.duration(Duration.ofMillis(1), Duration.ofHours(24)), Duration.ofSeconds(30),
            "How long a zone's circuit stays open before a probe");
    public static final Flag<Integer> AWS_BATCH_CHANGE_SIZE = of("aws-batch-change-size", FlagType.integer(1, 1000),
            1000, "Changes per ChangeResourceRecordSets, UPSERT counted twice");
    public static final Flag<Integer> AWS_BATCH_CHANGE_SIZE_BYTES = of("aws-batch-change-size-bytes",
            FlagType.integer(1, 32_000), 32_000, "Characters of values per batch");
    public static final Flag<Integer> AWS_BATCH_CHANGE_SIZE_VALUES = of("aws-batch-change-size-values",
            FlagType.integer(1, 1000), 1000, "Values per batch");
    public static final Flag<Boolean> DRY_RUN = bool("dry-run", false,
            "Log what would be applied and publish DRY_RUN results; write nothing");
    public static final Flag<Duration> INTERVAL = of("interval", FlagType.duration(Duration.ofMillis(1),
            Duration.ofDays(7)), Duration.ofMinutes(10), "How often assigned zones are re-listed to catch changes "
            + "made outside streamdns (external-dns's sync period; changes of Kubernetes objects go through at once)")
            .alias("drift-interval");
    public static final Flag<String> GROUP_ID = string("group-id", "streamdns-applier",
            "Kafka consumer group of the appliers");
    public static final Flag<Integer> MAX_MERGED_PLANS = of("max-merged-plans", FlagType.integer(1, 1000), 50,
            "Most queued plans of a partition applied together in one run; 1: no merging");
    public static final Flag<Integer> MAX_MERGED_CHANGES = of("max-merged-changes", FlagType.integer(1, 100_000), 5000,
            "Most changes in one merged run");

    public static final FlagSet ALL = FlagSet.of("applier", PROVIDER, AWS_REGION, AWS_ENDPOINT_URL, AWS_PROFILE,
            AWS_ASSUME_ROLE, AWS_ASSUME_ROLE_EXTERNAL_ID, AWS_ZONE_TYPE, AWS_ZONE_TAGS, AWS_ZONE_MATCH_PARENT,
            ZONE_ID_FILTER, CommonFlags.DOMAIN_FILTER, CommonFlags.EXCLUDE_DOMAINS, CommonFlags.REGEX_DOMAIN_FILTER,
            CommonFlags.REGEX_DOMAIN_EXCLUSION, CommonFlags.AWS_PREFER_CNAME,
            CommonFlags.AWS_EVALUATE_TARGET_HEALTH, AWS_API_RATE, AWS_API_RATE_SHARE, AWS_API_RETRIES,
            AWS_CIRCUIT_OPEN_DURATION, AWS_BATCH_CHANGE_SIZE, AWS_BATCH_CHANGE_SIZE_BYTES, AWS_BATCH_CHANGE_SIZE_VALUES,
            CommonFlags.TXT_OWNER_ID, CommonFlags.MIGRATE_FROM_TXT_OWNER, CommonFlags.TXT_PREFIX,
            CommonFlags.TXT_SUFFIX, CommonFlags.TXT_WILDCARD_REPLACEMENT, DRY_RUN, INTERVAL, GROUP_ID, MAX_MERGED_PLANS, MAX_MERGED_CHANGES);
}
