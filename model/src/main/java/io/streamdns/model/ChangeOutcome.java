package io.streamdns.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What became of one change of a plan. {@code message} carries the provider's words on a rejection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeOutcome(Action action, String dnsName, String recordType, String setIdentifier, Status status,
                            String zoneId, String message) {

    public enum Action { CREATE, UPDATE, DELETE }

    public enum Status {
        /** Accepted by the provider. */
        APPLIED,
        /** Already as wanted (e.g. a delete of a missing set). */
        ALREADY_DONE,
        /** Refused by the provider for this change alone; message says why. */
        REJECTED,
        /** Not sent: outside the domain filter, not owned, no zone, or a circuit open. */
        SKIPPED,
        /** The provider kept failing (throttling, 5xx) past the retry budget. */
        FAILED,
        /** --dry-run: would have been sent. */
        DRY_RUN
    }

    public ChangeOutcome {
        Require.field(action, "action");
        Require.text(dnsName, "dnsName");
        Require.text(recordType, "recordType");
        Require.field(status, "status");
    }
}
