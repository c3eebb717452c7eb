package io.streamdns.model;

import io.streamdns.model.registry.OwnershipValue;
import java.util.List;
import java.util.Map;

/** Small guards for record constructors: they name the field, so a decode error can too. */
public final class Require {
    private Require() {
    }

    public static <T> T field(T value, String field) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    /** An immutable copy; an {@link OwnershipValue} (immutable, its value rebuilt on read) is taken as it is. */
    public static <T> List<T> list(List<T> value) {
        if (value instanceof OwnershipValue) {
            return value;
        }
        return value == null ? List.of() : List.copyOf(value);
    }

    /**
     * Sorted, so equal maps serialise equally (content hashes, deterministic plans), and compact
     * ({@link CompactMap}: a record's labels and properties are a few entries, held per record). A map this method
     * returned before is taken as it is: copying it again on every {@code with...} of a record costs a planner
     * seconds at 100k records.
     */
    public static Map<String, String> map(Map<String, String> value) {
        if (value == null || value.isEmpty()) {
            return Map.of();
        }
        return CompactMap.of(value);
    }

    /** A required field was absent or blank. */
    public static final class MissingFieldException extends IllegalArgumentException {
        private final String field;

        public MissingFieldException(String field) {
            super("missing required field '" + field + "'");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
