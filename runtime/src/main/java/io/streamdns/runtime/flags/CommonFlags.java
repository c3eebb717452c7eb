package io.streamdns.runtime.flags;

import io.streamdns.model.dns.DomainFilter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The flags several stages read, defined once here: under {@code streamdns run} one flag reaches every stage that
 * has it, so they must mean the same everywhere. external-dns's names, values and defaults.
 */
public final class CommonFlags {
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

    private CommonFlags() {
    }

    /** A domain as {@link DomainFilter} accepts it. */
    public static final FlagType<String> DOMAIN = FlagType.of("domain", d -> {
        DomainFilter.of(List.of(d), List.of());
        return d;
    }, d -> d);

    public static final Flag<List<String>> DOMAIN_FILTER = Flag.of("domain-filter", FlagType.list(DOMAIN), List.of(),
            "Only names under these domains, and only zones holding them");
    public static final Flag<List<String>> EXCLUDE_DOMAINS = Flag.of("exclude-domains", FlagType.list(DOMAIN),
            List.of(), "Never names under these domains");
    /** A regular expression as {@link DomainFilter.Regex} compiles it; a bad one is refused when read. */
    public static final FlagType<String> REGEX = FlagType.of("regex", r -> {
        DomainFilter.Regex.of(r, "");
        return r;
    }, r -> r);
    public static final Flag<String> REGEX_DOMAIN_FILTER = Flag.of("regex-domain-filter", REGEX, "",
            "Only names (and zones) matching this regular expression; overrides --domain-filter and "
                    + "--exclude-domains, as external-dns");
    public static final Flag<String> REGEX_DOMAIN_EXCLUSION = Flag.of("regex-domain-exclusion", REGEX, "",
            "Never names (and zones) matching this regular expression; overrides --domain-filter and "
                    + "--exclude-domains, as external-dns");
    public static final Flag<String> TXT_OWNER_ID = Flag.of("txt-owner-id", ownerId(false), "default",
            "Owner id in TXT ownership records; only records it owns are updated or deleted");
    /**
     * external-dns's {@code --migrate-from-txt-owner}: records this old owner id owns count as ours, and their
     * ownership TXTs are rewritten to {@code --txt-owner-id}; records of any other owner stay foreign.
     */
    public static final Flag<String> MIGRATE_FROM_TXT_OWNER = Flag.of("migrate-from-txt-owner", ownerId(true), "",
            "Old owner id to take over: records it owns are treated as owned by --txt-owner-id and their ownership "
                    + "TXTs rewritten to it");
    public static final Flag<String> TXT_PREFIX = Flag.string("txt-prefix", "",
            "Prefix of TXT ownership record names (may hold %{record_type}); not with --txt-suffix");
    public static final Flag<String> TXT_SUFFIX = Flag.string("txt-suffix", "",
            "Suffix of TXT ownership record names (may hold %{record_type}); not with --txt-prefix");
    public static final Flag<String> TXT_WILDCARD_REPLACEMENT = Flag.string("txt-wildcard-replacement", "",
            "Stands for '*' in TXT ownership record names");
    public static final Flag<Boolean> AWS_PREFER_CNAME = Flag.bool("aws-prefer-cname", false,
            "Keep CNAMEs to AWS load balancers instead of ALIAS records");
    public static final Flag<Boolean> AWS_EVALUATE_TARGET_HEALTH = Flag.bool("aws-evaluate-target-health", true,
            "EvaluateTargetHealth of ALIAS records without the annotation");
    public static final Flag<Double> MAX_DELETE_FRACTION = Flag.of("max-delete-fraction", FlagType.decimal(0, 1), 0.3,
            "Most of a shard's owned records (watcher: of the objects it restored) deleted within the budget window "
                    + "without an approval (streamdns approve-deletes), in (0, 1]");
    public static final Flag<Integer> MIN_RECORDS_FOR_BUDGET = Flag.of("min-records-for-budget",
            FlagType.integer(0, Integer.MAX_VALUE), 10, "The delete budget applies to shards owning at least this many "
                    + "records (watcher: objects restored)");

    /** external-dns's {@code --registry}: streamdns keeps ownership in TXT records. */
    public static final Flag<String> REGISTRY = Flag.of("registry", FlagType.of("txt", r -> switch (r) {
        case "txt" -> r;
        case "noop" -> throw new IllegalArgumentException("'noop' is refused: it manages records without ownership "
                + "records, so every record of a managed type in the zone, made by hand or by another tool, would be "
                + "taken over, updated and deleted; streamdns never touches a record it did not create. Use txt (the "
                + "default) with the --txt-owner-id your external-dns used: records a noop registry made have no "
                + "ownership TXT and are left as they are, each reported as skipped (unowned) by the planner; delete "
                + "them (or add their ownership TXT with that owner id) to hand them over");
        case "dynamodb", "aws-sd", "crd" -> throw new IllegalArgumentException("'" + r + "' is not supported: "
                + "streamdns keeps ownership in TXT records beside each record (supported: txt)");
        default -> throw new IllegalArgumentException("'" + r + "' is not a registry (supported: txt)");
    }, r -> r), "txt", "Where record ownership is kept, as external-dns's --registry");

    private static FlagType<String> ownerId(boolean emptyAllowed) {
        return FlagType.of("id", o -> {
            if (!(emptyAllowed && o.isEmpty()) && !OWNER.matcher(o).matches()) {
                throw new IllegalArgumentException("'" + o + "' may hold letters, digits and . _ : / - only (it is "
                        + "written into TXT values)");
            }
            return o;
        }, o -> o);
    }

    /** --migrate-from-txt-owner names another owner than --txt-owner-id (external-dns would rewrite in circles). */
    public static String migrateFrom(FlagValues v) {
        String old = v.get(MIGRATE_FROM_TXT_OWNER);
        if (!old.isEmpty() && old.equals(v.get(TXT_OWNER_ID))) {
            throw new io.streamdns.runtime.config.InvalidFlagException(MIGRATE_FROM_TXT_OWNER.name(),
                    "'" + old + "' is --txt-owner-id itself: name the old owner id to take over");
        }
        return old;
    }

    /** The domain filter of the four flags (the regular expressions, when set, override the lists). */
    public static DomainFilter domainFilter(FlagValues v) {
        return DomainFilter.of(v.get(DOMAIN_FILTER), v.get(EXCLUDE_DOMAINS), domainRegex(v));
    }

    /** {@code --regex-domain-filter} and {@code --regex-domain-exclusion}, compiled. */
    public static DomainFilter.Regex domainRegex(FlagValues v) {
        return DomainFilter.Regex.of(v.get(REGEX_DOMAIN_FILTER), v.get(REGEX_DOMAIN_EXCLUSION));
    }

    /** --txt-prefix and --txt-suffix exclude each other, as in external-dns. */
    public static void checkTxtAffix(FlagValues v) {
        if (!v.get(TXT_PREFIX).isEmpty() && !v.get(TXT_SUFFIX).isEmpty()) {
            throw new io.streamdns.runtime.config.InvalidFlagException("txt-prefix",
                    "--txt-prefix and --txt-suffix are mutually exclusive");
        }
    }
}
