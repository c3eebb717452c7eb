package io.streamdns.app.logging;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

/** A logger writing {@link LineFormat} lines as {@link LogConfig} says; one line per event, written whole. */
final class StreamdnsLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private final boolean quiet;

    StreamdnsLogger(String name) {
        this.name = name;
        this.quiet = LogConfig.quiet(name);
    }

    private boolean on(Level l) {
        return LogConfig.enabled(l, quiet);
    }

    @Override
    public boolean isTraceEnabled() {
        return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable t) {
        write(level, pattern, args, t, List.of());
    }

    /** slf4j's fluent API: its key-value pairs become JSON fields. */
    @Override
    public void log(LoggingEvent e) {
        if (on(e.getLevel())) {
            write(e.getLevel(), e.getMessage(), e.getArgumentArray(), e.getThrowable(), e.getKeyValuePairs());
        }
    }

    private void write(Level level, String pattern, Object[] args, Throwable t, List<KeyValuePair> pairs) {
        Instant now = Instant.now();
        String line = LogConfig.json() ? LineFormat.json(now, name, level, pattern, args, t, pairs)
                : LineFormat.text(now, name, level, pattern, args, t);
        LogConfig.out().println(line); // one println per event: lines of concurrent threads never interleave
        PrintStream console = LogConfig.errorsAlso();
        if (level == Level.ERROR && console != null) {
            console.println(line);
        }
    }
}
