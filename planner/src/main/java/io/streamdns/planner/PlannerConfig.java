package io.streamdns.planner;

import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.planner.plan.DeleteBudget;
import io.streamdns.planner.plan.MultiClusterStrategy;
import io.streamdns.planner.plan.PlanSettings;
import io.streamdns.planner.plan.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The planner's configuration, built from flag names without their leading dashes ({@code txt-owner-id},
 * {@code policy}, ...). Lists are comma separated; durations are {@code 200ms}, {@code 2s}, {@code 1m} (a bare
 * number is milliseconds). Every validation error names its flag.
 *
 * @param policyGiven false when {@code policy} was not given and {@code sync} applies (external-dns v0.22 requires
 *                    it; the stage logs the default)
 */
public record PlannerConfig(String txtOwnerId, String txtPrefix, String txtSuffix, String txtWildcardReplacement,
                            Policy policy, boolean policyGiven, List<String> domainFilters, List<String> excludeDomains,
                            Set<String> managedRecordTypes, MultiClusterStrategy multiCluster, boolean awsPreferCname,
                            boolean awsEvaluateTargetHealth, Duration debounce, Duration debounceMax, String groupId,
                            Tuning tuning, DeleteBudget.Settings deleteBudget) {
    public static final String DEFAULT_GROUP = "streamdns-planner";
    public static final Set<String> KEYS = Set.of("txt-owner-id", "txt-prefix", "txt-suffix", "txt-wildcard-replacement",
            "policy", "domain-filter", "exclude-domains", "managed-record-types", "multi-cluster", "aws-prefer-cname",
            "aws-evaluate-target-health", "debounce", "debounce-max", "group-id", "max-delete-fraction",
            "min-records-for-budget", "delete-budget-window");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

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
    }

    public static PlannerConfig fromMap(Map<String, String> m) {
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new InvalidFlagException(k, "unknown flag (known: " + new TreeSet<>(KEYS) + ")");
            }
        }
        String owner = text(m, "txt-owner-id");
        owner = owner == null ? PlanSettings.DEFAULT_OWNER : owner;
        if (!OWNER.matcher(owner).matches()) {
            throw new InvalidFlagException("txt-owner-id", "'" + owner + "' may hold letters, digits and . _ : / -"
                    + " only (it is written into TXT values)");
        }
        String prefix = orEmpty(text(m, "txt-prefix"));
        String suffix = orEmpty(text(m, "txt-suffix"));
        if (!prefix.isEmpty() && !suffix.isEmpty()) {
            throw new InvalidFlagException("txt-prefix", "--txt-prefix and --txt-suffix are mutually exclusive");
        }
        String wildcard = orEmpty(text(m, "txt-wildcard-replacement"));
        String policyText = text(m, "policy");
        Policy policy;
        try {
            policy = policyText == null ? Policy.SYNC : Policy.fromFlag(policyText);
        } catch (IllegalArgumentException e) {
            throw new InvalidFlagException("policy", e.getMessage());
        }
        List<String> include = list(m, "domain-filter");
        List<String> exclude = list(m, "exclude-domains");
        domainFilter("domain-filter", include, List.of());
        domainFilter("exclude-domains", List.of(), exclude);
        Set<String> types = new LinkedHashSet<>();
        for (String t : list(m, "managed-record-types")) {
            String u = t.toUpperCase(Locale.ROOT);
            if (!RecordTypes.WRITABLE.contains(u)) {
                throw new InvalidFlagException("managed-record-types", "'" + t + "' is not one of "
                        + new TreeSet<>(RecordTypes.WRITABLE));
            }
            types.add(u);
        }
        if (types.isEmpty()) {
            types.addAll(RecordTypes.MANAGED_DEFAULT);
        }
        MultiClusterStrategy strategy;
        try {
            String s = text(m, "multi-cluster");
            strategy = s == null ? MultiClusterStrategy.MERGE : MultiClusterStrategy.fromFlag(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidFlagException("multi-cluster", e.getMessage());
        }
        Duration debounce = duration(m, "debounce", Duration.ofMillis(200));
        Duration debounceMax = duration(m, "debounce-max", Duration.ofSeconds(2));
        if (debounceMax.compareTo(debounce) < 0) {
            throw new InvalidFlagException("debounce-max", debounceMax.toMillis() + "ms is shorter than --debounce ("
                    + debounce.toMillis() + "ms)");
        }
        String group = text(m, "group-id");
        return new PlannerConfig(owner, prefix, suffix, wildcard, policy, policyText != null, include, exclude, types,
                strategy, bool(m, "aws-prefer-cname", false), bool(m, "aws-evaluate-target-health", true),
                debounce, debounceMax, group == null ? DEFAULT_GROUP : group, Tuning.DEFAULT, deleteBudget(m));
    }

    private static DeleteBudget.Settings deleteBudget(Map<String, String> m) {
        DeleteBudget.Settings d = DeleteBudget.Settings.DEFAULT;
        double fraction = d.maxFraction();
        String f = text(m, "max-delete-fraction");
        if (f != null) {
            try {
                fraction = Double.parseDouble(f);
            } catch (NumberFormatException e) {
                fraction = Double.NaN;
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new InvalidFlagException("max-delete-fraction", "'" + f + "' is not a fraction in (0, 1], e.g. 0.3");
            }
        }
        int min = d.minRecords();
        String n = text(m, "min-records-for-budget");
        if (n != null) {
            try {
                min = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                min = -1;
            }
            if (min < 0) {
                throw new InvalidFlagException("min-records-for-budget", "'" + n + "' is not a count >= 0");
            }
        }
        Duration window = duration(m, "delete-budget-window", d.window());
        if (window.isZero()) {
            throw new InvalidFlagException("delete-budget-window", "must be longer than 0, e.g. 10m");
        }
        return new DeleteBudget.Settings(fraction, min, window);
    }

    public PlannerConfig withTuning(Tuning t) {
        return new PlannerConfig(txtOwnerId, txtPrefix, txtSuffix, txtWildcardReplacement, policy, policyGiven,
                domainFilters, excludeDomains, managedRecordTypes, multiCluster, awsPreferCname, awsEvaluateTargetHealth,
                debounce, debounceMax, groupId, t, deleteBudget);
    }

    public PlannerConfig withGroupId(String group) {
        return new PlannerConfig(txtOwnerId, txtPrefix, txtSuffix, txtWildcardReplacement, policy, policyGiven,
                domainFilters, excludeDomains, managedRecordTypes, multiCluster, awsPreferCname, awsEvaluateTargetHealth,
                debounce, debounceMax, group, tuning, deleteBudget);
    }

    /** The plan core's settings. */
    public PlanSettings planSettings() {
        return new PlanSettings(txtOwnerId, policy, DomainFilter.of(domainFilters, excludeDomains), managedRecordTypes,
                new TxtNameMapper(txtPrefix, txtSuffix, txtWildcardReplacement), multiCluster, awsPreferCname,
                awsEvaluateTargetHealth);
    }

    private static void domainFilter(String flag, List<String> include, List<String> exclude) {
        try {
            DomainFilter.of(include, exclude);
        } catch (IllegalArgumentException e) {
            throw new InvalidFlagException(flag, e.getMessage());
        }
    }

    private static Duration duration(Map<String, String> m, String flag, Duration dflt) {
        String v = text(m, flag);
        if (v == null) {
            return dflt;
        }
        Matcher x = DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (!x.matches()) {
            throw new InvalidFlagException(flag, "'" + v + "' is not a duration such as 200ms, 2s or 1m");
        }
        long n = Long.parseLong(x.group(1));
        String unit = x.group(2) == null ? "ms" : x.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMillis(n);
        };
    }

    private static boolean bool(Map<String, String> m, String flag, boolean dflt) {
        String v = text(m, flag);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidFlagException(flag, "'" + v + "' is not true or false");
        };
    }

    private static String text(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static List<String> list(Map<String, String> m, String key) {
        String v = text(m, key);
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
