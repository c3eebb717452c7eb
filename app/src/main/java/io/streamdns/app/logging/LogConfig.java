package io.streamdns.app.logging;

import java.io.PrintStream;
import java.util.List;
import org.slf4j.event.Level;

/**
 * The process's logging settings ({@code --log-level}, {@code --log-format}), read by every logger on each call so a
 * command can set them once its flags are parsed. Libraries stay at WARN at most: their INFO chatter is not the
 * operator's story.
 */
public final class LogConfig {
    /** Loggers of libraries: never below WARN. */
    static final List<String> QUIET = List.of("kafka", "org.apache.kafka", "state.change.logger", "io.fabric8",
            "io.netty", "software.amazon", "io.vertx", "org.apache.zookeeper", "org.eclipse.jetty", "okhttp3");

    private static volatile Level level = Level.INFO;
    private static volatile boolean json;
    private static volatile PrintStream out = System.err;

    private LogConfig() {
    }

    /** @param format text or json */
    public static void configure(Level threshold, String format) {
        level = threshold;
        json = "json".equals(format);
    }

    /** Where lines go (tests); standard error otherwise, as external-dns writes them. */
    public static void output(PrintStream stream) {
        out = stream;
    }

    static PrintStream out() {
        return out;
    }

    static boolean json() {
        return json;
    }

    static boolean enabled(Level l, boolean quiet) {
        int threshold = quiet ? Math.max(level.toInt(), Level.WARN.toInt()) : level.toInt();
        return l.toInt() >= threshold;
    }

    static boolean quiet(String loggerName) {
        return QUIET.stream().anyMatch(p -> loggerName.equals(p) || loggerName.startsWith(p + "."));
    }

    /** external-dns's (logrus's) level names; panic and fatal log as ERROR. */
    public static Level level(String name) {
        return switch (name) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            default -> Level.ERROR;
        };
    }
}
