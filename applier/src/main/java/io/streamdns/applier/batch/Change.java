package io.streamdns.applier.batch;

import io.streamdns.model.ChangeOutcome;
import java.util.Objects;

/**
 * One provider change. {@code group} is the owned name (a record and its ownership TXT share it and always travel in
 * one batch); {@code origin} is the plan change it comes from, for reporting.
 */
public record Change(Action action, RecordSet recordSet, String group, Origin origin) {
    public enum Action { CREATE, DELETE, UPSERT }

    public Change {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(recordSet, "recordSet");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(origin, "origin");
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
