package io.streamdns.app.audit.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Provenance;
import io.streamdns.model.Rejection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One step of a name's timeline: what an object asked for, what a plan changed, what Route 53 answered. Each holds
 * only what concerns the audited name; {@code at} is the Kafka record timestamp, {@code offset} its place in the
 * partition.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "stage")
@JsonSubTypes({@JsonSubTypes.Type(Step.Source.class), @JsonSubTypes.Type(Step.Plan.class),
        @JsonSubTypes.Type(Step.Result.class), @JsonSubTypes.Type(Step.Approval.class)})
public sealed interface Step permits Step.Source, Step.Plan, Step.Result, Step.Approval {
    String at();

    long timestamp();

    long offset();

    /** The order of stages at equal timestamps: an object's event, then its plan, then the outcome. */
    @JsonIgnore
    int rank();

    /**
     * A {@code streamdns.sources} record of one object.
     *
     * @param event     {@code wants}, {@code rejected}, {@code stopped wanting} (a new version without the name) or
     *                  {@code deleted} (a tombstone: the object is gone from this shard)
     * @param wants     its endpoints of that name
     * @param ownership its TXT ownership endpoints for that name
     * @param rejected  the watcher's refusals of that name, with the reason
     */
    @JsonTypeName("source")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Source(String at, long timestamp, long offset, String object, String uid, String resourceVersion,
                  long observedAt, String event, List<Endpoint> wants, List<Endpoint> ownership,
                  List<Rejection> rejected) implements Step {
        @Override
        public int rank() {
            return 0;
        }
    }

    /**
     * A {@code streamdns.plans} record: the changes of that name (and its ownership record), the objects that asked
     * for them, and what the planner skipped.
     */
    @JsonTypeName("plan")
    record Plan(String at, long timestamp, long offset, String planId, long createdAt, long earliestEventAt,
                List<PlannedChange> changes, List<Provenance> objects, List<Rejection> skipped) implements Step {
        @Override
        public int rank() {
            return 1;
        }
    }

    /** A {@code streamdns.results} record: the provider's change ids and the outcome of each change of that name. */
    @JsonTypeName("result")
    record Result(String at, long timestamp, long offset, String planId, String status, List<String> changeIds,
                  int attempts, long receivedAt, long acceptedAt, long endToEndMillis,
                  List<ChangeOutcome> outcomes) implements Step {
        @Override
        public int rank() {
            return 2;
        }
    }

    /**
     * A delete approval of the name's shard ({@code streamdns approve-deletes --shard}): deletes over the shard's
     * budget may go from {@code validFrom} to {@code validUntil} (ISO instants).
     */
    @JsonTypeName("approval")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Approval(String at, long timestamp, long offset, String shard, String approvedBy, String reason,
                    String validFrom, String validUntil) implements Step {
        @Override
        public int rank() {
            return 0;
        }
    }

    /**
     * One change of a plan. {@code from} is null for a CREATE, {@code to} for a DELETE.
     *
     * @param ownership true for the TXT record that owns the name
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlannedChange(String action, boolean ownership, Endpoint from, Endpoint to) {
        @JsonIgnore
        public Endpoint endpoint() {
            return to != null ? to : from;
        }
    }

    /** UTC with milliseconds, always 24 characters, so timelines align. */
    static String iso(long epochMillis) {
        return ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
}
