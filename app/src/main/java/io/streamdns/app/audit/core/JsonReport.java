package io.streamdns.app.audit.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamdns.model.codec.JsonCodec;
import java.io.UncheckedIOException;

/** Renders a {@link History} or an {@link Explanation} as one JSON document (the model's own JSON shapes). */
public final class JsonReport {
    private JsonReport() {
    }

    public static String write(Object report) {
        try {
            return JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
