package io.streamdns.model.shard;

/** Topic keys are {@code <shard>|<identity>}; only the shard decides the partition. */
public record RecordKey(String shard, String identity) {
    public static final char SEPARATOR = '|';

    public RecordKey {
        if (shard == null || shard.isEmpty() || shard.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("invalid shard '" + shard + "'");
        }
        if (identity == null) {
            throw new IllegalArgumentException("identity missing");
        }
    }

    public static String of(String shard, String identity) {
        return new RecordKey(shard, identity).toString();
    }

    public static RecordKey parse(String key) {
        int i = key == null ? -1 : key.indexOf(SEPARATOR);
        if (i <= 0) {
            throw new IllegalArgumentException("key '" + key + "' is not <shard>|<identity>");
        }
        return new RecordKey(key.substring(0, i), key.substring(i + 1));
    }

    /** The shard part of a key, or the whole key when it has no separator. */
    public static String shardOf(String key) {
        int i = key.indexOf(SEPARATOR);
        return i < 0 ? key : key.substring(0, i);
    }

    @Override
    public String toString() {
        return shard + SEPARATOR + identity;
    }
}
