package io.streamdns.applier.provider;

import io.streamdns.applier.batch.Change;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Zone;
import io.streamdns.applier.batch.ZoneSelection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;

/**
 * {@link DnsProvider} over Route 53 through the SDK v2 async client. Every API call (each page too) goes through the
 * {@link CallGate}; completions come back on the Vert.x context given, never on an SDK thread.
 */
public final class Route53Provider implements DnsProvider {
    /** Route 53's largest page of ListResourceRecordSets, as external-dns reads it. */
    public static final int PAGE_SIZE = 300;

    private final Route53Api api;
    private final CallGate gate;
    private final Context context;

    public Route53Provider(Route53Api api, CallGate gate, Context context) {
        this.api = api;
        this.gate = gate;
        this.context = context;
    }

    @Override
    public Future<List<Zone>> zones(CallStats stats) {
        List<Zone> zones = new ArrayList<>();
        Promise<List<Zone>> done = Promise.promise();
        zonesFrom(null, zones, stats, done);
        return done.future();
    }

    private void zonesFrom(String marker, List<Zone> acc, CallStats stats, Promise<List<Zone>> done) {
        ListHostedZonesRequest req = ListHostedZonesRequest.builder().marker(marker).build();
        Future<ListHostedZonesResponse> page = gate.call("ListHostedZones", null, () -> hop(() -> api.listHostedZones(req)), stats);
        page.onFailure(done::fail).onSuccess(resp -> {
            resp.hostedZones().forEach(z -> acc.add(Route53Mapping.zone(z)));
            if (Boolean.TRUE.equals(resp.isTruncated()) && resp.nextMarker() != null) {
                zonesFrom(resp.nextMarker(), acc, stats, done);
            } else {
                done.complete(acc);
            }
        });
    }

    /** ListTagsForResources, ten zones a call (Route 53's limit), one after the other. */
    @Override
    public Future<java.util.Map<String, java.util.Map<String, String>>> zoneTags(List<Zone> zones, CallStats stats) {
        java.util.Map<String, java.util.Map<String, String>> acc = new java.util.HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < zones.size(); i += 10) {
            List<String> ids = zones.subList(i, Math.min(zones.size(), i + 10)).stream().map(Zone::id).toList();
            var req = software.amazon.awssdk.services.route53.model.ListTagsForResourcesRequest.builder()
                    .resourceType(software.amazon.awssdk.services.route53.model.TagResourceType.HOSTEDZONE)
                    .resourceIds(ids).build();
            chain = chain.compose(v -> gate.call("ListTagsForResources", null,
                    () -> hop(() -> api.listTagsForResources(req)), stats).map(resp -> {
                        resp.resourceTagSets().forEach(set -> {
                            java.util.Map<String, String> tags = new java.util.HashMap<>();
                            set.tags().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
                            acc.put(ZoneSelection.bareId(set.resourceId()), tags);
                        });
                        return null;
                    }));
        }
        return chain.map(v -> acc);
    }

    @Override
    public Future<List<RecordSet>> records(Zone zone, CallStats stats) {
        List<RecordSet> sets = new ArrayList<>();
        Promise<List<RecordSet>> done = Promise.promise();
        recordsFrom(zone, ListResourceRecordSetsRequest.builder().hostedZoneId(zone.id())
                .maxItems(Integer.toString(PAGE_SIZE)).build(), sets, stats, done);
        return done.future();
    }

    private void recordsFrom(Zone zone, ListResourceRecordSetsRequest req, List<RecordSet> acc, CallStats stats,
                             Promise<List<RecordSet>> done) {
        Future<ListResourceRecordSetsResponse> page = gate.call("ListResourceRecordSets", zone.id(),
                () -> hop(() -> api.listResourceRecordSets(req)), stats);
        page.onFailure(done::fail).onSuccess(resp -> {
            resp.resourceRecordSets().forEach(s -> acc.add(Route53Mapping.fromSdk(s)));
            if (Boolean.TRUE.equals(resp.isTruncated())) {
                recordsFrom(zone, req.toBuilder().startRecordName(resp.nextRecordName())
                        .startRecordType(resp.nextRecordTypeAsString())
                        .startRecordIdentifier(resp.nextRecordIdentifier()).build(), acc, stats, done);
            } else {
                done.complete(acc);
            }
        });
    }

    @Override
    public Future<List<RecordSet>> recordsAt(Zone zone, String name, CallStats stats) {
        // sets are listed in name order starting here; a few items cover every type and set identifier of a name
        // in practice, more pages are followed while the name still matches
        List<RecordSet> acc = new ArrayList<>();
        Promise<List<RecordSet>> done = Promise.promise();
        recordsAtFrom(zone, name, ListResourceRecordSetsRequest.builder().hostedZoneId(zone.id())
                .startRecordName(name + ".").maxItems("10").build(), acc, stats, done);
        return done.future();
    }

    private void recordsAtFrom(Zone zone, String name, ListResourceRecordSetsRequest req, List<RecordSet> acc,
                               CallStats stats, Promise<List<RecordSet>> done) {
        gate.call("ListResourceRecordSets", zone.id(), () -> hop(() -> api.listResourceRecordSets(req)), stats)
                .onFailure(done::fail).onSuccess(resp -> {
                    boolean past = false;
                    for (var s : resp.resourceRecordSets()) {
                        RecordSet set = Route53Mapping.fromSdk(s);
                        if (set.name().equals(name)) {
                            acc.add(set);
                        } else {
                            past = true;
                        }
                    }
                    if (!past && Boolean.TRUE.equals(resp.isTruncated())
                            && Route53Mapping.name(resp.nextRecordName()).equals(name)) {
                        recordsAtFrom(zone, name, req.toBuilder().startRecordName(resp.nextRecordName())
                                .startRecordType(resp.nextRecordTypeAsString())
                                .startRecordIdentifier(resp.nextRecordIdentifier()).build(), acc, stats, done);
                    } else {
                        done.complete(acc);
                    }
                });
    }

    @Override
    public Future<Accepted> apply(Zone zone, List<Change> changes, String comment, CallStats stats) {
        ChangeResourceRecordSetsRequest req = ChangeResourceRecordSetsRequest.builder().hostedZoneId(zone.id())
                .changeBatch(ChangeBatch.builder().comment(comment)
                        .changes(changes.stream().map(Route53Mapping::change).toList()).build())
                .build();
        return gate.call("ChangeResourceRecordSets", zone.id(), () -> hop(() -> api.changeResourceRecordSets(req)), stats)
                // accepted "now" on our clock: end-to-end latency compares it with the watcher's event times
                .map(resp -> new Accepted(resp.changeInfo() == null ? null : resp.changeInfo().id(),
                        System.currentTimeMillis()));
    }

    /** Runs one SDK call and completes on our context, with the failure classified. */
    private <T> Future<T> hop(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> cf;
        try {
            cf = call.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(Route53Errors.classify(e));
        }
        return Future.fromCompletionStage(cf, context).recover(t -> Future.failedFuture(Route53Errors.classify(t)));
    }

}
