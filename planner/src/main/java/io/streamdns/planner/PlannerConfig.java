package io.streamdns.planner;

import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.planner.plan.DeleteBudget;
import io.streamdns.planner.plan.MultiClusterStrategy;
import io.streamdns.planner.plan.PlanSettings;
import io.streamdns.planner.plan.Policy;
import io.streamdns.runtime.flags.CommonFlags;
import io.streamdns.runtime.flags.FlagValues;
import io.streamdns.runtime.flags.GoDuration;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planner's configuration, made from the values of {@link PlannerFlags}. Every validation error names its flag.
 *
 * @param policyGiven whether {@code --policy} was given (it is required, as in external-dns v0.22)
 * @param excludeRecordTypes {@code --exclude-record-types}: taken out of the managed types
 * @param domainRegex {@code --regex-domain-filter}, {@code --regex-domain-exclusion} (override the domain lists)
 */
public record PlannerConfig(String txtOwnerId, String txtPrefix, String txtSuffix, String txtWildcardReplacement,
                            Policy policy, boolean policyGiven, List<String> domainFilters, List<String> excludeDomains,
                            Set<String> managedRecordTypes, MultiClusterStrategy multiCluster, boolean awsPreferCname,
                            boolean awsEvaluateTargetHealth, Duration debounce, Duration debounceMax, String groupId,
                            Tuning tuning, DeleteBudget.Settings deleteBudget, String migrateFromTxtOwner,
                            Set<String> excludeRecordTypes, DomainFilter.Regex domainRegex) {
    public static final String DEFAULT_GROUP = "streamdns-planner";
    
    /**
     * Internals with sensible defaults, not flags: the largest plan record, how long accepted changes may wait for
     * zone state, the age of plans read back on assignment, the sweep period, the rejection back-off bounds.
     */
    /**
     * @param namesPerTurn names a debounced batch plans per event-loop turn: a burst of 20,000 names is planned and
     *                     published over several turns, so the loop keeps serving records and timers meanwhile
     */
    public record Tuning(int maxChangesPerPlan, Duration inFlightGrace, Duration inFlightMaxAge, Duration sweepEvery,
                         Duration backoffMin, Duration backoffMax, Duration restoreTimeout, int namesPerTurn) {
        public static final Tuning DEFAULT = new Tuning(500, Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(10), 1_000);

        public Tuning withNamesPerTurn(int n) {
            return new Tuning(maxChangesPerPlan, inFlightGrace, inFlightMaxAge, sweepEvery, backoffMin, backoffMax,
                    restoreTimeout, n);
        }
    }

    public PlannerConfig {
        domainFilters = List.copyOf(domainFilters);
        excludeDomains = List.copyOf(excludeDomains);
        managedRecordTypes = Set.copyOf(managedRecordTypes);
        tuning = tuning == null ? Tuning.DEFAULT : tuning;
        deleteBudget = deleteBudget == null ? DeleteBudget.Settings.DEFAULT : deleteBudget;
        migrateFromTxtOwner = migrateFromTxtOwner == null ? "" : migrateFromTxtOwner;
        excludeRecordTypes = excludeRecordTypes == null ? Set.of() : Set.copyOf(excludeRecordTypes);
        domainRegex = domainRegex == null ? DomainFilter.Regex.NONE : domainRegex;
    }

    /** From flag names without dashes → text (tests, the bench); unknown keys are refused, --policy is required. */
    public static PlannerConfig fromMap(Map<String, String> m) {
        return from(PlannerFlags.ALL.values(m));
    }

    public static PlannerConfig from(FlagValues v) {
        CommonFlags.checkTxtAffix(v);
        Duration debounce = v.get(PlannerFlags.DEBOUNCE);
        Duration debounceMax = v.get(PlannerFlags.DEBOUNCE_MAX);
        if (debounceMax.compareTo(debounce) < 0) {
            throw new InvalidFlagException("debounce-max", GoDuration.format(debounceMax) + " is shorter than "
                    + "--debounce (" + GoDuration.format(debounce) + ")");
        }
        String group = v.get(PlannerFlags.GROUP_ID).strip();
        if (group.isEmpty()) {
            throw new InvalidFlagException("group-id", "needs a consumer group id");
        }
        DeleteBudget.Settings budget = new DeleteBudget.Settings(v.get(CommonFlags.MAX_DELETE_FRACTION),
                v.get(CommonFlags.MIN_RECORDS_FOR_BUDGET), v.get(PlannerFlags.DELETE_BUDGET_WINDOW));
        return new PlannerConfig(v.get(CommonFlags.TXT_OWNER_ID), v.get(CommonFlags.TXT_PREFIX),
                v.get(CommonFlags.TXT_SUFFIX), v.get(CommonFlags.TXT_WILDCARD_REPLACEMENT), v.get(PlannerFlags.POLICY),
                v.given(PlannerFlags.POLICY), v.get(CommonFlags.DOMAIN_FILTER), v.get(CommonFlags.EXCLUDE_DOMAINS),
                new LinkedHashSet<>(v.get(PlannerFlags.MANAGED_RECORD_TYPES)), v.get(PlannerFlags.MULTI_CLUSTER),
                v.get(CommonFlags.AWS_PREFER_CNAME), v.get(CommonFlags.AWS_EVALUATE_TARGET_HEALTH), debounce,
                debounceMax, group, Tuning.DEFAULT, budget, CommonFlags.migrateFrom(v),
                checkedExclusions(v), CommonFlags.domainRegex(v));
    }

    /** external-dns's IsManagedRecord: the managed types (default A, AAAA, CNAME) minus the excluded ones. */
    static Set<String> managedTypes(Set<String> managed, Set<String> excluded) {
        Set<String> types = new java.util.TreeSet<>(managed.isEmpty() ? RecordTypes.MANAGED_DEFAULT : managed);
        types.removeAll(excluded);
        return types;
    }

    private static Set<String> checkedExclusions(FlagValues v) {
        Set<String> excluded = new LinkedHashSet<>(v.get(PlannerFlags.EXCLUDE_RECORD_TYPES));
        if (!excluded.isEmpty() && managedTypes(new LinkedHashSet<>(v.get(PlannerFlags.MANAGED_RECORD_TYPES)),
                excluded).isEmpty()) {
            throw new InvalidFlagException("exclude-record-types", "excludes every managed record type "
                    + excluded + ": the planner would manage nothing");
        }
        return excluded;
    }

    public PlannerConfig withTuning(Tuning t) {
        return new PlannerConfig(txtOwnerId, txtPrefix, txtSuffix, txtWildcardReplacement, policy, policyGiven,
                domainFilters, excludeDomains, managedRecordTypes, multiCluster, awsPreferCname, awsEvaluateTargetHealth,
                debounce, debounceMax, groupId, t, deleteBudget, migrateFromTxtOwner, excludeRecordTypes, domainRegex);
    }

    public PlannerConfig withGroupId(String group) {
        return new PlannerConfig(txtOwnerId, txtPrefix, txtSuffix, txtWildcardReplacement, policy, policyGiven,
                domainFilters, excludeDomains, managedRecordTypes, multiCluster, awsPreferCname, awsEvaluateTargetHealth,
                debounce, debounceMax, group, tuning, deleteBudget, migrateFromTxtOwner, excludeRecordTypes,
                domainRegex);
    }

    /** The plan core's settings. */
    public PlanSettings planSettings() {
        return new PlanSettings(txtOwnerId, policy, DomainFilter.of(domainFilters, excludeDomains, domainRegex),
                managedTypes(managedRecordTypes, excludeRecordTypes),
                new TxtNameMapper(txtPrefix, txtSuffix, txtWildcardReplacement), multiCluster, awsPreferCname,
                awsEvaluateTargetHealth, migrateFromTxtOwner);
    }
}
