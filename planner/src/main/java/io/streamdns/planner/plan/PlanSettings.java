package io.streamdns.planner.plan;

import io.streamdns.model.RecordTypes;
import io.streamdns.model.dns.DomainFilter;
import io.streamdns.model.registry.TxtNameMapper;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a plan depends on besides desired and current records.
 *
 * @param ownerId       {@code --txt-owner-id}: records are updated or deleted only when their TXT names it
 * @param managedTypes  {@code --managed-record-types} (upper case); ownership TXT records are handled apart
 * @param txtNames      {@code --txt-prefix}, {@code --txt-suffix}, {@code --txt-wildcard-replacement}
 */
public record PlanSettings(String ownerId, Policy policy, DomainFilter domainFilter, Set<String> managedTypes,
                           TxtNameMapper txtNames, MultiClusterStrategy multiCluster, boolean awsPreferCname,
                           boolean awsEvaluateTargetHealth) {

    public static final String DEFAULT_OWNER = "default";

    public PlanSettings {
        if (ownerId == null || ownerId.isBlank()) {
            throw new IllegalArgumentException("owner id must not be empty");
        }
        if (ownerId.contains(",") || ownerId.contains("\"")) {
            throw new IllegalArgumentException("owner id must not contain ',' or '\"': " + ownerId);
        }
        policy = policy == null ? Policy.SYNC : policy;
        domainFilter = domainFilter == null ? DomainFilter.ALL : domainFilter;
        Set<String> types = new TreeSet<>();
        for (String t : managedTypes == null || managedTypes.isEmpty() ? RecordTypes.MANAGED_DEFAULT : managedTypes) {
            types.add(t.strip().toUpperCase(Locale.ROOT));
        }
        managedTypes = Set.copyOf(types);
        txtNames = txtNames == null ? TxtNameMapper.defaults() : txtNames;
        multiCluster = multiCluster == null ? MultiClusterStrategy.MERGE : multiCluster;
    }

    /** external-dns's defaults: owner "default", sync, all domains, A/AAAA/CNAME, no TXT affixes, merge. */
    public static PlanSettings defaults() {
        return new PlanSettings(DEFAULT_OWNER, Policy.SYNC, DomainFilter.ALL, RecordTypes.MANAGED_DEFAULT,
                TxtNameMapper.defaults(), MultiClusterStrategy.MERGE, false, true);
    }

    public PlanSettings withOwner(String owner) {
        return new PlanSettings(owner, policy, domainFilter, managedTypes, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth);
    }

    public PlanSettings withPolicy(Policy p) {
        return new PlanSettings(ownerId, p, domainFilter, managedTypes, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth);
    }

    public PlanSettings withDomainFilter(DomainFilter f) {
        return new PlanSettings(ownerId, policy, f, managedTypes, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth);
    }

    public PlanSettings withManagedTypes(Set<String> types) {
        return new PlanSettings(ownerId, policy, domainFilter, types, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth);
    }

    public PlanSettings withTxtNames(TxtNameMapper mapper) {
        return new PlanSettings(ownerId, policy, domainFilter, managedTypes, mapper, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth);
    }

    public PlanSettings withMultiCluster(MultiClusterStrategy s) {
        return new PlanSettings(ownerId, policy, domainFilter, managedTypes, txtNames, s, awsPreferCname,
                awsEvaluateTargetHealth);
    }

    public PlanSettings withAws(boolean preferCname, boolean evaluateTargetHealth) {
        return new PlanSettings(ownerId, policy, domainFilter, managedTypes, txtNames, multiCluster, preferCname,
                evaluateTargetHealth);
    }

    public boolean manages(String recordType) {
        return managedTypes.contains(recordType);
    }
}
