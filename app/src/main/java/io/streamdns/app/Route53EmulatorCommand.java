package io.streamdns.app;

import io.streamdns.runtime.Blocking;
import io.streamdns.sandbox.route53.Route53Emulator;
import io.streamdns.sandbox.route53.Route53EmulatorOptions;
import io.streamdns.sandbox.route53.store.Route53Error;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code streamdns route53-emulator}: the Route 53 emulator as a standalone HTTP server. */
@Blocking("the command's main thread: a CLI command, never an event loop")
@Command(name = "route53-emulator", mixinStandardHelpOptions = true,
        description = {"Serves the Route 53 emulator over HTTP (Route 53's 2013-04-01 REST-XML API, as strict as Route 53).",
                "Point an AWS SDK or streamdns (--aws-endpoint-url) at it with any credentials.",
                "Admin JSON under /_emulator/: counters, zones, faults, throttle, changes, reset."})
public final class Route53EmulatorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
    String host;

    @Option(names = "--port", defaultValue = "5300", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--zone", split = ",", description = "Hosted zone to create at start: NAME or NAME:private (repeatable).")
    List<String> zones;

    @Option(names = "--rate-limit", defaultValue = "5",
            description = "Requests per second across all operations, as Route 53's account quota; 0 = off (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--change-delay-ms", defaultValue = "1000",
            description = "How long a change stays PENDING before INSYNC (default: ${DEFAULT-VALUE}).")
    long changeDelayMs;

    @Option(names = "--prior-request-not-complete",
            description = "Refuse a change to a zone whose previous change is still PENDING, as Route 53 may.")
    boolean priorRequestNotComplete;

    @Option(names = "--error-rate-500", defaultValue = "0", description = "Share of requests answered 500 InternalFailure (0..1).")
    double errorRate500;

    @Option(names = "--error-rate-503", defaultValue = "0", description = "Share of requests answered 503 ServiceUnavailable (0..1).")
    double errorRate503;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Latency added to every request.")
    long latencyMs;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put("host", host);
        flags.put("port", Integer.toString(port));
        if (zones != null && !zones.isEmpty()) {
            flags.put("zone", String.join(",", zones));
        }
        flags.put("rate-limit", Double.toString(rateLimit));
        flags.put("change-delay-ms", Long.toString(changeDelayMs));
        flags.put("prior-request-not-complete", Boolean.toString(priorRequestNotComplete));
        flags.put("error-rate-500", Double.toString(errorRate500));
        flags.put("error-rate-503", Double.toString(errorRate503));
        flags.put("latency-ms", Long.toString(latencyMs));
        Route53EmulatorOptions options;
        try {
            options = Route53EmulatorOptions.fromMap(flags);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option " + e.getMessage());
        }
        Route53Emulator emulator;
        try {
            emulator = Route53Emulator.startBlocking(options);
        } catch (Route53Error e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--zone': " + e.getMessage());
        }
        spec.commandLine().getOut().printf("Route 53 emulator on %s%n", emulator.endpoint());
        emulator.zones().forEach(z -> spec.commandLine().getOut().printf("  zone %s  id %s%s%n",
                z.header().name(), z.header().id(), z.header().privateZone() ? "  (private)" : ""));
        spec.commandLine().getOut().flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "route53-emulator-stop"));
        stop.await();
        emulator.close();
        return 0;
    }
}
