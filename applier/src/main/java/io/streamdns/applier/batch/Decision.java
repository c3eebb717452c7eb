package io.streamdns.applier.batch;

import io.streamdns.model.ChangeOutcome;

/** What became of one provider change (or of a plan change that never became one: zoneId may be null). */
public record Decision(Change.Origin origin, String zoneId, ChangeOutcome.Status status, String message) {
    public static Decision of(Change change, Zone zone, ChangeOutcome.Status status, String message) {
        return new Decision(change.origin(), zone == null ? null : zone.id(), status, message);
    }
}
