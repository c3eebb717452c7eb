package io.streamdns.applier.batch;

import io.streamdns.model.ChangeOutcome;
import java.util.Objects;

/**
 * One provider change. {@code group} is the owned name (a record and its ownership TXT share it and always travel in
 * one batch); {@code origin} is the plan change it comes from, for reporting. {@code swap}: one half of a
 * compare-and-swap of a TXT set that also holds values we did not create (DELETE of the exact set as planned +
 * CREATE): both halves go in one batch or not at all, the DELETE is never replaced by the zone's view and never
 * counted as done alone.
 */
public record Change(Action action, RecordSet recordSet, String group, Origin origin, boolean swap) {
    public enum Action { CREATE, DELETE, UPSERT }

    public Change {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(recordSet, "recordSet");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(origin, "origin");
    }

    public Change(Action action, RecordSet recordSet, String group, Origin origin) {
        this(action, recordSet, group, origin, false);
    }

    /** Route 53 counts an UPSERT twice (it is a delete plus a create) against the batch limits. */
    public int weight() {
        return action == Action.UPSERT ? 2 : 1;
    }

    /** The plan change a provider change stems from: an update may become DELETE + CREATE. */
    public record Origin(ChangeOutcome.Action action, String dnsName, String recordType, String setIdentifier) {
        @Override
        public String toString() {
            return action + " " + dnsName + "/" + recordType + (setIdentifier == null ? "" : "/" + setIdentifier);
        }
    }

    @Override
    public String toString() {
        return action + " " + recordSet;
    }
}
