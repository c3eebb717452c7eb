package io.streamdns.model.control;

import io.streamdns.model.SourceRef;
import io.streamdns.model.shard.RecordKey;
import java.util.Optional;

/**
 * Keys of {@code streamdns.sources} besides object states. Object keys are {@code <shard>|<cluster>/<kind>/<ns>/<name>}
 * for the default watcher scope and {@code ...<name>@<scope>} for a named one ({@link #sourceIdentity}); control keys
 * start with {@code !}, which no DNS name or Kubernetes name holds:
 * <ul>
 *   <li>{@code !sync|<cluster>/<scope>}: {@link SyncMarker}, one per partition (sent there explicitly; compaction is
 *       per partition, so the same key lives on every partition);</li>
 *   <li>{@code !retired|<cluster>}: {@link ClusterRetirement}, one per partition (explicit);</li>
 *   <li>{@code !approve|<cluster>}: a watcher's {@link DeleteApproval}, on partition 0 (explicit);</li>
 *   <li>{@code <shard>|!approve-deletes}: a shard's {@link DeleteApproval}, on the shard's partition (the shard
 *       partitioner puts it there).</li>
 * </ul>
 * A reader handles control keys before it parses a key as a shard key; an unknown {@code !} key is malformed.
 */
public final class ControlKeys {
    public static final String DEFAULT_SCOPE = "default";
    public static final char SCOPE_SEPARATOR = '@';
    static final String SYNC = "!sync";
    static final String RETIRED = "!retired";
    static final String CLUSTER_APPROVAL = "!approve";
    static final String SHARD_APPROVAL = "!approve-deletes";

    /** What a control key is about. */
    public enum Kind { SYNC_MARKER, RETIREMENT, CLUSTER_APPROVAL, SHARD_APPROVAL }

    /** A parsed control key: for markers {@code cluster} and {@code scope}; for approvals of a shard, {@code shard}. */
    public record Control(Kind kind, String cluster, String scope, String shard) {
    }

    private ControlKeys() {
    }

    public static String syncMarker(String cluster, String scope) {
        return SYNC + RecordKey.SEPARATOR + cluster + "/" + scope;
    }

    public static String retirement(String cluster) {
        return RETIRED + RecordKey.SEPARATOR + cluster;
    }

    public static String clusterApproval(String cluster) {
        return CLUSTER_APPROVAL + RecordKey.SEPARATOR + cluster;
    }

    public static String shardApproval(String shard) {
        return RecordKey.of(shard, SHARD_APPROVAL);
    }

    /** True for every key this class defines (well-formed or not): such a key is never an object state. */
    public static boolean isControl(String key) {
        return key != null && (key.startsWith("!") || key.endsWith(RecordKey.SEPARATOR + SHARD_APPROVAL));
    }

    /** @return the control key parsed, or empty when it is not a well-formed control key (a malformed record) */
    public static Optional<Control> parse(String key) {
        if (!isControl(key)) {
            return Optional.empty();
        }
        int bar = key.indexOf(RecordKey.SEPARATOR);
        if (bar <= 0 || bar == key.length() - 1) {
            return Optional.empty();
        }
        String head = key.substring(0, bar);
        String rest = key.substring(bar + 1);
        switch (head) {
            case SYNC -> {
                int slash = rest.indexOf('/');
                if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
                    return Optional.empty();
                }
                return Optional.of(new Control(Kind.SYNC_MARKER, rest.substring(0, slash), rest.substring(slash + 1), null));
            }
            case RETIRED -> {
                return rest.contains("/") ? Optional.empty() : Optional.of(new Control(Kind.RETIREMENT, rest, null, null));
            }
            case CLUSTER_APPROVAL -> {
                return rest.contains("/") ? Optional.empty()
                        : Optional.of(new Control(Kind.CLUSTER_APPROVAL, rest, null, null));
            }
            default -> {
                if (rest.equals(SHARD_APPROVAL) && !head.startsWith("!")) {
                    return Optional.of(new Control(Kind.SHARD_APPROVAL, null, null, head));
                }
                return Optional.empty();
            }
        }
    }

    /** The identity part of an object's key: {@code cluster/kind/ns/name}, plus {@code @scope} unless default. */
    public static String sourceIdentity(SourceRef ref, String scope) {
        return scope == null || scope.equals(DEFAULT_SCOPE) ? ref.identity() : ref.identity() + SCOPE_SEPARATOR + scope;
    }

    /** The watcher scope of an object's key identity. */
    public static String scopeOf(String identity) {
        int at = identity.lastIndexOf(SCOPE_SEPARATOR);
        return at < 0 ? DEFAULT_SCOPE : identity.substring(at + 1);
    }

    /** The object part of an object's key identity ({@code cluster/kind/ns/name}), without the scope. */
    public static String objectIdentity(String identity) {
        int at = identity.lastIndexOf(SCOPE_SEPARATOR);
        return at < 0 ? identity : identity.substring(0, at);
    }

    /** The cluster of an object's key identity. */
    public static String clusterOf(String identity) {
        int slash = identity.indexOf('/');
        return slash < 0 ? identity : identity.substring(0, slash);
    }
}
