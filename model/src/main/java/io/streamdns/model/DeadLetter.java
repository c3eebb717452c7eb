package io.streamdns.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A record a stage could not use, the value of {@code streamdns.dlq} (keyed by the original key): where it came
 * from, why it was refused, and the original bytes (base64) so nothing is lost.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String stage, String topic, int partition, long offset, String key, String reason,
                         String valueBase64, long failedAt) {
    public DeadLetter {
        Require.text(stage, "stage");
        Require.text(reason, "reason");
    }
}
