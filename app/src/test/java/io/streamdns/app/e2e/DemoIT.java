package io.streamdns.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdns.app.DemoCommand;
import io.streamdns.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code streamdns demo --exit-when-done} walks its whole story on the console, with the log lines of the pipeline,
 * Kafka and the emulators in its log file, and the audit trail it leaves answers.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails the build instead of stalling it
class DemoIT {
    /** A log line of streamdns's backend ({@code 13:02:11.345 INFO Logger - msg}) or of java.util.logging. */
    private static final String LOG_LINE = "(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN) |INFO: |WARNING: ).*";

    @TempDir
    Path dir;

    @Test
    void demoWalksTheStoryThenAuditExplains() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = onConsole(stdout, stderr, () -> Main.newCommandLine()
                .execute("demo", "--exit-when-done", "--data-dir", dir.toString(), "--http-port", "0"));
        String text = stdout.toString(StandardCharsets.UTF_8);
        String console = text + stderr.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(console).isZero();
        assertThat(text).contains("Logs of the pipeline, Kafka and the emulators: ", "Step 1:", "Step 8:",
                "reached Route 53 in", "webapp.example.com", "a-webapp.example.com",
                "198.51.100.7", "www.example.com", "DNSEndpoint default/records",
                "HTTPRoute default/store", "Story done: 8 steps");
        // the story only: no line of the broker, the Kubernetes emulator (fabric8's mock server), the Route 53
        // emulator or the stages on the console
        assertThat(console).doesNotContainPattern(LOG_LINE)
                .doesNotContain("MockWebServer", "EmbeddedKafka", "QuorumController", "Route53Emulator -",
                        "WatcherVerticle", "org.apache.kafka");
        assertThat(text.lines().findFirst().orElseThrow()).contains(DemoCommand.LOG_FILE);
        String log = Files.readString(dir.resolve("demo").resolve(DemoCommand.LOG_FILE));
        assertThat(log).containsPattern(LOG_LINE).contains("EmbeddedKafka - embedded Kafka broker on",
                "Route53Emulator - Route 53 emulator listening", "WatcherVerticle - watcher for cluster cluster-a started");

        StringWriter audit = new StringWriter();
        CommandLine auditCmd = Main.newCommandLine();
        auditCmd.setOut(new PrintWriter(audit, true));
        int auditExit = auditCmd.execute("audit", "history", "webapp.example.com", "--data-dir", dir.resolve("demo").toString());
        assertThat(auditExit).as(audit.toString()).isZero();
        assertThat(audit.toString()).contains("cluster-a", "cluster-b", "my-webapp");
    }

    /**
     * Runs the command with standard output and error captured, as a terminal would see them; java.util.logging's
     * console handler is made anew on the captured error stream, as in a fresh JVM (an earlier test made it on the
     * real one).
     */
    private static int onConsole(ByteArrayOutputStream stdout, ByteArrayOutputStream stderr,
                                 java.util.concurrent.Callable<Integer> command) throws Exception {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        Logger root = LogManager.getLogManager().getLogger("");
        List<Handler> handlers = List.of(root.getHandlers());
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        handlers.forEach(root::removeHandler);
        Handler console = new ConsoleHandler();
        root.addHandler(console);
        try {
            return command.call();
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
            root.removeHandler(console);
            handlers.forEach(root::addHandler);
            realOut.print(stdout.toString(StandardCharsets.UTF_8));
            realErr.print(stderr.toString(StandardCharsets.UTF_8));
        }
    }
}
