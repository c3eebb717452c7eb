package io.streamdns.bench.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stages and the broker as JVM processes of their own, started from this JVM's class path (the bench jar holds every
 * module), so a fault test can {@code kill -9} one ({@link Process#destroyForcibly} sends SIGKILL on Linux) and start
 * it again. Output goes to one log file per process in {@code dir}.
 */
public final class Processes implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path dir;
    private final List<Jvm> started = new ArrayList<>();
    private int count;

    /** A started JVM: its process, its name, and for stages the ops port. */
    public record Jvm(String name, Process process, int httpPort, Path log) {
        public void kill9() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public boolean alive() {
            return process.isAlive();
        }
    }

    public Processes(Path dir) {
        this.dir = dir;
    }

    /** Starts the embedded broker in its own JVM and waits for its READY line; returns it with the bootstrap servers. */
    public Broker broker(Path dataDir, int port, int partitions) {
        Jvm jvm = start("broker", 0, "-Xmx768m", "io.streamdns.sandbox.kafka.EmbeddedKafkaMain",
                dataDir.toString(), Integer.toString(port), Integer.toString(partitions));
        String bootstrap = awaitLine(jvm, "READY ", Duration.ofSeconds(90)).substring("READY ".length()).strip();
        return new Broker(jvm, bootstrap);
    }

    /** The broker process and where it listens. */
    public record Broker(Jvm jvm, String bootstrap) {
    }

    /** Starts {@code streamdns <stage> args...} in its own JVM and waits until its {@code /readyz} answers 200. */
    public Jvm stage(String name, String stage, List<String> args, Duration readyWithin) {
        int port = freePort();
        List<String> all = new ArrayList<>();
        all.add("io.streamdns.app.Main");
        all.add(stage);
        all.add("--http-port=" + port);
        all.addAll(args);
        Jvm jvm = start(name, port, "-Xmx384m", all.toArray(String[]::new));
        awaitReady(jvm, readyWithin);
        return jvm;
    }

    private Jvm start(String name, int httpPort, String heap, String... mainAndArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add(heap);
        cmd.add("-XX:+UseSerialGC"); // two cores shared by several JVMs: no parallel GC threads fighting
        cmd.add("-XX:TieredStopAtLevel=1"); // faster start; these runs measure faults, not peak speed
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        cmd.add("-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(List.of(mainAndArgs));
        Path log = dir.resolve(String.format("%02d-%s.log", ++count, name));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Jvm jvm = new Jvm(name, p, httpPort, log);
            started.add(jvm);
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private static String awaitLine(Jvm jvm, String prefix, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.alive()) {
                throw new IllegalStateException(jvm.name() + " exited (" + jvm.process().exitValue() + "); see " + jvm.log());
            }
            try (BufferedReader r = Files.newBufferedReader(jvm.log(), StandardCharsets.UTF_8)) {
                String line;
                String found = null;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(prefix)) {
                        found = line; // the last one: a restarted broker appends to the same log
                    }
                }
                if (found != null && jvm.process().info().startInstant().isPresent()) {
                    return found;
                }
            } catch (IOException e) {
                // not written yet
            }
            sleep(100);
        }
        throw new IllegalStateException(jvm.name() + " did not print " + prefix + " within " + within + "; see " + jvm.log());
    }

    private static void awaitReady(Jvm jvm, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.alive()) {
                throw new IllegalStateException(jvm.name() + " exited (" + jvm.process().exitValue() + "); see " + jvm.log());
            }
            if (ready(jvm)) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException(jvm.name() + " not ready within " + within + "; see " + jvm.log());
    }

    public static boolean ready(Jvm jvm) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jvm.httpPort() + "/readyz"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The stage's Prometheus text from {@code /metrics}; empty when it does not answer. */
    public static String metrics(Jvm jvm) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jvm.httpPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The sum over every series of {@code name} whose labels contain {@code labelPart} in Prometheus text. */
    public static double sample(String prometheusText, String name, String labelPart) {
        double sum = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(name) && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && line.contains(labelPart)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops every process still running: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        List<CompletableFuture<Process>> exits = new ArrayList<>();
        for (Jvm jvm : started) {
            if (jvm.alive()) {
                jvm.process().destroy();
                exits.add(jvm.process().onExit());
            }
        }
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // fall through to SIGKILL
        }
        started.stream().filter(Jvm::alive).forEach(Jvm::kill9);
    }
}
