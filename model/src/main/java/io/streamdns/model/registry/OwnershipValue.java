package io.streamdns.model.registry;

import io.streamdns.model.Require;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The values of an ownership TXT record held as its parsed labels: the ~120-character value string is rebuilt
 * ({@link TxtRecordFormat#value}) each time it is read. Only made by {@link #compact} and only when the rebuilt value
 * equals the value zone state holds character for character, so what a plan deletes or compares is byte-identical
 * to zone state either way (Route 53 matches DELETEs and the apex compare-and-swap on exact values). An immutable
 * one-element list; equals and hashCode are those of every {@link List}.
 */
public final class OwnershipValue extends AbstractList<String> implements RandomAccess {
    private final Map<String, String> labels;

    private OwnershipValue(Map<String, String> labels) {
        this.labels = labels;
    }

    /**
     * {@code values} held as {@code labels} when they are one value that {@code labels} rebuild exactly, else
     * {@code values} themselves (foreign formatting, label order, quoting, unknown or empty labels, several values).
     *
     * @param labels what {@link TxtRecordFormat#parse} read from the value, or null (not an ownership value)
     */
    public static List<String> compact(List<String> values, Map<String, String> labels) {
        if (values instanceof OwnershipValue || labels == null || values.size() != 1) {
            return values;
        }
        Map<String, String> held = Require.map(labels);
        return TxtRecordFormat.value(held).equals(values.get(0)) ? new OwnershipValue(held) : values;
    }

    /** The labels the value is rebuilt from (those parsing it gives). */
    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public String get(int index) {
        Objects.checkIndex(index, 1);
        return TxtRecordFormat.value(labels);
    }

    @Override
    public int size() {
        return 1;
    }
}
