package io.streamdns.planner;

import io.streamdns.model.ApplyResult;
import io.streamdns.model.ChangePlan;
import io.streamdns.model.Endpoint;
import io.streamdns.model.SourceState;
import io.streamdns.model.ZoneRecord;
import io.streamdns.model.codec.CodecException;
import io.streamdns.model.codec.JsonCodec;
import io.streamdns.model.control.ControlKeys;
import io.streamdns.model.dns.DnsNames;
import io.streamdns.model.dns.NameCheck;
import io.streamdns.model.shard.RecordKey;

/**
 * Decodes and checks the records the planner reads. A record that fails is refused with a reason (the caller sends
 * it to the DLQ); a null value is a tombstone.
 */
final class Inputs {
    /** A decoded record: key parts and value (null: tombstone), or the reason it was refused. */
    record Decoded<T>(String shard, String identity, T value, String error) {
        boolean ok() {
            return error == null;
        }

        static <T> Decoded<T> refused(String reason) {
            return new Decoded<>(null, null, null, reason);
        }
    }

    private Inputs() {
    }

    static Decoded<SourceState> source(String key, byte[] value) {
        RecordKey k = key(key);
        if (k == null) {
            return Decoded.refused("key '" + key + "' is not <shard>|<cluster/kind/namespace/name>");
        }
        if (value == null) {
            return new Decoded<>(k.shard(), k.identity(), null, null);
        }
        SourceState s;
        try {
            s = JsonCodec.decode(value, SourceState.class);
        } catch (CodecException e) {
            return Decoded.refused("undecodable SourceState: " + e.getMessage());
        }
        if (!s.ref().identity().equals(ControlKeys.objectIdentity(k.identity()))) {
            return Decoded.refused("key identity '" + k.identity() + "' differs from the value's '" + s.ref().identity() + "'");
        }
        for (Endpoint e : s.endpoints()) {
            NameCheck check = DnsNames.check(e.dnsName());
            if (!check.isValid() || !check.name().equals(e.dnsName())) {
                return Decoded.refused("endpoint name '" + e.dnsName() + "' is not a name in normal form"
                        + (check.isValid() ? "" : ": " + check.reason()));
            }
            if (!DnsNames.isUnder(DnsNames.isWildcard(e.dnsName()) ? e.dnsName().substring(2) : e.dnsName(), k.shard())) {
                return Decoded.refused("endpoint '" + e.dnsName() + "' does not belong to shard '" + k.shard() + "'");
            }
            if (e.targets().isEmpty()) {
                return Decoded.refused("endpoint '" + e.dnsName() + "/" + e.recordType() + "' has no targets");
            }
        }
        return new Decoded<>(k.shard(), k.identity(), s, null);
    }

    static Decoded<ZoneRecord> zoneRecord(String key, byte[] value) {
        RecordKey k = key(key);
        if (k == null) {
            return Decoded.refused("key '" + key + "' is not <shard>|<zoneId/name/type/setId>");
        }
        if (value == null) {
            return new Decoded<>(k.shard(), k.identity(), null, null);
        }
        ZoneRecord r;
        try {
            r = JsonCodec.decode(value, ZoneRecord.class);
        } catch (CodecException e) {
            return Decoded.refused("undecodable ZoneRecord: " + e.getMessage());
        }
        if (!r.identity().equals(k.identity())) {
            return Decoded.refused("key identity '" + k.identity() + "' differs from the value's '" + r.identity() + "'");
        }
        return new Decoded<>(k.shard(), k.identity(), r, null);
    }

    static Decoded<ApplyResult> result(String key, byte[] value) {
        return decode(key, value, ApplyResult.class);
    }

    static Decoded<ChangePlan> plan(String key, byte[] value) {
        return decode(key, value, ChangePlan.class);
    }

    private static <T> Decoded<T> decode(String key, byte[] value, Class<T> type) {
        RecordKey k = key(key);
        if (k == null) {
            return Decoded.refused("key '" + key + "' is not <shard>|<planId>");
        }
        if (value == null) {
            return Decoded.refused("a " + type.getSimpleName() + " must not be a tombstone");
        }
        try {
            return new Decoded<>(k.shard(), k.identity(), JsonCodec.decode(value, type), null);
        } catch (CodecException e) {
            return Decoded.refused("undecodable " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static RecordKey key(String key) {
        try {
            return key == null ? null : RecordKey.parse(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
