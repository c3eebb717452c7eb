package io.streamdns.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A name a stage decided not to write, and why: an invalid or filtered name in a watcher's {@link SourceState}, or an
 * ownership conflict in a planner's {@link ChangePlan}. Kept on Kafka so {@code streamdns audit why} can answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(String dnsName, String recordType, String reason) {
    public Rejection {
        Require.text(dnsName, "dnsName");
        Require.text(reason, "reason");
    }
}
