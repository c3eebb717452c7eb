package io.streamdns.app.audit.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamdns.model.ZoneRecord;
import java.util.List;
import java.util.Map;

/**
 * The answer to "why does this name look like this?": the verdict, one sentence, the record as Route 53 has it,
 * the objects that want it now, and the latest plan and result that concern it.
 *
 * @param records   zone-state records of the name
 * @param ownership zone-state TXT ownership records of the name
 * @param owners    the labels of those ownership records (owner, resource, cluster)
 * @param plan      the latest plan that changed or skipped the name, or null
 * @param result    the result of that plan (else the latest result concerning the name), or null
 * @param details   further lines that back the summary
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(String name, String shard, Map<String, Integer> partitions, Verdict verdict,
                          String summary, List<ZoneRecord> records, List<ZoneRecord> ownership,
                          List<Map<String, String>> owners, List<Claim> claims, Step.Plan plan, Step.Result result,
                          List<String> details) {

    /** Why the name is (or is not) in Route 53 as it is. */
    public enum Verdict {
        /** Route 53 has it, as a plan wrote it or as the objects want it. */
        WRITTEN,
        /** A plan deleted it and Route 53 accepted. */
        DELETED,
        /** Route 53 refused the change (e.g. InvalidChangeBatch). */
        REFUSED_BY_ROUTE53,
        /** Route 53 kept failing (throttling, 5xx) past the retry budget. */
        FAILED_AT_ROUTE53,
        /** The applier did not send the change (outside the domain filter, not owned, no zone, circuit open). */
        SKIPPED_BY_APPLIER,
        /** --dry-run: the change would have been sent. */
        DRY_RUN,
        /** The planner left the name alone (e.g. owned by someone else). */
        SKIPPED_BY_PLANNER,
        /** The planner holds its delete: a claimant has not synced, or the shard's delete budget is spent. */
        DELETE_HELD,
        /** The watcher refused the name (invalid, filtered). */
        REJECTED_BY_WATCHER,
        /** Wanted, but no plan or no result yet. */
        PENDING,
        /** No object asks for it (any more); Route 53 may still have it, written by someone else. */
        NOT_WANTED,
        /** Nothing on the trail mentions the name. */
        UNKNOWN
    }

    public Explanation {
        partitions = Map.copyOf(partitions);
        records = List.copyOf(records);
        ownership = List.copyOf(ownership);
        owners = List.copyOf(owners);
        claims = List.copyOf(claims);
        details = List.copyOf(details);
    }
}
