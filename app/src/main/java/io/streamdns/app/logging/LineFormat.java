package io.streamdns.app.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * One log event as one line: text ({@code 13:02:11.345 INFO PlannerVerticle - msg}) or a JSON object with
 * {@code time}, {@code level}, {@code logger}, {@code msg}, the fields the message pattern names ({@code shard} from a
 * leading {@code [{}]}, {@code plan_id} after {@code plan }, {@code name} after {@code name }), key-value pairs of
 * slf4j's fluent API, and {@code error} with the stack trace. Pure.
 */
final class LineFormat {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private LineFormat() {
    }

    static String text(Instant at, String logger, Level level, String pattern, Object[] args, Throwable t) {
        StringBuilder b = new StringBuilder().append(CLOCK.format(at)).append(' ').append(level).append(' ')
                .append(shortName(logger)).append(" - ").append(message(pattern, args));
        if (t != null) {
            b.append('\n').append(stack(t).stripTrailing());
        }
        return b.toString();
    }

    static String json(Instant at, String logger, Level level, String pattern, Object[] args, Throwable t,
                       List<KeyValuePair> pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", at.toString());
        fields.put("level", level.name().toLowerCase(Locale.ROOT));
        fields.put("logger", shortName(logger));
        fields.put("msg", message(pattern, args));
        fields.putAll(patternFields(pattern, args));
        if (pairs != null) {
            for (KeyValuePair p : pairs) {
                fields.put(p.key, p.value);
            }
        }
        if (t != null) {
            fields.put("error", stack(t).stripTrailing());
        }
        StringBuilder b = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            quote(b, k).append(':');
            quote(b, String.valueOf(v));
        });
        return b.append('}').toString();
    }

    /** {@code shard}, {@code plan_id} and {@code name} where the pattern places them. */
    static Map<String, Object> patternFields(String pattern, Object[] args) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (pattern == null || args == null) {
            return out;
        }
        int arg = 0;
        int from = 0;
        while (arg < args.length) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            String before = pattern.substring(0, at);
            if (at == 1 && before.equals("[")) {
                out.put("shard", args[arg]);
            } else if (before.endsWith("plan ")) {
                out.putIfAbsent("plan_id", args[arg]);
            } else if (before.endsWith("name ")) {
                out.putIfAbsent("name", args[arg]);
            }
            arg++;
            from = at + 2;
        }
        return out;
    }

    static String message(String pattern, Object[] args) {
        return args == null || args.length == 0 ? String.valueOf(pattern)
                : MessageFormatter.basicArrayFormat(pattern, args);
    }

    static String shortName(String logger) {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    private static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
