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
    /** null: standard error as it is now (a test may have replaced it). */
    private static volatile PrintStream out;
    /** Where ERROR lines go as well while {@link #out} is a log file (the demo's console); null: nowhere else. */
    private static volatile PrintStream errorsAlso;

    private LogConfig() {
    }

    /**
     * A library on the broker's classpath logs through the Log4j API; without a Log4j backend it would print an
     * error at start. Its few lines are not worth a second logging stack: Log4j's simple logger (ERROR and up, to
     * standard error) takes them. Unless the JVM was told otherwise.
     */
    public static void log4jToSimpleLogger() {
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    /** @param format text or json */
    public static void configure(Level threshold, String format) {
        level = threshold;
        json = "json".equals(format);
    }

    /** Where lines go (a log file, tests); null: standard error, as external-dns writes them. */
    public static void output(PrintStream stream) {
        out = stream;
    }

    static PrintStream out() {
        PrintStream o = out;
        return o != null ? o : System.err;
    }

    /** ERROR lines are written here too (the console, while the lines go to a file); null stops it. */
    static void errorsAlso(PrintStream stream) {
        errorsAlso = stream;
    }

    static PrintStream errorsAlso() {
        return errorsAlso;
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
