package io.streamdns.planner;

import static io.streamdns.runtime.flags.Flag.of;

import io.streamdns.model.RecordTypes;
import io.streamdns.planner.plan.MultiClusterStrategy;
import io.streamdns.planner.plan.Policy;
import io.streamdns.runtime.flags.CommonFlags;
import io.streamdns.runtime.flags.Flag;
import io.streamdns.runtime.flags.FlagSet;
import io.streamdns.runtime.flags.FlagType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Every flag of the planner, defined once; {@link PlannerConfig} is made from their values. */
public final class PlannerFlags {
    private PlannerFlags() {
    }

    /** Required, as in external-dns v0.22: a missing policy must not silently mean {@code sync}. */
    public static final Flag<Policy> POLICY = of("policy", FlagType.of(String.join("|", Policy.flagValues()),
            Policy::fromFlag, Policy::flagValue), null,
            "What plans may do: sync, upsert-only (never delete) or create-only, as external-dns v0.22").asRequired();
    /** external-dns's {@code --exclude-record-types}: any type name (excluding one never managed is a no-op). */
    public static final Flag<List<String>> EXCLUDE_RECORD_TYPES = of("exclude-record-types",
            FlagType.list(FlagType.of("type", t -> {
                if (!t.matches("[A-Za-z][A-Za-z0-9]*")) {
                    throw new IllegalArgumentException("'" + t + "' is not a record type");
                }
                return t.toUpperCase(Locale.ROOT);
            }, t -> t)), List.of(), "Record types taken out of --managed-record-types: neither planned nor touched, "
                    + "as external-dns");
    public static final Flag<List<String>> MANAGED_RECORD_TYPES = of("managed-record-types",
            FlagType.list(FlagType.of(String.join("|", new java.util.TreeSet<>(RecordTypes.WRITABLE)), t -> {
                String u = t.toUpperCase(Locale.ROOT);
                if (!RecordTypes.WRITABLE.contains(u)) {
                    throw new IllegalArgumentException("'" + t + "' is not one of "
                            + new java.util.TreeSet<>(RecordTypes.WRITABLE));
                }
                return u;
            }, t -> t)), List.of("A", "AAAA", "CNAME"), "Record types the planner manages");
    public static final Flag<MultiClusterStrategy> MULTI_CLUSTER = of("multi-cluster", FlagType.of(
            String.join("|", MultiClusterStrategy.flagValues()), MultiClusterStrategy::fromFlag,
            MultiClusterStrategy::flagValue), MultiClusterStrategy.MERGE, "When several clusters claim a name: merge "
            + "(A/AAAA unioned, CNAME/ALIAS weighted), weighted or first-wins");
    public static final Flag<Duration> DEBOUNCE = of("debounce", FlagType.duration(Duration.ZERO, Duration.ofMinutes(10)),
            Duration.ofMillis(200), "Quiet time before a touched name is planned");
    public static final Flag<Duration> DEBOUNCE_MAX = of("debounce-max",
            FlagType.duration(Duration.ZERO, Duration.ofHours(1)), Duration.ofSeconds(2),
            "Longest a touched name waits while touches go on; not shorter than --debounce");
    public static final Flag<String> GROUP_ID = Flag.string("group-id", PlannerConfig.DEFAULT_GROUP,
            "Kafka consumer group of the planners");
    public static final Flag<Duration> DELETE_BUDGET_WINDOW = of("delete-budget-window",
            FlagType.duration(Duration.ofSeconds(1), Duration.ofDays(7)), Duration.ofMinutes(10),
            "The window of the delete budget");

    public static final FlagSet ALL = FlagSet.of("planner", CommonFlags.TXT_OWNER_ID,
            CommonFlags.MIGRATE_FROM_TXT_OWNER, CommonFlags.TXT_PREFIX,
            CommonFlags.TXT_SUFFIX, CommonFlags.TXT_WILDCARD_REPLACEMENT, CommonFlags.REGISTRY, POLICY,
            CommonFlags.DOMAIN_FILTER, CommonFlags.EXCLUDE_DOMAINS, CommonFlags.REGEX_DOMAIN_FILTER,
            CommonFlags.REGEX_DOMAIN_EXCLUSION, MANAGED_RECORD_TYPES, EXCLUDE_RECORD_TYPES, MULTI_CLUSTER,
            CommonFlags.AWS_PREFER_CNAME, CommonFlags.AWS_EVALUATE_TARGET_HEALTH, DEBOUNCE, DEBOUNCE_MAX, GROUP_ID,
            CommonFlags.MAX_DELETE_FRACTION, CommonFlags.MIN_RECORDS_FOR_BUDGET, DELETE_BUDGET_WINDOW);
}
