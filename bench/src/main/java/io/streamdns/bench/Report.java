package io.streamdns.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The one JSON line a scenario prints: {@code scenario}, {@code params}, {@code machine}, {@code measured},
 * {@code target} (what was required, in words and as a number) and {@code met}.
 */
public final class Report {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode root = MAPPER.createObjectNode();
    private final ObjectNode params;
    private final ObjectNode measured;
    private final ObjectNode target;

    public Report(String scenario) {
        root.put("scenario", scenario);
        params = root.putObject("params");
        root.set("machine", Machine.facts());
        measured = root.putObject("measured");
        target = root.putObject("target");
        root.put("met", false);
    }

    public Report param(String key, Object value) {
        params.set(key, MAPPER.valueToTree(value));
        return this;
    }

    public Report measured(String key, Object value) {
        measured.set(key, value instanceof JsonNode j ? j : MAPPER.valueToTree(value instanceof Double d ? Stats.round(d) : value));
        return this;
    }

    public ObjectNode measured() {
        return measured;
    }

    /**
     * @param description the requirement in words, e.g. {@code "p99 <= debounce + 300 ms"}
     * @param limit       the number the key measure was compared with
     * @param met         whether it was met
     */
    public Report target(String description, double limit, boolean met) {
        target.put("description", description);
        target.put("limit", Stats.round(limit));
        root.put("met", met);
        return this;
    }

    public boolean met() {
        return root.get("met").asBoolean();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(finite(root));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON has no NaN or infinity: a figure that could not be measured is written as null. */
    private static JsonNode finite(JsonNode node) {
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            return MAPPER.nullNode();
        }
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), finite(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(n -> copy.add(finite(n)));
            return copy;
        }
        return node;
    }

    /** Prints the line and flushes: stdout holds nothing else. */
    public void print(PrintWriter out) {
        out.println(toJson());
        out.flush();
    }
}
