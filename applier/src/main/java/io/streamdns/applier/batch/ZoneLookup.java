package io.streamdns.applier.batch;

import java.util.List;
import java.util.Optional;

/** Read access to the record sets a zone holds now (the applier's view, kept from listings and its own writes). */
public interface ZoneLookup {
    /** The set with this {@link RecordSet#key()}. */
    Optional<RecordSet> get(Zone zone, String key);

    /** All sets at a name, any type or set identifier. */
    List<RecordSet> at(Zone zone, String name);

    ZoneLookup EMPTY = new ZoneLookup() {
        @Override
        public Optional<RecordSet> get(Zone zone, String key) {
            return Optional.empty();
        }

        @Override
        public List<RecordSet> at(Zone zone, String name) {
            return List.of();
        }
    };
}
