package io.streamdns.watcher.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamdns.model.SourceState;
import io.streamdns.model.codec.JsonCodec;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@link SourceState} to exactly the bytes {@link JsonCodec#encode} writes ({@code "v":1} first, then the
 * record's fields), but streams the record once instead of building and writing a JSON tree: the watcher encodes
 * every object it publishes, and the tree cost about as much as mapping the object.
 */
public final class StateCodec {
    private static final byte[] PREFIX = ("{\"" + JsonCodec.VERSION_FIELD + "\":" + JsonCodec.SCHEMA_VERSION)
            .getBytes(StandardCharsets.UTF_8);

    private StateCodec() {
    }

    public static byte[] encode(SourceState state) {
        byte[] body;
        try {
            body = JsonCodec.mapper().writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // body is "{...}" (a record always has fields): splice the version in after the opening brace
        boolean empty = body.length == 2;
        byte[] out = new byte[PREFIX.length + body.length - 1 + (empty ? 0 : 1)];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        int at = PREFIX.length;
        if (!empty) {
            out[at++] = ',';
        }
        System.arraycopy(body, 1, out, at, body.length - 1);
        return out;
    }
}
