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
 * @param migrateFromOwner {@code --migrate-from-txt-owner}: records this owner id owns count as ours and their TXTs
 *                      are rewritten to {@code ownerId}; empty: none
 */
public record PlanSettings(String ownerId, Policy policy, DomainFilter domainFilter, Set<String> managedTypes,
                           TxtNameMapper txtNames, MultiClusterStrategy multiCluster, boolean awsPreferCname,
                           boolean awsEvaluateTargetHealth, String migrateFromOwner) {

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
        migrateFromOwner = migrateFromOwner == null ? "" : migrateFromOwner;
        if (migrateFromOwner.equals(ownerId)) {
            throw new IllegalArgumentException("the owner id to migrate from is the owner id itself: " + ownerId);
        }
    }

    /** As external-dns's constructor: no owner to migrate from. */
    public PlanSettings(String ownerId, Policy policy, DomainFilter domainFilter, Set<String> managedTypes,
                        TxtNameMapper txtNames, MultiClusterStrategy multiCluster, boolean awsPreferCname,
                        boolean awsEvaluateTargetHealth) {
        this(ownerId, policy, domainFilter, managedTypes, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth, "");
    }

    /** external-dns's defaults: owner "default", sync, all domains, A/AAAA/CNAME, no TXT affixes, merge. */
    public static PlanSettings defaults() {
        return new PlanSettings(DEFAULT_OWNER, Policy.SYNC, DomainFilter.ALL, RecordTypes.MANAGED_DEFAULT,
                TxtNameMapper.defaults(), MultiClusterStrategy.MERGE, false, true);
    }

    public PlanSettings withOwner(String owner) {
        return new PlanSettings(owner, policy, domainFilter, managedTypes, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth, migrateFromOwner);
    }

    public PlanSettings withPolicy(Policy p) {
        return new PlanSettings(ownerId, p, domainFilter, managedTypes, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth, migrateFromOwner);
    }

    public PlanSettings withDomainFilter(DomainFilter f) {
        return new PlanSettings(ownerId, policy, f, managedTypes, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth, migrateFromOwner);
    }

    public PlanSettings withManagedTypes(Set<String> types) {
        return new PlanSettings(ownerId, policy, domainFilter, types, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth, migrateFromOwner);
    }

    public PlanSettings withTxtNames(TxtNameMapper mapper) {
        return new PlanSettings(ownerId, policy, domainFilter, managedTypes, mapper, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth, migrateFromOwner);
    }

    public PlanSettings withMultiCluster(MultiClusterStrategy s) {
        return new PlanSettings(ownerId, policy, domainFilter, managedTypes, txtNames, s, awsPreferCname,
                awsEvaluateTargetHealth, migrateFromOwner);
    }

    public PlanSettings withAws(boolean preferCname, boolean evaluateTargetHealth) {
        return new PlanSettings(ownerId, policy, domainFilter, managedTypes, txtNames, multiCluster, preferCname,
                evaluateTargetHealth, migrateFromOwner);
    }

    public PlanSettings withMigrateFromOwner(String old) {
        return new PlanSettings(ownerId, policy, domainFilter, managedTypes, txtNames, multiCluster, awsPreferCname,
                awsEvaluateTargetHealth, old);
    }

    public boolean manages(String recordType) {
        return managedTypes.contains(recordType);
    }
}
