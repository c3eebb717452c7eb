package io.streamdns.planner.plan;

import io.streamdns.model.Endpoint;
import io.streamdns.model.Labels;
import io.streamdns.model.registry.TxtRecordFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A TXT record set that may hold values we did not create beside our ownership value: Route 53 keeps one TXT set per
 * name, and the apex's is usually taken by SPF and site-verification values. Our value is added or removed with every
 * other value carried byte-for-byte and the set's TTL kept; when such values are there the new side is labelled
 * {@link Labels#TXT_SWAP}, so the applier writes it as DELETE of the exact old set + CREATE in one batch: if anyone
 * changed the set meanwhile Route 53 refuses the batch and nothing of theirs is lost (the name is re-read and planned
 * again).
 */
final class SharedTxt {
    private SharedTxt() {
    }

    /** The values that are not ownership values (no {@code heritage=external-dns}), in their order. */
    static List<String> foreign(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            if (TxtRecordFormat.parse(v).isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    static boolean holdsForeign(Endpoint txt) {
        return !foreign(txt.targets()).isEmpty();
    }

    /** {@code current} (a TXT change entry) with {@code ours} as its only ownership value, first; the rest kept. */
    static Endpoint withOurValue(Endpoint current, String ours) {
        List<String> values = new ArrayList<>();
        values.add(ours);
        List<String> foreign = foreign(current.targets());
        values.addAll(foreign);
        return swapIf(!foreign.isEmpty(), current.withTargets(List.copyOf(values)));
    }

    /** {@code current} without its ownership values: only what we did not create, as the CAS's new side. */
    static Endpoint withoutOurValue(Endpoint current) {
        return swapIf(true, current.withTargets(List.copyOf(foreign(current.targets()))));
    }

    private static Endpoint swapIf(boolean swap, Endpoint e) {
        if (!swap) {
            return e;
        }
        Map<String, String> labels = new HashMap<>(e.labels());
        labels.put(Labels.TXT_SWAP, "true");
        return e.withLabels(labels);
    }
}
