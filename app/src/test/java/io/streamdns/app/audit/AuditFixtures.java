package io.streamdns.app.audit;

import io.streamdns.app.audit.core.Trail;
import io.streamdns.app.audit.core.TrailRecord;
import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.Provenance;
import io.streamdns.model.Rejection;
import io.streamdns.model.SourceRef;
import io.streamdns.model.SourceState;
import io.streamdns.model.Topics;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.registry.TxtRecordFormat;
import io.streamdns.model.shard.RecordKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Values as the stages write them, and a builder of decoded trails for the pure core's tests. */
public final class AuditFixtures {
    public static final String SHARD = "example.com";
    public static final String ZONE = "Z1EXAMPLE";
    public static final long T0 = 1_750_000_000_000L;

    private AuditFixtures() {
    }

    public static Endpoint a(String name, String... ips) {
        return new Endpoint(name, "A", List.of(ips), 300, null, Map.of(), Map.of(Labels.OWNER, "default"));
    }

    public static Endpoint cname(String name, String target) {
        return new Endpoint(name, "CNAME", List.of(target), 300, null, Map.of(), Map.of(Labels.OWNER, "default"));
    }

    /** The TXT ownership endpoint the planner writes beside a record: {@code a-<name>}, label ownedRecord. */
    public static Endpoint ownership(String name, String type, String owner, String resource) {
        String value = TxtRecordFormat.value(Map.of("owner", owner, "resource", resource));
        return new Endpoint(type.toLowerCase() + "-" + name, "TXT", List.of(value), 300, null, Map.of(),
                Map.of(Labels.OWNED_RECORD, name, Labels.OWNED_TYPE, type, Labels.OWNER, owner));
    }

    public static SourceState source(String object, String rv, long observedAt, List<Endpoint> endpoints,
                                     List<Rejection> rejected) {
        SourceRef ref = SourceRef.parse(object);
        return new SourceState(ref.cluster(), ref.kind(), ref.namespace(), ref.name(), "uid-" + ref.name(), rv,
                observedAt, endpoints, rejected);
    }

    public static Provenance provenance(String name, String object, String rv, long observedAt) {
        SourceRef ref = SourceRef.parse(object);
        return new Provenance(name, ref.cluster(), ref.kind(), ref.namespace(), ref.name(), rv, observedAt);
    }

    public static ChangePlan plan(String id, long createdAt, long earliestEventAt, List<Endpoint> create,
                                  List<Endpoint> updateOld, List<Endpoint> updateNew, List<Endpoint> delete,
                                  List<Provenance> provenance, List<Rejection> skipped) {
        return new ChangePlan(id, SHARD, createdAt, earliestEventAt, create, updateOld, updateNew, delete, provenance,
                skipped);
    }

    public static ChangeOutcome outcome(ChangeOutcome.Action action, Endpoint e, ChangeOutcome.Status status,
                                        String message) {
        return new ChangeOutcome(action, e.dnsName(), e.recordType(), e.setIdentifier(), status, ZONE, message);
    }

    public static ApplyResult result(String planId, ApplyResult.Status status, List<String> changeIds,
                                     long earliestEventAt, long acceptedAt, ChangeOutcome... outcomes) {
        long receivedAt = acceptedAt > 0 ? acceptedAt - 50 : earliestEventAt + 50;
        return new ApplyResult(planId, SHARD, status, changeIds, Arrays.asList(outcomes), 1, receivedAt,
                acceptedAt, earliestEventAt, acceptedAt > 0 && earliestEventAt > 0 ? acceptedAt - earliestEventAt : -1);
    }

    public static ZoneRecord zoneRecord(Endpoint e) {
        return new ZoneRecord(ZONE, SHARD, e.dnsName(), e.recordType(), e.ttl(), e.targets(), e.setIdentifier(),
                null, Map.of());
    }

    public static String sourceKey(SourceState s) {
        return RecordKey.of(SHARD, s.ref().identity());
    }

    public static String sourceKey(String object) {
        return RecordKey.of(SHARD, object);
    }

    public static String zoneKey(ZoneRecord r) {
        return RecordKey.of(SHARD, r.identity());
    }

    public static String planKey(String planId) {
        return RecordKey.of(SHARD, planId);
    }

    /** Builds a decoded trail; each record gets the next timestamp (100 ms apart) and the next offset. */
    public static final class TrailBuilder {
        private final List<TrailRecord<SourceState>> sources = new ArrayList<>();
        private final List<TrailRecord<ChangePlan>> plans = new ArrayList<>();
        private final List<TrailRecord<ApplyResult>> results = new ArrayList<>();
        private final List<TrailRecord<ZoneRecord>> zone = new ArrayList<>();
        private long clock = T0;

        public long now() {
            return clock;
        }

        private long tick() {
            clock += 100;
            return clock;
        }

        public TrailBuilder source(SourceState s) {
            sources.add(new TrailRecord<>(Topics.SOURCES, 0, sources.size(), tick(), sourceKey(s), s));
            return this;
        }

        public TrailBuilder sourceGone(String object) {
            sources.add(new TrailRecord<>(Topics.SOURCES, 0, sources.size(), tick(), sourceKey(object), null));
            return this;
        }

        public TrailBuilder plan(ChangePlan p) {
            plans.add(new TrailRecord<>(Topics.PLANS, 0, plans.size(), tick(), planKey(p.planId()), p));
            return this;
        }

        public TrailBuilder result(ApplyResult r) {
            results.add(new TrailRecord<>(Topics.RESULTS, 0, results.size(), tick(), planKey(r.planId()), r));
            return this;
        }

        public TrailBuilder zone(ZoneRecord r) {
            zone.add(new TrailRecord<>(Topics.ZONE_STATE, 0, zone.size(), tick(), zoneKey(r), r));
            return this;
        }

        public TrailBuilder zoneGone(ZoneRecord r) {
            zone.add(new TrailRecord<>(Topics.ZONE_STATE, 0, zone.size(), tick(), zoneKey(r), null));
            return this;
        }

        public Trail build() {
            return new Trail(SHARD, Map.of(Topics.SOURCES, 0, Topics.PLANS, 0, Topics.RESULTS, 0,
                    Topics.ZONE_STATE, 0), sources, plans, results, zone, List.of());
        }
    }
}
