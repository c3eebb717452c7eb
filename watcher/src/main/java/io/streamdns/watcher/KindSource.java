package io.streamdns.watcher;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A {@link Source} that holds its {@code --source} name, its kind and its type, as every source has them. */
abstract class KindSource<T extends HasMetadata> implements Source<T> {
    private final String name;
    private final String kind;
    private final Class<T> type;

    KindSource(String name, String kind, Class<T> type) {
        this.name = name;
        this.kind = kind;
        this.type = type;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final Class<T> type() {
        return type;
    }
}
