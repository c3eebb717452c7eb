package io.streamdns.runtime.config;

import io.streamdns.model.dns.DomainFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The settings every stage of one pipeline must agree on, as kept on {@code streamdns.config}: a name's shard comes
 * from the domain filters, so a watcher and an applier with different filters put desired and current state into
 * different shards; the TXT settings decide what is ours. A null field is one this stage does not have (the watcher
 * has no owner id, the applier no managed record types): it is neither compared nor overwritten. Values are kept
 * normalised (domains as {@link DomainFilter} writes them, record types upper case, both sorted). The regular
 * expressions ({@code --regex-domain-filter}, {@code --regex-domain-exclusion}) override the domain lists in every
 * stage, so they are compared as written ("" for none). Pure.
 */
public record PipelineSettings(List<String> domainFilters, List<String> excludeDomains, Integer partitions,
                               String txtOwnerId, String txtPrefix, String txtSuffix, String txtWildcardReplacement,
                               List<String> managedRecordTypes, String regexDomainFilter, String regexDomainExclusion) {
    public static final PipelineSettings NONE = new PipelineSettings(null, null, null, null, null, null, null, null,
            null, null);

    /** One field: the flag that sets it and how to read it. */
    private record Field(String flag, Function<PipelineSettings, Object> get) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("--domain-filter", PipelineSettings::domainFilters),
            new Field("--exclude-domains", PipelineSettings::excludeDomains),
            new Field("--regex-domain-filter", PipelineSettings::regexDomainFilter),
            new Field("--regex-domain-exclusion", PipelineSettings::regexDomainExclusion),
            new Field("--partitions", PipelineSettings::partitions),
            new Field("--txt-owner-id", PipelineSettings::txtOwnerId),
            new Field("--txt-prefix", PipelineSettings::txtPrefix),
            new Field("--txt-suffix", PipelineSettings::txtSuffix),
            new Field("--txt-wildcard-replacement", PipelineSettings::txtWildcardReplacement),
            new Field("--managed-record-types", PipelineSettings::managedRecordTypes));

    public PipelineSettings {
        domainFilters = domainFilters == null ? null : List.copyOf(domainFilters);
        excludeDomains = excludeDomains == null ? null : List.copyOf(excludeDomains);
        managedRecordTypes = managedRecordTypes == null ? null
                : managedRecordTypes.stream().map(t -> t.toUpperCase(Locale.ROOT)).distinct().sorted().toList();
    }

    /** What a stage that has only domain filters knows (the watcher). */
    public static PipelineSettings ofDomains(DomainFilter filter) {
        return NONE.withDomains(filter);
    }

    /** The filter's domain lists and regular expressions. */
    public PipelineSettings withDomains(DomainFilter filter) {
        return new PipelineSettings(filter.includes(), filter.excludes(), partitions, txtOwnerId, txtPrefix, txtSuffix,
                txtWildcardReplacement, managedRecordTypes, filter.regex().include(), filter.regex().exclude());
    }

    /** The TXT ownership settings, empty strings for "none" as the stages hold them. */
    public PipelineSettings withTxt(String ownerId, String prefix, String suffix, String wildcardReplacement) {
        return new PipelineSettings(domainFilters, excludeDomains, partitions, ownerId, orEmpty(prefix), orEmpty(suffix),
                orEmpty(wildcardReplacement), managedRecordTypes, regexDomainFilter, regexDomainExclusion);
    }

    public PipelineSettings withManagedRecordTypes(Collection<String> types) {
        return new PipelineSettings(domainFilters, excludeDomains, partitions, txtOwnerId, txtPrefix, txtSuffix,
                txtWildcardReplacement, List.copyOf(types), regexDomainFilter, regexDomainExclusion);
    }

    public PipelineSettings withPartitions(int count) {
        return new PipelineSettings(domainFilters, excludeDomains, count, txtOwnerId, txtPrefix, txtSuffix,
                txtWildcardReplacement, managedRecordTypes, regexDomainFilter, regexDomainExclusion);
    }

    /** This, with the fields it lacks taken from {@code other}: what {@code other} adds without changing this. */
    public PipelineSettings orElse(PipelineSettings other) {
        return new PipelineSettings(or(domainFilters, other.domainFilters), or(excludeDomains, other.excludeDomains),
                or(partitions, other.partitions), or(txtOwnerId, other.txtOwnerId), or(txtPrefix, other.txtPrefix),
                or(txtSuffix, other.txtSuffix), or(txtWildcardReplacement, other.txtWildcardReplacement),
                or(managedRecordTypes, other.managedRecordTypes), or(regexDomainFilter, other.regexDomainFilter),
                or(regexDomainExclusion, other.regexDomainExclusion));
    }

    /**
     * @return one line per field both have with different values, naming the flag, the pipeline's value and this
     *         stage's value; empty when they agree
     */
    public List<String> disagreements(PipelineSettings pipeline) {
        List<String> out = new ArrayList<>();
        for (Field f : FIELDS) {
            Object mine = f.get().apply(this);
            Object theirs = f.get().apply(pipeline);
            if (mine != null && theirs != null && !Objects.equals(mine, theirs)) {
                out.add(f.flag() + ": the pipeline has " + show(theirs) + ", this stage has " + show(mine));
            }
        }
        return out;
    }

    /** The fields that are set, as {@code --flag=value} lines, for messages and {@code config show}. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Field f : FIELDS) {
            Object v = f.get().apply(this);
            if (v != null) {
                out.add(f.flag() + "=" + show(v));
            }
        }
        return out;
    }

    private static String show(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "(none)" : String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof String s && s.isEmpty()) {
            return "(none)";
        }
        return String.valueOf(value);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }
}
