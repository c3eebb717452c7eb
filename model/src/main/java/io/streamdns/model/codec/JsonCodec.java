package io.streamdns.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdns.model.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The one JSON codec of every topic value. Writes {@code "v": 1} first; reads only version 1 and turns every
 * malformed input into a {@link CodecException} naming the field.
 */
public final class JsonCodec {
    public static final int SCHEMA_VERSION = 1;
    public static final String VERSION_FIELD = "v";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // later minor additions stay readable
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private static final byte[] VERSION_PREFIX = ("{\"" + VERSION_FIELD + "\":" + SCHEMA_VERSION + ",")
            .getBytes(StandardCharsets.UTF_8);

    private JsonCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The value's own JSON with {@code "v":1} spliced in first: the same bytes as writing a tree with the version
     * first, without building the tree (every plan and state is encoded; the tree was most of the cost).
     */
    public static byte[] encode(Object value) {
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length < 2 || body[0] != '{') {
            return encodeTree(value); // not an object: the tree path says why
        }
        boolean empty = body.length == 2;
        byte[] out = new byte[VERSION_PREFIX.length + body.length - 1 - (empty ? 1 : 0)];
        System.arraycopy(VERSION_PREFIX, 0, out, 0, VERSION_PREFIX.length);
        if (empty) {
            out[out.length - 1] = '}';
        } else {
            System.arraycopy(body, 1, out, VERSION_PREFIX.length, body.length - 1);
        }
        return out;
    }

    private static byte[] encodeTree(Object value) {
        try {
            return MAPPER.writeValueAsBytes(toTree(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String encodeToString(Object value) {
        try {
            return MAPPER.writeValueAsString(toTree(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode toTree(Object value) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(VERSION_FIELD, SCHEMA_VERSION);
        node.setAll((ObjectNode) MAPPER.valueToTree(value));
        return node;
    }

    public static <T> T decode(byte[] bytes, Class<T> type) throws CodecException {
        if (bytes == null || bytes.length == 0) {
            throw new CodecException("", "empty value", null);
        }
        T fast = decodeStreaming(bytes, type);
        if (fast != null) {
            return fast;
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new CodecException("", "not JSON: " + e.getMessage(), e);
        }
        return decode(tree, type);
    }

    public static <T> T decode(String json, Class<T> type) throws CodecException {
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /**
     * The common case, {@code "v":1} first as {@link #encode} writes it, read in one streaming pass straight into
     * the type (no tree, no copy of it). Null for anything else, malformed input included: the tree path then
     * decides, so its answers and error messages stay the only ones.
     */
    private static <T> T decodeStreaming(byte[] bytes, Class<T> type) {
        try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !VERSION_FIELD.equals(p.currentName()) || p.nextToken() != JsonToken.VALUE_NUMBER_INT
                    || p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() != SCHEMA_VERSION
                    || p.nextToken() != JsonToken.FIELD_NAME) {
                return null;
            }
            return MAPPER.readerFor(type).readValue(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static <T> T decode(JsonNode tree, Class<T> type) throws CodecException {
        if (tree == null || !tree.isObject()) {
            throw new CodecException("", "not a JSON object", null);
        }
        JsonNode version = tree.get(VERSION_FIELD);
        if (version == null || version.isNull()) {
            throw new CodecException(VERSION_FIELD, "missing schema version", null);
        }
        if (!version.isInt() || version.intValue() != SCHEMA_VERSION) {
            throw new CodecException(VERSION_FIELD, "unsupported schema version " + version
                    + " (this build reads " + SCHEMA_VERSION + ")", null);
        }
        ObjectNode body = ((ObjectNode) tree).deepCopy();
        body.remove(VERSION_FIELD);
        try {
            return MAPPER.treeToValue(body, type);
        } catch (JsonMappingException e) {
            throw fromMapping(e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CodecException("", String.valueOf(e.getMessage()), e);
        }
    }

    private static CodecException fromMapping(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Require.MissingFieldException missing) {
                return new CodecException(join(path, missing.field()), "missing or blank", e);
            }
            if (t instanceof IllegalArgumentException iae && t != e) {
                return new CodecException(path, iae.getMessage(), e);
            }
        }
        return new CodecException(path, e.getOriginalMessage(), e);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
