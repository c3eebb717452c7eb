package io.streamdns.watcher.core;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdns.model.SourceState;
import io.streamdns.model.codec.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@link SourceState} to exactly the bytes {@link JsonCodec#encode} writes ({@code "v":1} first, then the
 * record's fields in order), without its JSON tree and without writing the endpoints a second time: the watcher
 * encodes every object it publishes, and the tree plus the repeated endpoints cost about as much as mapping the
 * object. The field names follow {@link SourceState}'s components; {@code StateCodecTest} holds the result
 * byte-equal to the shared codec, so a new component fails there first.
 */
public final class StateCodec {
    private static final ObjectMapper MAPPER = JsonCodec.mapper();
    private static final byte[] ENDPOINTS = ",\"endpoints\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] REJECTED = ",\"rejected\":".getBytes(StandardCharsets.UTF_8);

    private StateCodec() {
    }

    public static byte[] encode(SourceState state) {
        try {
            return encode(state, MAPPER.writeValueAsBytes(state.endpoints()), MAPPER.writeValueAsBytes(state.rejected()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param endpointsJson the JSON of {@code state.endpoints()} (as {@link ShardedState.Part} holds it)
     * @param rejectedJson  the JSON of {@code state.rejected()}
     */
    public static byte[] encode(SourceState state, byte[] endpointsJson, byte[] rejectedJson) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(160 + endpointsJson.length + rejectedJson.length)) {
            JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
            g.writeStartObject();
            g.writeNumberField(JsonCodec.VERSION_FIELD, JsonCodec.SCHEMA_VERSION);
            g.writeStringField("cluster", state.cluster());
            g.writeStringField("kind", state.kind());
            g.writeStringField("namespace", state.namespace());
            g.writeStringField("name", state.name());
            g.writeStringField("uid", state.uid());
            g.writeStringField("resourceVersion", state.resourceVersion());
            g.writeNumberField("observedAt", state.observedAt());
            g.flush(); // not closed: the object goes on with the lists' bytes, written below
            out.write(ENDPOINTS);
            out.write(endpointsJson);
            out.write(REJECTED);
            out.write(rejectedJson);
            out.write('}');
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
