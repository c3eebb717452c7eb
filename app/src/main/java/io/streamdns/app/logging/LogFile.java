package io.streamdns.app.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Every log line of the process into one file while it is open: streamdns's own, Kafka's (it logs through SLF4J),
 * and java.util.logging's (fabric8's mock API server logs each request there) routed into SLF4J. ERROR lines still
 * reach the console too. The demo uses it so that its console tells the story; {@link #close} puts things back.
 */
public final class LogFile implements AutoCloseable {
    private final Path path;
    private final PrintStream file;
    private final List<Handler> julHandlers;
    private final Handler bridge = new JulToSlf4j();

    private LogFile(Path path, PrintStream file) {
        this.path = path;
        this.file = file;
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        this.julHandlers = List.of(root.getHandlers());
    }

    public static LogFile open(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        LogFile f = new LogFile(path, new PrintStream(new FileOutputStream(path.toFile(), true), true,
                StandardCharsets.UTF_8));
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        f.julHandlers.forEach(root::removeHandler);
        root.addHandler(f.bridge);
        LogConfig.errorsAlso(System.err);
        LogConfig.output(f.file);
        return f;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        LogConfig.output(null);
        LogConfig.errorsAlso(null);
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        root.removeHandler(bridge);
        julHandlers.forEach(root::addHandler);
        file.close();
    }

    /** A java.util.logging record as an SLF4J event of the same logger (so {@link LogConfig}'s levels apply). */
    private static final class JulToSlf4j extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            int v = r.getLevel().intValue();
            Level level = v >= 1000 ? Level.ERROR : v >= 900 ? Level.WARN : v >= 800 ? Level.INFO
                    : v >= 500 ? Level.DEBUG : Level.TRACE;
            String name = r.getLoggerName() == null ? "jul" : r.getLoggerName();
            LoggerFactory.getLogger(name).atLevel(level).setCause(r.getThrown()).log(formatter.formatMessage(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
