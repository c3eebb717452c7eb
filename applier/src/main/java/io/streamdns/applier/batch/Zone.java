package io.streamdns.applier.batch;

import java.util.Objects;

/** A hosted zone: provider id (no {@code /hostedzone/} prefix), name in normal form, private or public. */
public record Zone(String id, String name, boolean privateZone) {
    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name + "(" + id + (privateZone ? ",private" : "") + ")";
    }
}
