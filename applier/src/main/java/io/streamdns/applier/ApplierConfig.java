package io.streamdns.applier;

import static io.streamdns.applier.ApplierFlags.*;

import io.streamdns.applier.batch.Limits;
import io.streamdns.applier.batch.ZoneSelection;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import io.streamdns.runtime.config.InvalidFlagException;
import io.streamdns.runtime.flags.CommonFlags;
import io.streamdns.runtime.flags.FlagValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The applier's configuration, made from the values of {@link ApplierFlags}. Every invalid value fails with a
 * message naming its flag.
 *
 * @param domainRegex {@code --regex-domain-filter}, {@code --regex-domain-exclusion} (override the domain lists,
 *                    for names and zones)
 */
public record ApplierConfig(String awsRegion, String awsEndpointUrl, String awsAssumeRole, String awsZoneType,
                            List<String> zoneIdFilter, List<String> domainFilters, List<String> excludeDomains,
                            boolean awsPreferCname, boolean awsEvaluateTargetHealth, double awsApiRate,
                            int awsApiRateShare, int awsApiRetries, Duration awsCircuitOpenDuration,
                            int awsBatchChangeSize, int awsBatchChangeSizeBytes, int awsBatchChangeSizeValues,
                            String txtOwnerId, String txtPrefix, String txtSuffix, String txtWildcardReplacement,
                            boolean dryRun, Duration driftInterval, String groupId, int maxMergedPlans,
                            int maxMergedChanges, Aws aws, String migrateFromTxtOwner,
                            DomainFilter.Regex domainRegex) {

    /**
     * AWS settings beyond region and endpoint.
     *
     * @param profile            {@code --aws-profile}, empty for the default chain's
     * @param assumeRoleExternalId {@code --aws-assume-role-external-id}
     * @param zoneTags           {@code --aws-zone-tags}: {@code key=value} or {@code key}
     */
    public record Aws(String profile, String assumeRoleExternalId, List<String> zoneTags, boolean zoneMatchParent) {
        public static final Aws NONE = new Aws("", "", List.of(), false);

        public Aws {
            zoneTags = List.copyOf(zoneTags);
        }
    }

    public ApplierConfig {
        zoneIdFilter = List.copyOf(zoneIdFilter);
        domainFilters = List.copyOf(domainFilters);
        excludeDomains = List.copyOf(excludeDomains);
        aws = aws == null ? Aws.NONE : aws;
        migrateFromTxtOwner = migrateFromTxtOwner == null ? "" : migrateFromTxtOwner;
        domainRegex = domainRegex == null ? DomainFilter.Regex.NONE : domainRegex;
    }

    public static ApplierConfig defaultConfig() {
        return fromMap(Map.of());
    }

    /** From flag names without dashes → text (tests, the bench); unknown keys are refused. */
    public static ApplierConfig fromMap(Map<String, String> raw) {
        return from(ALL.values(raw));
    }

    public static ApplierConfig from(FlagValues v) {
        CommonFlags.checkTxtAffix(v);
        String groupId = v.get(GROUP_ID).strip();
        if (groupId.isEmpty()) {
            throw new InvalidFlagException(GROUP_ID.name(), "needs a consumer group id");
        }
        return new ApplierConfig(v.get(AWS_REGION), v.get(AWS_ENDPOINT_URL), v.get(AWS_ASSUME_ROLE),
                v.get(AWS_ZONE_TYPE), v.get(ZONE_ID_FILTER), v.get(CommonFlags.DOMAIN_FILTER),
                v.get(CommonFlags.EXCLUDE_DOMAINS), v.get(CommonFlags.AWS_PREFER_CNAME),
                v.get(CommonFlags.AWS_EVALUATE_TARGET_HEALTH), v.get(AWS_API_RATE), v.get(AWS_API_RATE_SHARE),
                v.get(AWS_API_RETRIES), v.get(AWS_CIRCUIT_OPEN_DURATION), v.get(AWS_BATCH_CHANGE_SIZE),
                v.get(AWS_BATCH_CHANGE_SIZE_BYTES), v.get(AWS_BATCH_CHANGE_SIZE_VALUES), v.get(CommonFlags.TXT_OWNER_ID),
                v.get(CommonFlags.TXT_PREFIX), v.get(CommonFlags.TXT_SUFFIX), v.get(CommonFlags.TXT_WILDCARD_REPLACEMENT),
                v.get(DRY_RUN), v.get(INTERVAL), groupId, v.get(MAX_MERGED_PLANS), v.get(MAX_MERGED_CHANGES),
                new Aws(v.get(AWS_PROFILE), v.get(AWS_ASSUME_ROLE_EXTERNAL_ID), v.get(AWS_ZONE_TAGS),
                        v.get(AWS_ZONE_MATCH_PARENT)), CommonFlags.migrateFrom(v), CommonFlags.domainRegex(v));
    }

    /** This instance's share of the account's Route 53 request rate. */
    public double ratePerInstance() {
        return awsApiRate / awsApiRateShare;
    }

    public Limits limits() {
        return new Limits(awsBatchChangeSize, awsBatchChangeSizeBytes, awsBatchChangeSizeValues);
    }

    public DomainFilter domainFilter() {
        return DomainFilter.of(domainFilters, excludeDomains, domainRegex);
    }

    public ZoneSelection zoneSelection() {
        return new ZoneSelection(awsZoneType, Set.copyOf(zoneIdFilter), domainFilter(), aws.zoneTags(),
                aws.zoneMatchParent());
    }

    public TxtNameMapper txtNames() {
        return new TxtNameMapper(txtPrefix, txtSuffix, txtWildcardReplacement);
    }
}
