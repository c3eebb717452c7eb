package io.streamdns.applier.provider;

import io.streamdns.applier.batch.Change;
import io.streamdns.applier.batch.RecordSet;
import io.streamdns.applier.batch.Zone;
import io.vertx.core.Future;
import java.util.List;

/**
 * The port to a DNS provider: list zones, list a zone's record sets, apply one batch atomically. Futures complete
 * on the caller's Vert.x context. Failures are {@link ProviderException}s.
 */
public interface DnsProvider {
    Future<List<Zone>> zones(CallStats stats);

    Future<List<RecordSet>> records(Zone zone, CallStats stats);

    /** The record sets at one name (a re-read after a refused create), in one small call. */
    Future<List<RecordSet>> recordsAt(Zone zone, String name, CallStats stats);

    /** Applies the changes, in the order given, as one atomic batch. */
    Future<Accepted> apply(Zone zone, List<Change> changes, String comment, CallStats stats);

    /** The tags of each zone by zone id (for {@code --aws-zone-tags}); a provider without tags fails. */
    default Future<java.util.Map<String, java.util.Map<String, String>>> zoneTags(List<Zone> zones, CallStats stats) {
        return Future.failedFuture(new UnsupportedOperationException("zone tags"));
    }

    /** A batch the provider took: its change id and when. */
    record Accepted(String changeId, long acceptedAt) {
    }
}
