package io.streamdns.sandbox.route53.store;

import java.time.Instant;

/** A change as GetChange reports it; id without the /change/ prefix. */
public record ChangeInfo(String id, Status status, Instant submittedAt, String comment) {

    public enum Status { PENDING, INSYNC }
}
