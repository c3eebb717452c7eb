package io.streamdns.applier.batch;

import io.streamdns.model.ChangeOutcome;
import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders shared by the batching tests. */
final class Fixtures {
    static final Zone EXAMPLE = new Zone("Z1", "example.com", false);
    static final String OWNER = "me";

    private Fixtures() {
    }

    static RecordSet a(String name, String... ips) {
        return new RecordSet(name, "A", 300, List.of(ips), null, null, null);
    }

    static RecordSet txt(String name, String value) {
        return new RecordSet(name, "TXT", 300, List.of(value), null, null, null);
    }

    static Change change(Change.Action action, RecordSet set, String group) {
        ChangeOutcome.Action origin = switch (action) {
            case CREATE -> ChangeOutcome.Action.CREATE;
            case UPSERT -> ChangeOutcome.Action.UPDATE;
            case DELETE -> ChangeOutcome.Action.DELETE;
        };
        return new Change(action, set, group, new Change.Origin(origin, set.name(), set.type(), set.setIdentifier()));
    }

    static Change create(RecordSet set) {
        return change(Change.Action.CREATE, set, set.name());
    }

    static String ownerValue(String owner) {
        return TxtRecordFormat.value(Map.of("owner", owner, "resource", "service/default/web"));
    }

    /** The ownership TXT endpoint the planner sends beside a record. */
    static Endpoint ownershipTxt(String name, String type, String owner) {
        String txtName = type.toLowerCase() + "-" + name;
        return new Endpoint(txtName, "TXT", List.of(ownerValue(owner)), 0, null, Map.of(),
                Map.of(Labels.OWNED_RECORD, name, Labels.OWNED_TYPE, type));
    }

    /** A lookup over a fixed list of record sets of one zone. */
    static ZoneLookup lookup(RecordSet... sets) {
        Map<String, RecordSet> byKey = new HashMap<>();
        for (RecordSet s : sets) {
            byKey.put(s.key(), s);
        }
        return new ZoneLookup() {
            @Override
            public Optional<RecordSet> get(Zone zone, String key) {
                return Optional.ofNullable(byKey.get(key));
            }

            @Override
            public List<RecordSet> at(Zone zone, String name) {
                List<RecordSet> out = new ArrayList<>();
                byKey.values().stream().filter(s -> s.name().equals(name)).forEach(out::add);
                return out;
            }
        };
    }
}
