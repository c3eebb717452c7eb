package io.streamdns.applier;

import io.streamdns.applier.batch.Limits;
import io.streamdns.applier.batch.ZoneSelection;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.runtime.config.InvalidFlagException;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The applier's configuration, built from flag names without the leading dashes ({@code aws-api-rate} → "2.5").
 * Every invalid value fails with a message naming its flag.
 */
public record ApplierConfig(String awsRegion, String awsEndpointUrl, String awsAssumeRole, String awsZoneType,
                            List<String> zoneIdFilter, List<String> domainFilter, List<String> excludeDomains,
                            boolean awsPreferCname, boolean awsEvaluateTargetHealth, double awsApiRate,
                            int awsApiRateShare, int awsApiRetries, Duration awsCircuitOpenDuration,
                            int awsBatchChangeSize, int awsBatchChangeSizeBytes, int awsBatchChangeSizeValues,
                            String txtOwnerId, String txtPrefix, String txtSuffix, String txtWildcardReplacement,
                            boolean dryRun, Duration driftInterval, String groupId, int maxMergedPlans,
                            int maxMergedChanges) {

    /** Flag name → default; these are all the keys {@link #fromMap} takes. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("aws-region", "");
        d.put("aws-endpoint-url", "");
        d.put("aws-assume-role", "");
        d.put("aws-zone-type", "");
        d.put("zone-id-filter", "");
        d.put("domain-filter", "");
        d.put("exclude-domains", "");
        d.put("aws-prefer-cname", "false");
        d.put("aws-evaluate-target-health", "true");
        d.put("aws-api-rate", "5");
        d.put("aws-api-rate-share", "1");
        d.put("aws-api-retries", "10");
        d.put("aws-circuit-open-duration", "30s");
        d.put("aws-batch-change-size", "1000");
        d.put("aws-batch-change-size-bytes", "32000");
        d.put("aws-batch-change-size-values", "1000");
        d.put("txt-owner-id", "default");
        d.put("txt-prefix", "");
        d.put("txt-suffix", "");
        d.put("txt-wildcard-replacement", "");
        d.put("dry-run", "false");
        d.put("drift-interval", "10m");
        d.put("group-id", "streamdns-applier");
        d.put("max-merged-plans", "50");
        d.put("max-merged-changes", "5000");
        return Collections.unmodifiableMap(d);
    }

    public ApplierConfig {
        zoneIdFilter = List.copyOf(zoneIdFilter);
        domainFilter = List.copyOf(domainFilter);
        excludeDomains = List.copyOf(excludeDomains);
    }

    public static ApplierConfig defaultConfig() {
        return fromMap(Map.of());
    }

    public static ApplierConfig fromMap(Map<String, String> raw) {
        for (String key : raw.keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new InvalidFlagException(key, "unknown applier option");
            }
        }
        Map<String, String> m = new LinkedHashMap<>(DEFAULTS);
        raw.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v.strip());
            }
        });
        String zoneType = m.get("aws-zone-type").toLowerCase(Locale.ROOT);
        if (!Set.of("", "public", "private").contains(zoneType)) {
            throw invalid("aws-zone-type", zoneType, "public, private or empty (both)");
        }
        String endpoint = m.get("aws-endpoint-url");
        if (!endpoint.isEmpty()) {
            try {
                URI u = URI.create(endpoint);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
            } catch (IllegalArgumentException e) {
                throw invalid("aws-endpoint-url", endpoint, "a URL such as http://127.0.0.1:4566");
            }
        }
        List<String> domains = list(m.get("domain-filter"));
        List<String> excludes = list(m.get("exclude-domains"));
        try {
            DomainFilter.of(domains, List.of());
        } catch (IllegalArgumentException e) {
            throw new InvalidFlagException("domain-filter", e.getMessage());
        }
        try {
            DomainFilter.of(List.of(), excludes);
        } catch (IllegalArgumentException e) {
            throw new InvalidFlagException("exclude-domains", e.getMessage());
        }
        if (!m.get("txt-prefix").isEmpty() && !m.get("txt-suffix").isEmpty()) {
            throw new IllegalArgumentException("--txt-prefix and --txt-suffix are mutually exclusive");
        }
        String owner = m.get("txt-owner-id");
        if (owner.isEmpty() || owner.contains(",") || owner.contains("\"")) {
            throw invalid("txt-owner-id", owner, "a non-empty id without commas or quotes");
        }
        double rate = decimal(m, "aws-api-rate");
        if (!(rate > 0) || rate > 1000) {
            throw invalid("aws-api-rate", m.get("aws-api-rate"), "requests per second, more than 0 and at most 1000");
        }
        ApplierConfig c = new ApplierConfig(m.get("aws-region"), endpoint, m.get("aws-assume-role"), zoneType,
                list(m.get("zone-id-filter")), domains, excludes, bool(m, "aws-prefer-cname"),
                bool(m, "aws-evaluate-target-health"), rate, integer(m, "aws-api-rate-share", 1, 10_000),
                integer(m, "aws-api-retries", 1, 100), duration(m, "aws-circuit-open-duration"),
                integer(m, "aws-batch-change-size", 1, 1000), integer(m, "aws-batch-change-size-bytes", 1, 32_000),
                integer(m, "aws-batch-change-size-values", 1, 1000), owner, m.get("txt-prefix"), m.get("txt-suffix"),
                m.get("txt-wildcard-replacement"), bool(m, "dry-run"), duration(m, "drift-interval"), m.get("group-id"),
                integer(m, "max-merged-plans", 1, 1000), integer(m, "max-merged-changes", 1, 100_000));
        if (c.groupId.isEmpty()) {
            throw invalid("group-id", "", "a consumer group id");
        }
        return c;
    }

    /** This instance's share of the account's Route 53 request rate. */
    public double ratePerInstance() {
        return awsApiRate / awsApiRateShare;
    }

    public Limits limits() {
        return new Limits(awsBatchChangeSize, awsBatchChangeSizeBytes, awsBatchChangeSizeValues);
    }

    public DomainFilter filter() {
        return DomainFilter.of(domainFilter, excludeDomains);
    }

    public ZoneSelection zoneSelection() {
        return new ZoneSelection(awsZoneType, Set.copyOf(zoneIdFilter), filter());
    }

    public TxtNameMapper txtNames() {
        return new TxtNameMapper(txtPrefix, txtSuffix, txtWildcardReplacement);
    }

    private static IllegalArgumentException invalid(String flag, String value, String accepted) {
        return new InvalidFlagException(flag, "invalid value '" + value + "' (accepted: " + accepted + ")");
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean bool(Map<String, String> m, String flag) {
        String v = m.get(flag).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(flag, v, "true or false");
        };
    }

    private static int integer(Map<String, String> m, String flag, int min, int max) {
        try {
            int v = Integer.parseInt(m.get(flag));
            if (v < min || v > max) {
                throw invalid(flag, m.get(flag), min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(flag, m.get(flag), "a whole number " + min + ".." + max);
        }
    }

    private static double decimal(Map<String, String> m, String flag) {
        try {
            return Double.parseDouble(m.get(flag));
        } catch (NumberFormatException e) {
            throw invalid(flag, m.get(flag), "a number");
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    /** {@code 10m}, {@code 30s}, {@code 500ms}, {@code 1h}, a bare number of seconds, or ISO-8601 {@code PT10M}. */
    static Duration duration(Map<String, String> m, String flag) {
        String v = m.get(flag).toLowerCase(Locale.ROOT);
        Duration d;
        Matcher x = DURATION.matcher(v);
        if (x.matches()) {
            long n = Long.parseLong(x.group(1));
            String unit = x.group(2) == null ? "s" : x.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } else {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(flag, m.get(flag), "a duration such as 10m, 30s, 500ms or PT10M");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw invalid(flag, m.get(flag), "a positive duration");
        }
        return d;
    }
}
