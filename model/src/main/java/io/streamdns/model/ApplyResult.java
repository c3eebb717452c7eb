package io.streamdns.model;

import java.util.List;

/**
 * The outcome of one plan at the provider, the value of {@code streamdns.results}, keyed {@code <shard>|<planId>}.
 *
 * @param changeIds       provider change ids (one per submitted batch that was accepted)
 * @param attempts        provider calls made, retries included
 * @param receivedAt      epoch millis the applier took the plan
 * @param acceptedAt      epoch millis the provider accepted the last batch (0: none accepted)
 * @param earliestEventAt copied from the plan
 * @param endToEndMillis  acceptedAt - earliestEventAt, or -1 when either is unknown
 * @param note            why the applier answered without acting on any change (e.g. no name of the plan inside
 *                        its domain filter), or null
 */
public record ApplyResult(String planId, String shard, Status status, List<String> changeIds,
                          List<ChangeOutcome> outcomes, int attempts, long receivedAt, long acceptedAt,
                          long earliestEventAt, long endToEndMillis, String note) {

    public enum Status { APPLIED, PARTIAL, FAILED, DRY_RUN, NOTHING_TO_DO }

    public ApplyResult {
        Require.text(planId, "planId");
        Require.text(shard, "shard");
        Require.field(status, "status");
        changeIds = Require.list(changeIds);
        outcomes = Require.list(outcomes);
    }

    /** A result without a note. */
    public ApplyResult(String planId, String shard, Status status, List<String> changeIds, List<ChangeOutcome> outcomes,
                       int attempts, long receivedAt, long acceptedAt, long earliestEventAt, long endToEndMillis) {
        this(planId, shard, status, changeIds, outcomes, attempts, receivedAt, acceptedAt, earliestEventAt,
                endToEndMillis, null);
    }
}
